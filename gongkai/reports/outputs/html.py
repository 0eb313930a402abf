"""The report as HTML: the body fragment for the portal page, and a standalone page to print."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from . import report_layout


def _context(data: dict[str, Any]) -> dict[str, Any]:
    return {"report": report_layout(data)}


def report_html(data: dict[str, Any]) -> str:
    """Title, sections and tables (templates/reports/report_body.html), for the portal page."""
    return render_to_string("reports/report_body.html", _context(data))


def report_print_html(data: dict[str, Any]) -> str:
    """A whole page with its own print CSS (A4, Noto CJK, page numbers): the PDF's source."""
    return render_to_string("reports/report_print.html", _context(data))

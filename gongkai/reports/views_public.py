"""The annual reports on the portal: one report (its tables as real tables) and its downloads.

The list is the disclosure column's 年报 page (portal/columns.py); comparisons over the years
are in views_compare.py.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.core.errors import GongkaiError
from gongkai.orgs.policy import public

from . import selectors
from .outputs import report_html, report_output


def _region(request: HttpRequest):
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("没有找到区域。")
    return region


@public
@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_public(_region(request), pk)
    data = selectors.report_json(report)
    return render(
        request,
        "reports/public/report.html",
        {"report": report, "body": report_html(data), "current_column": "xxgknb"},
    )


@public
@require_GET
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_public(_region(request), pk)
    try:
        content, content_type, ext = report_output(selectors.report_json(report), fmt)
    except GongkaiError:
        raise Http404("没有这种格式。") from None
    response = HttpResponse(content, content_type=content_type)
    if ext in ("docx", "pdf"):
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=ext == "docx", filename=f"{report.title}.{ext}"
        )
    return response

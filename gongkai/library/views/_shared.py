"""What the library's staff views share: object lookups for the policy decorator, highlights."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from gongkai.core.errors import GongkaiError

from .. import selectors


def doc(request: HttpRequest, pk: int, **kwargs: Any):
    """The document for the rule check; 404 for anyone who may not see it."""
    return selectors.access_document_by_id(user=request.user, document_id=pk)


def attachment_doc(request: HttpRequest, pk: int, **kwargs: Any):
    return selectors.access_attachment_by_id(user=request.user, attachment_id=pk).document


def finding_doc(request: HttpRequest, pk: int, **kwargs: Any):
    return selectors.access_finding_by_id(user=request.user, finding_id=pk).document


def interpretation(request: HttpRequest, pk: int, **kwargs: Any):
    return selectors.access_interpretation_by_id(user=request.user, interpretation_id=pk)


def campaign(request: HttpRequest, pk: int, **kwargs: Any):
    return selectors.access_campaign_by_id(user=request.user, campaign_id=pk)


def campaign_region(request: HttpRequest, pk: int, **kwargs: Any):
    return campaign(request, pk).region


def region(request: HttpRequest, **kwargs: Any):
    return getattr(request, "region", None)


def done(request: HttpRequest, message: str, to: str, *args: Any) -> HttpResponse:
    messages.success(request, message)
    return redirect(to, *args)


def refused(request: HttpRequest, exc: GongkaiError, to: str, *args: Any) -> HttpResponse:
    messages.error(request, exc.message)
    return redirect(to, *args)


def highlight(text: str, findings: list) -> list[tuple[str, Any]]:
    """``text`` cut into (chunk, finding-or-None) pieces so a template can mark each finding."""
    pieces: list[tuple[str, Any]] = []
    at = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < at or f.end > len(text) or text[f.start : f.end] != f.text:
            continue  # out of date (the text changed since the scan): listed, not marked
        if f.start > at:
            pieces.append((text[at : f.start], None))
        pieces.append((text[f.start : f.end], f))
        at = f.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def excerpt(text: str, finding: Any, width: int = 40) -> list[tuple[str, Any]]:
    start = max(0, finding.start - width)
    end = min(len(text), finding.end + width)
    pieces = highlight(text[start:end], [_Shifted(finding, start)])
    return [(c, finding if f else None) for c, f in pieces]


class _Shifted:
    def __init__(self, finding: Any, offset: int) -> None:
        self.start, self.end, self.text = finding.start - offset, finding.end - offset, finding.text

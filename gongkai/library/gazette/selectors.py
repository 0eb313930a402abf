"""Reads of the gazette: the public archive shows published issues only; staff see drafts too."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gongkai.library.models import Document

from .models import GazetteEntry, GazetteIssue

P = GazetteIssue.Status.PUBLISHED


def issues_public(region: Any, *, year: int | None = None, q: str = "") -> QuerySet[GazetteIssue]:
    """Published issues, newest first; ``q`` keeps issues carrying a document whose title or
    发文字号 contains it."""
    qs = GazetteIssue.objects.filter(region=region, status=P)
    if year:
        qs = qs.filter(year=year)
    q = " ".join((q or "").split())[:50]
    if q:
        matching = GazetteEntry.objects.filter(
            Q(document__title__icontains=q) | Q(document__doc_number__icontains=q)
        ).values("issue_id")
        qs = qs.filter(pk__in=matching)
    return qs.annotate(documents=Count("entries")).order_by("-year", "-number")


def years_public(region: Any) -> list[dict]:
    """Each year with published issues and how many (the archive's year list)."""
    return list(
        GazetteIssue.objects.filter(region=region, status=P)
        .values("year")
        .annotate(issues=Count("id"))
        .order_by("-year")
    )


def issue_public(region: Any, year: int, number: int) -> GazetteIssue:
    issue = GazetteIssue.objects.filter(region=region, status=P, year=year, number=number).first()
    if issue is None:
        raise Http404("没有找到该期公报。")
    return issue


def issue_entries(issue: GazetteIssue) -> list[GazetteEntry]:
    """The table of contents; documents no longer public are listed without a link."""
    entries = list(issue.entries.select_related("document", "document__unit").order_by("sort"))
    for entry in entries:
        d = entry.document
        entry.is_public = (
            d.status == Document.Status.PUBLISHED and d.disclosure == Document.Disclosure.PROACTIVE
        )
    return entries


def issues_for_staff(region: Any) -> QuerySet[GazetteIssue]:
    return (
        GazetteIssue.objects.filter(region=region)
        .annotate(documents=Count("entries"))
        .order_by("-year", "-number")
    )


def gazette_issue_for_staff(region: Any, pk: int) -> GazetteIssue:
    issue = GazetteIssue.objects.filter(region=region, pk=pk).select_related("region").first()
    if issue is None:
        raise Http404("没有找到该期公报。")
    return issue

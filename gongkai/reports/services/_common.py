"""Small helpers the report services share."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.orgs.policy import require

from ..models import AnnualReport


def check(actor: Any, rule: str, obj: Any) -> None:
    """People must hold the rule; the system (actor None: worker, demo loader) may act."""
    if actor is not None:
        require(actor, rule, obj)


def touch(report: AnnualReport, fields: list[str]) -> None:
    report.updated_at = timezone.now()
    report.save(update_fields=[*fields, "updated_at"])


def staff_url(pk: int) -> str:
    try:
        return reverse("workspace:report", args=[pk])
    except NoReverseMatch:
        return ""


def locked(report: AnnualReport) -> AnnualReport:
    return (
        AnnualReport.objects.select_for_update().select_related("unit", "region").get(pk=report.pk)
    )

"""Escalating reminders on published ledgers: 周催办 weekly, 月督办 monthly, 季度通报 quarterly.

Each run builds the list for every published plan (the same lists the office sees on its pages
and downloads as .docx) and notifies the units on it and the office. Per-duty due-soon/overdue
reminders come from core.duties; these are the office's own escalation on top.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.jobs import periodic

from .models import WorkPlan
from .services import plan_remind


def _run(kind: str, now: dt.datetime) -> dict[str, int]:
    today = timezone.localdate(now)
    sent: dict[str, int] = {}
    for plan in WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED).select_related("region"):
        sent[str(plan.pk)] = plan_remind(plan=plan, kind=kind, today=today)
    return sent


@periodic("workplan.weekly_chase", every=dt.timedelta(days=7))
def weekly_chase(*, now: dt.datetime) -> dict[str, int]:
    return _run("weekly", now)


@periodic("workplan.monthly_supervision", every=dt.timedelta(days=30))
def monthly_supervision(*, now: dt.datetime) -> dict[str, int]:
    return _run("monthly", now)


@periodic("workplan.quarterly_bulletin", every=dt.timedelta(days=91))
def quarterly_bulletin(*, now: dt.datetime) -> dict[str, int]:
    return _run("quarterly", now)

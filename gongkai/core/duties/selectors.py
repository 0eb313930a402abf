"""Reads of duties for the inbox, sorted by urgency (overdue, due within 2 working days, normal)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.core.workdays import CalendarYearMissing, Urgency, get_calendar

from .models import Duty


@dataclass(frozen=True)
class InboxRow:
    duty: Duty
    urgency: Urgency
    workdays_left: int | None  # None when the calendar cannot say (year missing)


URGENCY_ORDER = {Urgency.OVERDUE: 0, Urgency.DUE_SOON: 1, Urgency.NORMAL: 2}


def _open(qs: QuerySet[Duty]) -> QuerySet[Duty]:
    return qs.filter(status=Duty.Status.OPEN).select_related("unit", "assignee", "region")


def duties_assigned_to(*, user: Any) -> QuerySet[Duty]:
    """Open duties assigned to the person, or to a role the person holds in the duty's unit.

    A duty with no assignee and no role is the unit clerks' (经办人); a reviewer sees the duties
    of their own level and those for any level.
    """
    from gongkai.orgs.policy import roles_of
    from gongkai.orgs.roles import Role

    role_q = Q(pk__in=[])
    for a in roles_of(user):
        if not a.unit_id:
            continue
        roles = [a.role, ""] if a.role == Role.CLERK else [a.role]
        cond = Q(unit_id=a.unit_id, assignee__isnull=True, role__in=roles)
        if a.level:
            cond &= Q(role_level__isnull=True) | Q(role_level=a.level)
        role_q |= cond
    return _open(Duty.objects.filter(Q(assignee=user) | role_q))


def duty_holders(*, duty: Duty) -> list[Any]:
    """The active people who must act on the duty: its assignee, else whoever holds its role
    (and level) in its unit, else the unit's clerks. Reminders go to them.

    An assignee who has left (deactivated) counts as none, so that the unit still hears of it.
    """
    from gongkai.orgs.models import User
    from gongkai.orgs.roles import Role

    if duty.assignee_id and duty.assignee.is_active:
        return [duty.assignee]
    # One filter() call, so that unit, role and level are matched on the same assignment.
    same_assignment = {"roles__unit_id": duty.unit_id, "roles__role": duty.role or Role.CLERK}
    if duty.role_level:
        same_assignment["roles__level"] = duty.role_level
    return list(User.objects.filter(is_active=True, **same_assignment).distinct().order_by("pk"))


def duties_of_units(*, unit_ids: set[int]) -> QuerySet[Duty]:
    return _open(Duty.objects.filter(unit_id__in=unit_ids))


def rank(duties: QuerySet[Duty] | list[Duty], *, today: dt.date) -> list[InboxRow]:
    """Rows sorted overdue first, then due soon, then by due date."""
    calendar = get_calendar()
    rows = []
    for duty in duties:
        if duty.due_on is None:
            rows.append(InboxRow(duty, Urgency.DUE_SOON, None))
            continue
        try:
            urgency = calendar.urgency(duty.due_on, today)
            left = calendar.between(today, duty.due_on)
        except CalendarYearMissing:
            urgency = Urgency.OVERDUE if today > duty.due_on else Urgency.NORMAL
            left = None
        rows.append(InboxRow(duty, urgency, left))
    rows.sort(key=lambda r: (URGENCY_ORDER[r.urgency], r.duty.due_on or dt.date.max, r.duty.pk))
    return rows


def counts(rows: list[InboxRow]) -> dict[str, int]:
    result = {u.value: 0 for u in Urgency}
    for row in rows:
        result[row.urgency.value] += 1
    result["total"] = len(rows)
    return result

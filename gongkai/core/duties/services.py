from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import Calendar, CalendarYearMissing, Pause, get_calendar

from .models import Duty


def _pauses(duty: Duty) -> list[Pause]:
    return [Pause(dt.date.fromisoformat(s), dt.date.fromisoformat(e)) for s, e in duty.pauses]


def compute_due(duty: Duty, calendar: Calendar | None = None) -> tuple[dt.date | None, str]:
    """The due date the rule gives, and a note; (None, why) when the calendar cannot say yet."""
    if duty.rule == Duty.Rule.FIXED:
        return duty.fixed_due, ""
    calendar = calendar or get_calendar()
    total = duty.workdays + duty.extension_workdays
    try:
        return calendar.add(duty.starts_on, total, _pauses(duty)), ""
    except CalendarYearMissing as exc:
        return None, str(exc)


@transaction.atomic
def duty_open(
    *,
    kind: str,
    title: str,
    unit: Any,
    subject: models.Model | None = None,
    url: str = "",
    assignee: Any | None = None,
    role: str = "",
    role_level: int | None = None,
    starts_on: dt.date | None = None,
    workdays: int | None = None,
    fixed_due: dt.date | None = None,
    actor: Any | None = None,
) -> Duty:
    """Open a duty for ``unit``. Give either ``starts_on`` + ``workdays`` or ``fixed_due``."""
    if (starts_on is None or workdays is None) == (fixed_due is None):
        raise GongkaiError("待办事项须给出起算日和工作日数，或给出固定截止日，二者取其一。")
    duty = Duty(
        kind=kind,
        title=title[:300],
        url=url,
        region_id=unit.region_id,
        unit=unit,
        assignee=assignee,
        role=role,
        role_level=role_level,
        rule=Duty.Rule.FIXED if fixed_due else Duty.Rule.WORKDAYS,
        starts_on=starts_on,
        workdays=workdays,
        fixed_due=fixed_due,
    )
    if subject is not None:
        duty.subject_type = subject._meta.label_lower
        duty.subject_id = str(subject.pk)
    duty.due_on, duty.due_note = compute_due(duty)
    duty.full_clean()
    duty.save()
    audit_record(actor=actor, verb="duty.open", obj=duty, after={"due_on": duty.due_on})
    return duty


def _transition(duty: Duty, to: str, *, actor: Any | None, verb: str) -> Duty:
    if duty.status != Duty.Status.OPEN:
        raise GongkaiError(f"该事项已{duty.get_status_display()}，不能再次操作。")
    duty.status = to
    duty.closed_at = timezone.now()
    duty.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, verb=verb, obj=duty, before={"status": "open"}, after={"status": to})
    return duty


@transaction.atomic
def duty_close(*, duty: Duty, actor: Any | None = None) -> Duty:
    return _transition(duty, Duty.Status.DONE, actor=actor, verb="duty.close")


@transaction.atomic
def duty_cancel(*, duty: Duty, actor: Any | None = None) -> Duty:
    return _transition(duty, Duty.Status.CANCELLED, actor=actor, verb="duty.cancel")


def close_duties_for(*, subject: models.Model, kind: str | None = None, actor: Any | None = None) -> int:
    """Close every open duty about ``subject`` (of ``kind`` if given); returns how many."""
    qs = Duty.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk), status=Duty.Status.OPEN
    )
    if kind:
        qs = qs.filter(kind=kind)
    closed = 0
    for duty in qs.select_for_update():
        _transition(duty, Duty.Status.DONE, actor=actor, verb="duty.close")
        closed += 1
    return closed


@transaction.atomic
def duty_set_clock(
    *,
    duty: Duty,
    pauses: list[tuple[dt.date, dt.date]] | None = None,
    extension_workdays: int | None = None,
    actor: Any | None = None,
) -> Duty:
    """Change a working-day duty's pauses or extension; the due date follows."""
    if duty.rule != Duty.Rule.WORKDAYS:
        raise GongkaiError("固定日期的事项没有中止或延期。")
    before = {"due_on": duty.due_on, "pauses": duty.pauses, "extension": duty.extension_workdays}
    if pauses is not None:
        duty.pauses = [[s.isoformat(), e.isoformat()] for s, e in pauses]
    if extension_workdays is not None:
        duty.extension_workdays = extension_workdays
    duty.due_on, duty.due_note = compute_due(duty)
    duty.save(update_fields=["pauses", "extension_workdays", "due_on", "due_note"])
    after = {"due_on": duty.due_on, "pauses": duty.pauses, "extension": duty.extension_workdays}
    audit_record(actor=actor, verb="duty.clock", obj=duty, before=before, after=after)
    return duty


@transaction.atomic
def duties_recompute_open(*, actor: Any | None = None, reason: str = "") -> int:
    """Recompute every open working-day duty (after the calendar changed); audit each change."""
    calendar = get_calendar()
    changed = 0
    for duty in Duty.objects.filter(status=Duty.Status.OPEN, rule=Duty.Rule.WORKDAYS):
        due, note = compute_due(duty, calendar)
        if (due, note) != (duty.due_on, duty.due_note):
            before = {"due_on": duty.due_on}
            duty.due_on, duty.due_note = due, note
            duty.save(update_fields=["due_on", "due_note"])
            audit_record(
                actor=actor,
                verb="duty.recompute",
                obj=duty,
                before=before,
                after={"due_on": due},
                details={"reason": reason},
            )
            changed += 1
    return changed

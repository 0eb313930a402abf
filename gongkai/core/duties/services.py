"""Writes of duties. Apps open, close and re-clock duties only through these functions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import Calendar, CalendarYearMissing, Pause, get_calendar
from gongkai.orgs.roles import Role

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
        return None, str(exc)[:300]


def _check_role(role: str, role_level: int | None) -> None:
    if role and role not in Role.values:
        raise GongkaiError(f"未知的办理角色“{role}”。", field="role")
    if role == Role.OFFICE_ADMIN:
        # A duty belongs to a unit; the region-wide office supervises it instead (督办).
        raise GongkaiError("待办事项不能交给公开办管理员角色，请指定单位内的角色。", field="role")
    if role_level is not None and role != Role.REVIEWER:
        raise GongkaiError("只有审核人角色才有审核级别。", field="role_level")
    if role_level is not None and not 1 <= role_level <= 3:
        raise GongkaiError("审核级别须为1至3级。", field="role_level")


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
    """Open a duty for ``unit``. Give either ``starts_on`` + ``workdays`` or ``fixed_due``.

    Nobody named: ``role`` (and ``role_level``) says who in the unit may act; no role means the
    unit's clerks (经办人).
    """
    by_workdays = starts_on is not None or workdays is not None
    if by_workdays == (fixed_due is not None):
        raise GongkaiError("待办事项须给出起算日和工作日数，或给出固定截止日，二者取其一。")
    if by_workdays and (starts_on is None or workdays is None):
        raise GongkaiError("按工作日计算时限的待办事项须同时给出起算日和工作日数。")
    if workdays is not None and workdays < 1:
        raise GongkaiError("工作日数须为正整数。", field="workdays")
    _check_role(role, role_level)
    if not title.strip():
        raise GongkaiError("待办事项须有名称。", field="title")
    duty = Duty(
        kind=kind,
        title=title.strip()[:300],
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
    audit_record(
        actor=actor,
        verb="duty.open",
        obj=duty,
        after={"status": duty.status, "due_on": duty.due_on},
        details={"办理人": str(assignee)} if assignee is not None else None,
    )
    return duty


def _transition(duty: Duty, to: str, *, actor: Any | None, verb: str) -> Duty:
    # Re-read under a row lock: two people pressing 办结 at once must not both succeed.
    current = Duty.objects.select_for_update().get(pk=duty.pk)
    if current.status != Duty.Status.OPEN:
        duty.status, duty.closed_at = current.status, current.closed_at
        raise GongkaiError(f"该事项已{current.get_status_display()}，不能再次操作。")
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


@transaction.atomic
def close_duties_for(
    *, subject: models.Model, kind: str | None = None, actor: Any | None = None
) -> int:
    """Close every open duty about ``subject`` (of ``kind`` if given); returns how many."""
    qs = Duty.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk), status=Duty.Status.OPEN
    )
    if kind:
        qs = qs.filter(kind=kind)
    closed = 0
    for duty in qs.order_by("pk"):
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
    """Change an open working-day duty's pauses or extension; the due date follows.

    ``pauses`` replaces the list (give every pause so far); each is (start, end) as in
    `gongkai.core.workdays.Pause`: the working days after start up to end are not counted.
    """
    if duty.rule != Duty.Rule.WORKDAYS:
        raise GongkaiError("固定日期的事项没有中止或延期。")
    if duty.status != Duty.Status.OPEN:
        raise GongkaiError(f"该事项已{duty.get_status_display()}，不能再调整时限。")
    if extension_workdays is not None and extension_workdays < 0:
        raise GongkaiError("延长的工作日数不能为负数。", field="extension_workdays")
    for start, end in pauses or ():
        if end < start:
            raise GongkaiError(f"中止期间的结束日 {end} 早于开始日 {start}。", field="pauses")
        if start < duty.starts_on:
            raise GongkaiError(f"中止期间不能早于起算日 {duty.starts_on}。", field="pauses")
    fields = ["due_on", "pauses", "extension_workdays"]
    before = {f: getattr(duty, f) for f in fields}
    if pauses is not None:
        duty.pauses = [[s.isoformat(), e.isoformat()] for s, e in sorted(pauses)]
    if extension_workdays is not None:
        duty.extension_workdays = extension_workdays
    duty.due_on, duty.due_note = compute_due(duty)
    duty.save(update_fields=[*fields, "due_note"])
    after = {f: getattr(duty, f) for f in fields}
    audit_record(actor=actor, verb="duty.clock", obj=duty, before=before, after=after)
    return duty


@transaction.atomic
def duties_recompute_open(*, actor: Any | None = None, reason: str = "") -> int:
    """Recompute every open working-day duty (after the calendar changed); audit each change."""
    calendar = get_calendar()
    changed = 0
    open_duties = Duty.objects.filter(status=Duty.Status.OPEN, rule=Duty.Rule.WORKDAYS)
    for duty in open_duties.select_for_update().order_by("pk"):
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
                details={"reason": reason} if reason else None,
            )
            changed += 1
    return changed

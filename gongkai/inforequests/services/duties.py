"""The case's duty in the unit's inbox: one open duty for the step the case is in, due when
the clock says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import duty_cancel, duty_close, duty_open, duty_set_clock

from ..clock import ClockResult, ClockStatus, Deadlines
from ..models import InfoRequest
from ._common import S, _today

# Office practice, not statutory: days to deliver a reply and to archive a delivered case.
DELIVER_WORKDAYS = 3
ARCHIVE_WORKDAYS = 10


@dataclass(frozen=True)
class _DutySpec:
    kind: str
    title: str
    starts_on: dt.date | None = None
    workdays: int | None = None
    fixed_due: dt.date | None = None
    pauses: tuple[tuple[dt.date, dt.date], ...] = ()
    extension: int = 0


def _pauses(result: ClockResult) -> tuple[tuple[dt.date, dt.date], ...]:
    return tuple(
        (step.data["start"], step.data["end"])
        for step in result.steps
        if step.kind in ("pause", "consent_by_silence") and "start" in step.data
    )


def _duty_spec(request: InfoRequest, result: ClockResult | None) -> _DutySpec | None:
    code = request.tracking_code
    status = request.status
    if result is None and request.is_open:
        # The calendar lacks a year: a working-day duty from the last event; the duty shows the
        # calendar's message and is recomputed when the year is entered.
        last = request.clock.order_by("-seq").first()
        start = last.date if last else request.received_on
        return _DutySpec(
            f"inforequest.{status}", f"办理依申请公开申请 {code}", starts_on=start, workdays=20
        )
    if result is None:
        result = ClockResult(
            due=None,
            status=ClockStatus.CLOSED,
            steps=[],
            deadlines=Deadlines(),
            received_on=request.received_on,
            clock_start=None,
        )
    deadlines = result.deadlines
    if status in (S.REVIEW, S.HANDLING) and result.clock_start is not None:
        kind, title = (
            ("inforequest.review", f"审核依申请公开申请 {code}")
            if status == S.REVIEW
            else ("inforequest.handle", f"办理依申请公开申请 {code}")
        )
        return _DutySpec(
            kind,
            title,
            starts_on=result.clock_start,
            workdays=20,
            pauses=_pauses(result),
            extension=result.extension_workdays,
        )
    if status == S.CORRECTION:
        due = deadlines.correction_due or result.abandoned_on or _today()
        return _DutySpec(
            "inforequest.correction", f"等待补正 {code}（逾期未补正的终止办理）", fixed_due=due
        )
    if status == S.CONSULTING:
        due = deadlines.consultation_answer_due or result.due or _today()
        return _DutySpec(
            "inforequest.consultation", f"征求意见 {code}（收到意见后记录）", fixed_due=due
        )
    if status == S.AWAITING_FEE:
        due = deadlines.fee_payment_due or result.abandoned_on or _today()
        return _DutySpec(
            "inforequest.fee", f"等待缴费 {code}（逾期未缴费的终止办理）", fixed_due=due
        )
    if status == S.REPLIED and request.decided_on:
        return _DutySpec(
            "inforequest.deliver",
            f"送达答复 {code}",
            starts_on=request.decided_on,
            workdays=DELIVER_WORKDAYS,
        )
    if status == S.DELIVERED:
        last = request.deliveries.order_by("-delivered_on").first()
        start = last.delivered_on if last else request.decided_on or _today()
        return _DutySpec(
            "inforequest.archive", f"归档 {code}", starts_on=start, workdays=ARCHIVE_WORKDAYS
        )
    return None


def _sync_duty(
    request: InfoRequest, result: ClockResult | None, *, actor: Any, cancel: bool = False
) -> None:
    """One open duty per case, for the step it is in, due when the clock says."""
    spec = _duty_spec(request, result)
    current = list(
        Duty.objects.filter(
            subject_type=InfoRequest._meta.label_lower,
            subject_id=str(request.pk),
            status=Duty.Status.OPEN,
        ).order_by("pk")
    )
    keep = None
    for duty in current:
        same = (
            spec is not None
            and keep is None
            and duty.kind == spec.kind
            and duty.unit_id == request.unit_id
            and duty.starts_on == spec.starts_on
            and duty.fixed_due == spec.fixed_due
        )
        if same:
            keep = duty
        elif cancel or duty.unit_id != request.unit_id:
            duty_cancel(duty=duty, actor=actor)
        else:
            duty_close(duty=duty, actor=actor)
    if spec is None:
        return
    if keep is None:
        keep = duty_open(
            kind=spec.kind,
            title=spec.title,
            unit=request.unit,
            subject=request,
            url=reverse("workspace:inforequests:case", args=[request.pk]),
            starts_on=spec.starts_on,
            workdays=spec.workdays,
            fixed_due=spec.fixed_due,
            actor=actor,
        )
    if spec.workdays is not None:
        pauses = [[s.isoformat(), e.isoformat()] for s, e in sorted(spec.pauses)]
        if pauses != keep.pauses or spec.extension != keep.extension_workdays:
            duty_set_clock(
                duty=keep, pauses=list(spec.pauses), extension_workdays=spec.extension, actor=actor
            )

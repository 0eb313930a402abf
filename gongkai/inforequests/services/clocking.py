"""The case's clock: its events, the clock's result for them, and the cached due date.

Every clock event is appended through ``_record_event``, which asks the clock
(gongkai.inforequests.clock.compute) first — an impossible sequence is refused with the clock's
Chinese message and nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import CalendarYearMissing, get_calendar

from ..clock import ClockError, ClockResult, ErrorCode, compute, event_from_dict
from ..models import ClockEntry, InfoRequest
from ._common import _lock, _today
from .duties import _sync_duty


def events_of(request: InfoRequest) -> list[dict]:
    return [entry.event for entry in request.clock.order_by("seq")]


def clock_result(
    request: InfoRequest, *, today: dt.date | None = None, extra: list[dict] | None = None
) -> ClockResult:
    """The clock's result for the case's events (plus ``extra``), at ``today``."""
    raw = events_of(request) + list(extra or [])
    events = [event_from_dict(item, index) for index, item in enumerate(raw)]
    try:
        calendar = get_calendar()
    except CalendarYearMissing as exc:  # pragma: no cover - the calendar loads lazily
        raise GongkaiError(str(exc)) from None
    return compute(events, calendar, today=today)


def _tolerant(request: InfoRequest, *, today: dt.date, extra: list[dict] | None = None):
    """The clock's result, or None when only the calendar is missing a year (e.g. a request
    received in December before next year's holidays are published): the event is still
    recorded — refusing to register a request would be worse — and the due date shows as
    unknown, with the calendar's message, until the year is entered."""
    try:
        return clock_result(request, today=today, extra=extra)
    except ClockError as exc:
        if exc.code != ErrorCode.CALENDAR_YEAR_MISSING:
            raise
        return None


def _record_event(request: InfoRequest, event: dict, *, actor: Any) -> ClockResult | None:
    """Append one clock event after the clock accepted it; refresh caches. Raises ClockError."""
    today = max(_today(), dt.date.fromisoformat(event["date"]))
    result = _tolerant(request, today=today, extra=[event])
    seq = request.clock.count()
    ClockEntry.objects.create(
        request=request,
        seq=seq,
        date=dt.date.fromisoformat(event["date"]),
        event=event,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _refresh_cache(request, result)
    return result


def _refresh_cache(request: InfoRequest, result: ClockResult | None) -> bool:
    """Store the clock's due date and status on the case; True when they changed."""
    if result is None:
        if request.due_on is None:
            return False
        request.due_on = None
        request.save(update_fields=["due_on"])
        return True
    due = result.due
    if due is None:
        d = result.deadlines
        due = d.correction_due or d.consultation_answer_due or d.fee_payment_due
        due = due or result.abandoned_on
    if (request.due_on, request.clock_status) == (due, result.status.value):
        return False
    request.due_on = due
    request.clock_status = result.status.value
    request.save(update_fields=["due_on", "clock_status"])
    return True


@transaction.atomic
def refresh_clock(*, request: InfoRequest, today: dt.date | None = None) -> ClockResult:
    """Recompute the cached clock fields as time passes (overdue, abandoned, consent by silence)."""
    request = _lock(request)
    result = _tolerant(request, today=today or _today())
    if _refresh_cache(request, result) and request.is_open:
        _sync_duty(request, result, actor=None)
    return result

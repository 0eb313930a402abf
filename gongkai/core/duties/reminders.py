"""Reminders: once when a duty becomes due soon (≤ 2 working days left), once when overdue.

The worker runs `duties_send_reminders` every few minutes; it is idempotent, so running it
twice, or on two workers at once, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.jobs import periodic
from gongkai.core.notify import notify
from gongkai.core.workdays import CalendarYearMissing, Urgency, get_calendar

from .models import Duty, Notification
from .selectors import duty_holders

logger = logging.getLogger("gongkai.duties")

# Due soon means at most 2 working days left; 2 working days can span a week of holidays
# (Spring Festival, National Day), so look this far ahead for candidates.
LOOKAHEAD = dt.timedelta(days=14)

MESSAGES = {
    Urgency.DUE_SOON: "“{title}”将于{due}到期，请抓紧办理。",
    Urgency.OVERDUE: "“{title}”已于{due}到期，现已逾期，请尽快办理并说明情况。",
}
KINDS = {Urgency.DUE_SOON: Notification.Kind.DUE_SOON, Urgency.OVERDUE: Notification.Kind.OVERDUE}
MARKS = {Urgency.DUE_SOON: "reminded_due_soon_at", Urgency.OVERDUE: "reminded_overdue_at"}


def _urgency(due: dt.date, today: dt.date) -> Urgency | None:
    try:
        return get_calendar().urgency(due, today)
    except CalendarYearMissing:
        # Without the year's arrangement only "past the due day" is certain.
        return Urgency.OVERDUE if today > due else None


def duties_send_reminders(*, now: dt.datetime) -> dict[str, int]:
    """Send every reminder that has fallen due by ``now``; returns how many duties per kind."""
    today = timezone.localdate(now)
    due_soon_unsent = Q(
        due_on__gte=today, due_on__lte=today + LOOKAHEAD, reminded_due_soon_at__isnull=True
    )
    overdue_unsent = Q(due_on__lt=today, reminded_overdue_at__isnull=True)
    candidates = Duty.objects.filter(due_soon_unsent | overdue_unsent, status=Duty.Status.OPEN)
    sent = {Urgency.DUE_SOON.value: 0, Urgency.OVERDUE.value: 0}
    for duty_id, due in candidates.order_by("due_on", "pk").values_list("pk", "due_on"):
        urgency = _urgency(due, today)
        if urgency in MARKS and _remind(duty_id, urgency, now=now):
            sent[urgency.value] += 1
    return sent


@transaction.atomic
def _remind(duty_id: int, urgency: Urgency, *, now: dt.datetime) -> bool:
    mark = MARKS[urgency]
    # Claim the reminder with a conditional update: of two workers racing, exactly one gets 1.
    claimed = Duty.objects.filter(
        pk=duty_id, status=Duty.Status.OPEN, **{f"{mark}__isnull": True}
    ).update(**{mark: now})
    if not claimed:
        return False
    duty = Duty.objects.select_related("assignee", "unit").get(pk=duty_id)
    recipients = duty_holders(duty=duty)
    due = f"{duty.due_on.year}年{duty.due_on.month}月{duty.due_on.day}日"
    message = MESSAGES[urgency].format(title=duty.title, due=due)
    for person in recipients:
        notify(recipient=person, kind=KINDS[urgency], message=message, url=duty.url, duty=duty)
    if not recipients:
        logger.warning("duty %s has nobody to remind in unit %s", duty.pk, duty.unit_id)
    audit_record(
        actor=None,
        actor_label="系统",
        verb=f"duty.remind_{urgency.value}",
        obj=duty,
        details={"提醒对象": "、".join(str(p) for p in recipients) or "（单位内无人可提醒）"},
    )
    return True


@periodic("duties.reminders", every=dt.timedelta(minutes=5))
def _reminders_periodic(*, now: dt.datetime) -> Any:
    return duties_send_reminders(now=now)

"""Reminders: once when a duty falls due within 2 working days, once when it is overdue."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.audit import history_for
from gongkai.core.duties.models import Duty, Notification
from gongkai.core.duties.reminders import duties_send_reminders
from gongkai.core.duties.services import duty_close, duty_open
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

pytestmark = pytest.mark.django_db
D = dt.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def notices() -> list[tuple[str, str, str]]:
    return sorted(
        (n.recipient.username, n.duty.title, n.kind)
        for n in Notification.objects.select_related("recipient", "duty")
    )


@pytest.fixture
def clerk(unit_a):
    return staff(unit_a, Role.CLERK, username="clerk")


def open_duty(unit, title, due, **kwargs):
    return duty_open(
        kind="test", title=title, unit=unit, fixed_due=due, url="/workspace/", **kwargs
    )


def test_a_duty_is_reminded_once_when_due_soon_and_once_when_overdue(calendar_years, unit_a, clerk):
    open_duty(unit_a, "答复申请", D(2026, 11, 25), assignee=clerk)  # a Wednesday

    timeline = [
        (at(D(2026, 11, 20)), {"due_soon": 0, "overdue": 0}),  # Fri: 3 working days left
        (at(D(2026, 11, 23)), {"due_soon": 1, "overdue": 0}),  # Mon: 2 left
        (at(D(2026, 11, 23), 15), {"due_soon": 0, "overdue": 0}),  # again: nothing new
        (at(D(2026, 11, 25), 17), {"due_soon": 0, "overdue": 0}),  # due today: not yet late
        (at(D(2026, 11, 26)), {"due_soon": 0, "overdue": 1}),
        (at(D(2026, 11, 30)), {"due_soon": 0, "overdue": 0}),
    ]
    for now, sent in timeline:
        assert duties_send_reminders(now=now) == sent, now
    assert notices() == [
        ("clerk", "答复申请", "due_soon"),
        ("clerk", "答复申请", "overdue"),
    ]
    duty = Duty.objects.get()
    assert duty.reminded_due_soon_at == at(D(2026, 11, 23))
    assert duty.reminded_overdue_at == at(D(2026, 11, 26))
    due_soon = Notification.objects.get(kind="due_soon")
    assert due_soon.message == "“答复申请”将于2026年11月25日到期，请抓紧办理。"
    assert due_soon.url == "/workspace/"


def test_two_working_days_can_span_a_holiday_week(calendar_years, unit_a, clerk):
    open_duty(unit_a, "国庆后到期", D(2026, 10, 9), assignee=clerk)
    assert duties_send_reminders(now=at(D(2026, 9, 29))) == {"due_soon": 0, "overdue": 0}
    assert duties_send_reminders(now=at(D(2026, 9, 30))) == {"due_soon": 1, "overdue": 0}


def test_a_duty_first_seen_already_overdue_gets_only_the_overdue_reminder(
    calendar_years, unit_a, clerk
):
    open_duty(unit_a, "早已逾期", D(2026, 11, 2), assignee=clerk)
    assert duties_send_reminders(now=at(D(2026, 11, 23))) == {"due_soon": 0, "overdue": 1}
    assert notices() == [("clerk", "早已逾期", "overdue")]


def test_without_an_assignee_everyone_holding_the_role_and_level_is_reminded(
    calendar_years, unit_a, unit_b, clerk
):
    staff(unit_a, Role.REVIEWER, level=1, username="r1")
    staff(unit_a, Role.REVIEWER, level=2, username="r2")
    staff(unit_b, Role.REVIEWER, level=2, username="b_r2")
    staff(unit_a, Role.CLERK, username="clerk2")
    open_duty(unit_a, "二级审核", D(2026, 11, 24), role=Role.REVIEWER, role_level=2)
    open_duty(unit_a, "单位事项", D(2026, 11, 24))  # no role: the unit's clerks
    duties_send_reminders(now=at(D(2026, 11, 23)))
    assert notices() == [
        ("clerk", "单位事项", "due_soon"),
        ("clerk2", "单位事项", "due_soon"),
        ("r2", "二级审核", "due_soon"),
    ]


def test_closed_duties_and_duties_far_off_are_left_alone(calendar_years, unit_a, clerk):
    duty_close(duty=open_duty(unit_a, "已办结", D(2026, 11, 20), assignee=clerk))
    open_duty(unit_a, "下月", D(2026, 12, 20), assignee=clerk)
    assert duties_send_reminders(now=at(D(2026, 11, 23))) == {"due_soon": 0, "overdue": 0}
    assert not Notification.objects.exists()


def test_each_reminder_is_in_the_duty_history(calendar_years, unit_a, clerk):
    duty = open_duty(unit_a, "答复申请", D(2026, 11, 24), assignee=clerk)
    duties_send_reminders(now=at(D(2026, 11, 23)))
    event = history_for(duty).last()
    assert (event.verb, event.actor_label) == ("duty.remind_due_soon", "系统")
    assert event.details == {"提醒对象": str(clerk)}


def test_a_duty_in_a_unit_with_nobody_to_remind_is_marked_and_recorded(calendar_years, unit_b):
    duty = open_duty(unit_b, "无人单位", D(2026, 11, 24))
    assert duties_send_reminders(now=at(D(2026, 11, 23))) == {"due_soon": 1, "overdue": 0}
    assert history_for(duty).last().details == {"提醒对象": "（单位内无人可提醒）"}
    assert duties_send_reminders(now=at(D(2026, 11, 23), 10)) == {"due_soon": 0, "overdue": 0}


def test_reminders_also_go_by_email_after_commit_when_configured(
    calendar_years, unit_a, clerk, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_NOTIFY_CHANNELS = ["inapp", "email"]
    clerk.email = "clerk@example.gov.cn"
    clerk.save(update_fields=["email"])
    open_duty(unit_a, "答复申请", D(2026, 11, 24), assignee=clerk)
    with django_capture_on_commit_callbacks(execute=True):
        duties_send_reminders(now=at(D(2026, 11, 23)))
    [email] = mail.outbox
    assert email.to == ["clerk@example.gov.cn"]
    assert "即将到期" in email.subject


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    due_offset=st.integers(-10, 20),
    run_offsets=st.lists(st.integers(0, 30), min_size=1, max_size=6),
)
def test_whatever_the_worker_does_each_reminder_is_sent_at_most_once(
    calendar_years, unit_a, clerk, due_offset, run_offsets
):
    start = D(2026, 11, 2)
    Notification.objects.all().delete()
    duty = open_duty(unit_a, "事项", start + dt.timedelta(days=due_offset), assignee=clerk)
    for offset in run_offsets:  # in any order: a worker may run late, twice, or out of turn
        duties_send_reminders(now=at(start + dt.timedelta(days=offset)))
    kinds = list(Notification.objects.filter(duty=duty).values_list("kind", flat=True))
    assert sorted(set(kinds)) == sorted(kinds)  # no kind twice
    late = any(start + dt.timedelta(days=o) > duty.due_on for o in run_offsets)
    assert ("overdue" in kinds) == late
    duty_close(duty=duty)

"""Opening, closing and re-clocking duties; due dates come from the real China calendar."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.audit import history_for
from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import (
    close_duties_for,
    duties_recompute_open,
    duty_cancel,
    duty_close,
    duty_open,
    duty_set_clock,
)
from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import get_calendar, invalidate_calendar
from gongkai.core.workdays.models import CalendarYear, SpecialDay
from gongkai.orgs.roles import Role

pytestmark = pytest.mark.django_db
D = dt.date


def open_duty(unit, **kwargs) -> Duty:
    kwargs.setdefault("kind", "test")
    kwargs.setdefault("title", "答复信息公开申请")
    return duty_open(unit=unit, **kwargs)


# 条例第三十三条: 20 working days; the start day is not counted (民法典第二百零一条).
@pytest.mark.parametrize(
    ("starts_on", "workdays", "due"),
    [
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # National Day week 10-01..07 off
        (D(2026, 9, 30), 20, D(2026, 11, 3)),  # …and Saturday 10-10 is worked (调休)
        (D(2026, 2, 12), 3, D(2026, 2, 24)),  # Sat 02-14 worked, Spring Festival 02-15..23 off
        (D(2025, 12, 31), 1, D(2026, 1, 4)),  # New Year 01-01..03 off, Sunday 01-04 worked
        (D(2024, 4, 30), 5, D(2024, 5, 10)),  # Labour Day 05-01..05 off
        (D(2026, 11, 20), 15, D(2026, 12, 11)),  # an ordinary Friday start
    ],
)
def test_a_working_day_duty_is_due_on_the_calendars_date(
    calendar_years, unit_a, starts_on, workdays, due
):
    duty = open_duty(unit_a, starts_on=starts_on, workdays=workdays)
    assert duty.rule == Duty.Rule.WORKDAYS
    assert duty.due_on == due
    assert duty.status == Duty.Status.OPEN


def test_a_fixed_date_duty_is_due_on_that_date_even_on_a_holiday(calendar_years, unit_a):
    # 年度报告 by 31 January (条例第五十条); a fixed date is not moved off a weekend.
    duty = open_duty(unit_a, fixed_due=D(2026, 1, 31))
    assert (duty.rule, duty.due_on) == (Duty.Rule.FIXED, D(2026, 1, 31))


def test_a_due_date_in_a_year_not_yet_entered_is_left_open_with_a_reason(calendar_years, unit_a):
    duty = open_duty(unit_a, starts_on=D(2026, 12, 20), workdays=20)
    assert duty.due_on is None
    assert "2027年的节假日安排尚未录入" in duty.due_note


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "二者取其一"),
        ({"starts_on": D(2026, 11, 23), "workdays": 5, "fixed_due": D(2026, 12, 1)}, "二者取其一"),
        ({"starts_on": D(2026, 11, 23)}, "同时给出起算日和工作日数"),
        ({"workdays": 5}, "同时给出起算日和工作日数"),
        ({"starts_on": D(2026, 11, 23), "workdays": 0}, "工作日数须为正整数"),
        ({"fixed_due": D(2026, 12, 1), "role": "boss"}, "未知的办理角色"),
        ({"fixed_due": D(2026, 12, 1), "role": Role.OFFICE_ADMIN}, "不能交给公开办管理员"),
        ({"fixed_due": D(2026, 12, 1), "role": Role.CLERK, "role_level": 1}, "只有审核人"),
        ({"fixed_due": D(2026, 12, 1), "role": Role.REVIEWER, "role_level": 4}, "1至3级"),
        ({"fixed_due": D(2026, 12, 1), "title": "  "}, "须有名称"),
    ],
)
def test_a_duty_with_bad_inputs_is_refused_in_chinese_and_nothing_is_written(
    calendar_years, unit_a, kwargs, message
):
    with pytest.raises(GongkaiError, match=message):
        open_duty(unit_a, **kwargs)
    assert not Duty.objects.exists()


def test_opening_is_audited_with_who_and_the_due_date(calendar_years, unit_a):
    from gongkai.orgs.tests.factories import staff

    clerk = staff(unit_a, Role.CLERK)
    duty = open_duty(unit_a, starts_on=D(2026, 11, 23), workdays=2, assignee=clerk, actor=clerk)
    event = history_for(duty).get()
    assert (event.verb, event.actor_id, event.unit_id) == ("duty.open", clerk.pk, unit_a.pk)
    assert event.after == {"status": "open", "due_on": "2026-11-25"}


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (duty_close, duty_close),
        (duty_close, duty_cancel),
        (duty_cancel, duty_close),
        (duty_cancel, duty_cancel),
    ],
)
def test_a_duty_is_closed_or_cancelled_once_only(calendar_years, unit_a, first, then):
    duty = open_duty(unit_a, fixed_due=D(2026, 12, 1))
    first(duty=duty)
    stale = Duty.objects.get(pk=duty.pk)
    with pytest.raises(GongkaiError, match="不能再次操作"):
        then(duty=duty)
    # A stale copy loaded elsewhere before the first close is refused too (the row is re-read).
    stale.status = Duty.Status.OPEN
    with pytest.raises(GongkaiError, match="不能再次操作"):
        then(duty=stale)
    duty.refresh_from_db()
    expected = Duty.Status.DONE if first is duty_close else Duty.Status.CANCELLED
    assert duty.status == expected
    assert duty.closed_at is not None
    assert [e.verb for e in history_for(duty)] == ["duty.open", f"duty.{first.__name__[5:]}"]


def test_closing_every_duty_about_a_subject(calendar_years, unit_a, unit_b):
    a1 = open_duty(unit_a, subject=unit_b, kind="review", fixed_due=D(2026, 12, 1))
    a2 = open_duty(unit_a, subject=unit_b, kind="reply", fixed_due=D(2026, 12, 1))
    other = open_duty(unit_a, subject=unit_a, kind="review", fixed_due=D(2026, 12, 1))
    assert close_duties_for(subject=unit_b, kind="review") == 1
    assert close_duties_for(subject=unit_b) == 1
    statuses = dict(Duty.objects.values_list("pk", "status"))
    assert statuses == {a1.pk: "done", a2.pk: "done", other.pk: "open"}


# 条例第三十条/第三十二条: time spent awaiting 补正 or a third party's opinion is not counted;
# 第三十三条: one extension of at most 20 working days.
@pytest.mark.parametrize(
    ("pauses", "extension", "due"),
    [
        ([], 0, D(2026, 11, 3)),
        # A pause from S to E stops the clock the day after S up to E: Sun–Fri pauses Mon–Fri.
        ([(D(2026, 10, 11), D(2026, 10, 16))], 0, D(2026, 11, 10)),  # +5
        ([(D(2026, 10, 12), D(2026, 10, 16))], 0, D(2026, 11, 9)),  # Mon 10-12 still counts: +4
        ([(D(2026, 10, 9), D(2026, 10, 12))], 0, D(2026, 11, 5)),  # Sat 10-10 (worked) + Mon: +2
        ([(D(2026, 9, 30), D(2026, 10, 7))], 0, D(2026, 11, 3)),  # paused over the holiday: +0
        ([], 20, D(2026, 12, 1)),
        ([(D(2026, 10, 11), D(2026, 10, 16))], 20, D(2026, 12, 8)),
        (
            [(D(2026, 10, 11), D(2026, 10, 13)), (D(2026, 10, 19), D(2026, 10, 21))],
            0,
            D(2026, 11, 9),
        ),  # two pauses of 2 working days each
    ],
)
def test_pauses_and_extensions_move_the_due_date(calendar_years, unit_a, pauses, extension, due):
    duty = open_duty(unit_a, starts_on=D(2026, 9, 30), workdays=20)
    duty_set_clock(duty=duty, pauses=pauses, extension_workdays=extension)
    duty.refresh_from_db()
    assert duty.due_on == due


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.dates(D(2024, 1, 1), D(2026, 6, 30)),
    workdays=st.integers(1, 40),
    offset=st.integers(0, 30),
    length=st.integers(0, 20),
)
def test_a_pause_before_the_due_date_moves_it_by_exactly_the_paused_working_days(
    calendar_years, unit_a, start, workdays, offset, length
):
    calendar = get_calendar()
    duty = open_duty(unit_a, starts_on=start, workdays=workdays)
    original = duty.due_on
    pause_start = start + dt.timedelta(days=offset)
    pause_end = min(pause_start + dt.timedelta(days=length), original)
    if pause_end < pause_start:
        return
    duty_set_clock(duty=duty, pauses=[(pause_start, pause_end)])
    paused = calendar.between(pause_start, pause_end)
    assert duty.due_on == calendar.add(original, paused)
    assert calendar.between(original, duty.due_on) == paused


def test_clock_changes_are_audited_with_before_and_after(calendar_years, unit_a):
    duty = open_duty(unit_a, starts_on=D(2026, 9, 30), workdays=20)
    duty_set_clock(duty=duty, pauses=[(D(2026, 10, 11), D(2026, 10, 16))])
    event = history_for(duty).last()
    assert event.verb == "duty.clock"
    assert event.before == {"due_on": "2026-11-03", "pauses": [], "extension_workdays": 0}
    assert event.after == {
        "due_on": "2026-11-10",
        "pauses": [["2026-10-11", "2026-10-16"]],
        "extension_workdays": 0,
    }


@pytest.mark.parametrize(
    ("setup", "kwargs", "message"),
    [
        ("fixed", {"extension_workdays": 5}, "固定日期的事项没有中止或延期"),
        ("closed", {"extension_workdays": 5}, "不能再调整时限"),
        ("open", {"extension_workdays": -1}, "不能为负数"),
        ("open", {"pauses": [(D(2026, 10, 16), D(2026, 10, 12))]}, "早于开始日"),
        ("open", {"pauses": [(D(2026, 9, 1), D(2026, 10, 12))]}, "不能早于起算日"),
    ],
)
def test_bad_clock_changes_are_refused_and_change_nothing(
    calendar_years, unit_a, setup, kwargs, message
):
    if setup == "fixed":
        duty = open_duty(unit_a, fixed_due=D(2026, 12, 1))
    else:
        duty = open_duty(unit_a, starts_on=D(2026, 9, 30), workdays=20)
        if setup == "closed":
            duty_close(duty=duty)
    due = duty.due_on
    with pytest.raises(GongkaiError, match=message):
        duty_set_clock(duty=duty, **kwargs)
    duty.refresh_from_db()
    assert (duty.due_on, duty.pauses, duty.extension_workdays) == (due, [], 0)


def test_when_the_calendar_changes_open_duties_are_recomputed_and_audited(calendar_years, unit_a):
    moving = open_duty(unit_a, starts_on=D(2026, 11, 2), workdays=10)  # due 11-16
    closed = open_duty(unit_a, starts_on=D(2026, 11, 2), workdays=10)
    duty_close(duty=closed)
    fixed = open_duty(unit_a, fixed_due=D(2026, 11, 16))
    waiting = open_duty(unit_a, starts_on=D(2026, 12, 20), workdays=20)  # needs 2027
    assert moving.due_on == D(2026, 11, 16)

    # Suppose a day off is declared on Wednesday 2026-11-11, and 2027 is entered (no holidays).
    SpecialDay.objects.create(date=D(2026, 11, 11), year_id=2026, kind="holiday", name="测试")
    CalendarYear.objects.create(year=2027, source=CalendarYear.Source.MANUAL)
    invalidate_calendar()

    assert duties_recompute_open(reason="录入2027年节假日安排") == 2
    due = dict(Duty.objects.values_list("pk", "due_on"))
    assert due[moving.pk] == D(2026, 11, 17)
    assert due[closed.pk] == D(2026, 11, 16)
    assert due[fixed.pk] == D(2026, 11, 16)
    assert due[waiting.pk] == D(2027, 1, 15)  # this made-up 2027 has no holidays
    event = history_for(moving).last()
    assert (event.verb, event.before, event.after) == (
        "duty.recompute",
        {"due_on": "2026-11-16"},
        {"due_on": "2026-11-17"},
    )
    assert event.details == {"reason": "录入2027年节假日安排"}
    assert duties_recompute_open() == 0  # nothing changes twice

"""Whose duties are whose, and the inbox order: overdue, due within 2 working days, the rest."""

import datetime as dt

import pytest

from gongkai.core.duties.selectors import (
    counts,
    duties_assigned_to,
    duties_of_units,
    duty_holders,
    rank,
)
from gongkai.core.duties.services import duty_close, duty_open
from gongkai.core.workdays import Urgency
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

pytestmark = pytest.mark.django_db
D = dt.date


LATER = D(2026, 12, 31)


def open_duty(unit, title="事项", due=LATER, **kwargs):
    return duty_open(kind="test", title=title, unit=unit, fixed_due=due, **kwargs)


def titles(qs) -> set[str]:
    return {d.title for d in qs}


@pytest.fixture
def people(unit_a, unit_b):
    return {
        "clerk": staff(unit_a, Role.CLERK),
        "clerk2": staff(unit_a, Role.CLERK),
        "r1": staff(unit_a, Role.REVIEWER, level=1),
        "r2": staff(unit_a, Role.REVIEWER, level=2),
        "head": staff(unit_a, Role.HEAD),
        "b_clerk": staff(unit_b, Role.CLERK),
        "b_r2": staff(unit_b, Role.REVIEWER, level=2),
        "office": staff(unit_a, Role.OFFICE_ADMIN),
    }


@pytest.fixture
def duties(people, unit_a, unit_b):
    open_duty(unit_a, "指派给经办人", assignee=people["clerk"])
    open_duty(unit_a, "经办人角色", role=Role.CLERK)
    open_duty(unit_a, "未指定角色")  # the unit's clerks
    open_duty(unit_a, "二级审核", role=Role.REVIEWER, role_level=2)
    open_duty(unit_a, "任一级审核", role=Role.REVIEWER)
    open_duty(unit_a, "负责人签发", role=Role.HEAD)
    open_duty(unit_b, "乙单位经办", role=Role.CLERK)
    open_duty(unit_b, "乙单位二级审核", role=Role.REVIEWER, role_level=2)
    duty_close(duty=open_duty(unit_a, "已办结", assignee=people["clerk"]))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("clerk", {"指派给经办人", "经办人角色", "未指定角色"}),
        ("clerk2", {"经办人角色", "未指定角色"}),  # not a colleague's own duty
        ("r1", {"任一级审核"}),
        ("r2", {"二级审核", "任一级审核"}),
        ("head", {"负责人签发"}),
        ("b_clerk", {"乙单位经办"}),
        ("b_r2", {"乙单位二级审核"}),
        ("office", set()),  # the office supervises; it is nobody's "my duty"
    ],
)
def test_my_duties_are_mine_by_name_or_by_role_and_level_in_my_unit(people, duties, who, expected):
    assert titles(duties_assigned_to(user=people[who])) == expected


def test_a_unit_list_shows_every_open_duty_of_those_units(duties, unit_a, unit_b):
    assert len(duties_of_units(unit_ids={unit_a.pk})) == 6
    assert titles(duties_of_units(unit_ids={unit_b.pk})) == {"乙单位经办", "乙单位二级审核"}
    assert not duties_of_units(unit_ids=set())


@pytest.mark.parametrize(
    ("title", "holders"),
    [
        ("指派给经办人", ["clerk"]),
        ("经办人角色", ["clerk", "clerk2"]),
        ("未指定角色", ["clerk", "clerk2"]),
        ("二级审核", ["r2"]),
        ("任一级审核", ["r1", "r2"]),
        ("乙单位二级审核", ["b_r2"]),
    ],
)
def test_the_people_to_remind_of_a_duty(people, duties, title, holders):
    from gongkai.core.duties.models import Duty

    duty = Duty.objects.get(title=title)
    assert duty_holders(duty=duty) == [people[h] for h in holders]


def test_people_who_left_are_not_reminded_and_their_duties_fall_to_the_role(people, duties):
    from gongkai.core.duties.models import Duty

    people["clerk2"].is_active = False
    people["clerk2"].save(update_fields=["is_active"])
    assert duty_holders(duty=Duty.objects.get(title="经办人角色")) == [people["clerk"]]
    people["clerk"].is_active = False
    people["clerk"].save(update_fields=["is_active"])
    people["clerk2"].is_active = True
    people["clerk2"].save(update_fields=["is_active"])
    assert duty_holders(duty=Duty.objects.get(title="指派给经办人")) == [people["clerk2"]]


# Today is Monday 2026-11-23. Due soon: at most 2 working days left.
@pytest.mark.parametrize(
    ("today", "due", "urgency", "left"),
    [
        (D(2026, 11, 23), D(2026, 11, 20), Urgency.OVERDUE, -1),
        (D(2026, 11, 23), D(2026, 11, 22), Urgency.OVERDUE, -1),  # due Sunday: late on Monday
        (D(2026, 11, 23), D(2026, 11, 23), Urgency.DUE_SOON, 0),  # due today is not yet late
        (D(2026, 11, 23), D(2026, 11, 25), Urgency.DUE_SOON, 2),
        (D(2026, 11, 23), D(2026, 11, 26), Urgency.NORMAL, 3),
        (D(2026, 11, 20), D(2026, 11, 24), Urgency.DUE_SOON, 2),  # over a weekend
        (D(2026, 9, 30), D(2026, 10, 9), Urgency.DUE_SOON, 2),  # 9 days, National Day between
        (D(2026, 9, 30), D(2026, 10, 12), Urgency.NORMAL, 4),  # Saturday 10-10 is worked
        (D(2026, 2, 13), D(2026, 2, 24), Urgency.DUE_SOON, 2),  # across the Spring Festival
    ],
)
def test_urgency_of_one_duty(calendar_years, unit_a, today, due, urgency, left):
    [row] = rank([open_duty(unit_a, due=due)], today=today)
    assert (row.urgency, row.workdays_left) == (urgency, left)


def test_the_inbox_lists_overdue_first_then_due_soon_then_the_rest_by_due_date(
    calendar_years, unit_a
):
    today = D(2026, 11, 23)
    for title, due in [
        ("下月", D(2026, 12, 20)),
        ("后天", D(2026, 11, 25)),
        ("上周", D(2026, 11, 16)),
        ("周四", D(2026, 11, 26)),
        ("明天", D(2026, 11, 24)),
        ("上周五", D(2026, 11, 20)),
    ]:
        open_duty(unit_a, title, due=due)
    rows = rank(duties_of_units(unit_ids={unit_a.pk}), today=today)
    assert [r.duty.title for r in rows] == ["上周", "上周五", "明天", "后天", "周四", "下月"]
    assert counts(rows) == {"overdue": 2, "due_soon": 2, "normal": 2, "total": 6}


def test_a_duty_whose_due_date_needs_next_years_calendar_is_shown_as_needing_attention(
    calendar_years, unit_a
):
    duty_open(kind="test", title="跨年", unit=unit_a, starts_on=D(2026, 12, 20), workdays=20)
    [row] = rank(duties_of_units(unit_ids={unit_a.pk}), today=D(2026, 12, 21))
    assert (row.urgency, row.workdays_left) == (Urgency.DUE_SOON, None)


def test_counts_of_an_empty_inbox_are_zero():
    assert counts([]) == {"overdue": 0, "due_soon": 0, "normal": 0, "total": 0}

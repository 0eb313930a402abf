"""Entering, importing and seeding a year's arrangement; open duties follow the new calendar."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import transaction

from gongkai.core.audit.models import AuditEvent
from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import duty_open
from gongkai.core.workdays import CalendarYearMissing, coverage, get_calendar, store
from gongkai.core.workdays.models import CalendarYear, SpecialDay
from gongkai.core.workdays.seed import package_days, seed_from_package
from gongkai.core.workdays.services import (
    CalendarInvalid,
    calendar_year_import_csv,
    calendar_year_set,
)
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

D = dt.date.fromisoformat
EXAMPLE = Path(__file__).resolve().parents[1] / "workdays" / "examples" / "example-year.csv"

# A made-up arrangement for 2027 used only by these tests: New Year's Day alone. The real 2027
# arrangement is whatever the State Council publishes; tests must not pretend to know it.
FICTIONAL_2027 = {"holidays": [(D("2027-01-01"), "元旦")], "makeup_workdays": []}


@pytest.fixture
def admin(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="gkb")


def _nothing_for(year):
    return (
        not CalendarYear.objects.filter(year=year).exists()
        and not SpecialDay.objects.filter(date__year=year).exists()
    )


# --- calendar_year_set ------------------------------------------------------------------------


def test_entering_a_year_makes_its_dates_computable_and_is_audited(calendar_years, admin):
    with pytest.raises(CalendarYearMissing):
        get_calendar().add(D("2026-12-30"), 5)
    saved = calendar_year_set(
        year=2027,
        notice="测试用虚构安排",
        source=CalendarYear.Source.MANUAL,
        actor=admin,
        **FICTIONAL_2027,
    )
    assert saved.changed and saved.holidays == 1 and saved.workdays == 0
    # Dec 31, then Jan 1 2027 is off: Jan 4, 5, 6, 7.
    assert get_calendar().add(D("2026-12-30"), 5) == D("2027-01-07")
    event = AuditEvent.objects.get(verb="workdays.year_set", object_id="2027")
    assert event.actor_id == admin.pk
    assert event.before is None
    assert event.after["days"] == [["2027-01-01", "holiday", "元旦"]]
    assert CalendarYear.objects.get(year=2027).entered_by == admin


def test_changing_a_year_replaces_all_its_days_and_records_before_and_after(calendar_years, admin):
    calendar_year_set(year=2027, notice="", actor=admin, **FICTIONAL_2027)
    calendar_year_set(
        year=2027,
        holidays=[(D("2027-01-01"), "元旦"), (D("2027-01-02"), "元旦")],
        makeup_workdays=[D("2027-01-09")],
        notice="第二版",
        actor=admin,
    )
    days = list(SpecialDay.objects.filter(year_id=2027).values_list("date", "kind"))
    assert days == [
        (D("2027-01-01"), "holiday"),
        (D("2027-01-02"), "holiday"),
        (D("2027-01-09"), "workday"),
    ]
    event = AuditEvent.objects.filter(verb="workdays.year_set", object_id="2027").last()
    assert event.before["days"] == [["2027-01-01", "holiday", "元旦"]]
    assert len(event.after["days"]) == 3
    assert get_calendar().is_workday(D("2027-01-09"))  # a Saturday, now a make-up day


def test_saving_the_same_arrangement_again_changes_nothing(calendar_years, admin):
    calendar_year_set(year=2027, notice="x", actor=admin, **FICTIONAL_2027)
    again = calendar_year_set(year=2027, notice="x", actor=admin, **FICTIONAL_2027)
    assert not again.changed
    assert AuditEvent.objects.filter(verb="workdays.year_set", object_id="2027").count() == 1


@pytest.mark.parametrize(
    ("holidays", "makeup", "message"),
    [
        ([(D("2026-12-31"), "")], [], "2026-12-31 不在2027年内"),
        ([(D("2027-10-01"), "国庆节")], [D("2027-10-01")], "不能既是放假日又是调休上班日"),
        ([(D("2027-10-01"), "国庆节")], [D("2027-10-13")], "调休上班日只能是星期六或星期日"),
        ([(D("2027-10-01"), "国庆节"), (D("2027-10-01"), "国庆节")], [], "重复"),
        ([], [D("2027-10-09")], "至少应有一个放假日"),
        ([(D("2027-10-01"), "节" * 41)], [], "不能超过40个字"),
    ],
)
def test_a_bad_arrangement_is_refused_in_chinese_and_changes_nothing(
    calendar_years, admin, holidays, makeup, message
):
    with pytest.raises(CalendarInvalid) as info:
        calendar_year_set(
            year=2027, holidays=holidays, makeup_workdays=makeup, notice="", actor=admin
        )
    assert any(message in e for e in info.value.errors), info.value.errors
    assert _nothing_for(2027)
    assert not AuditEvent.objects.filter(verb="workdays.year_set").exists()


def test_every_mistake_is_listed_at_once(calendar_years, admin):
    with pytest.raises(CalendarInvalid) as info:
        calendar_year_set(
            year=2027,
            holidays=[(D("2026-10-01"), ""), (D("2027-10-01"), "")],
            makeup_workdays=[D("2027-10-13"), D("2027-10-01")],
            actor=admin,
        )
    assert len(info.value.errors) == 3


def test_changing_an_existing_year_that_fails_keeps_the_old_days(calendar_years, admin):
    before = list(SpecialDay.objects.filter(year_id=2026).values_list("date", "kind", "name"))
    with pytest.raises(CalendarInvalid):
        calendar_year_set(
            year=2026,
            holidays=[(D("2026-10-01"), "国庆节")],
            makeup_workdays=[D("2026-10-14")],  # a Wednesday
            actor=admin,
        )
    assert (
        list(SpecialDay.objects.filter(year_id=2026).values_list("date", "kind", "name")) == before
    )


# --- open duties follow the calendar ------------------------------------------------------------


def test_entering_the_next_year_recomputes_an_open_duty(calendar_years, unit_a, admin):
    duty = duty_open(
        kind="test.reply", title="答复申请", unit=unit_a, starts_on=D("2026-12-18"), workdays=20
    )
    assert duty.due_on is None
    assert "2027" in duty.due_note

    saved = calendar_year_set(year=2027, notice="测试用虚构安排", actor=admin, **FICTIONAL_2027)

    duty.refresh_from_db()
    # Dec 21–31 give 9 working days; with only Jan 1 off, the 20th is Monday 18 January 2027.
    assert duty.due_on == D("2027-01-18")
    assert duty.due_note == ""
    assert saved.recomputed == 1
    event = AuditEvent.objects.get(verb="duty.recompute", object_id=str(duty.pk))
    assert event.after == {"due_on": "2027-01-18"}
    assert event.actor_id == admin.pk


def test_changing_a_holiday_moves_open_duties_but_not_closed_ones(calendar_years, unit_a, admin):
    open_duty = duty_open(
        kind="t", title="未办结", unit=unit_a, starts_on=D("2026-09-30"), workdays=1
    )
    closed = duty_open(kind="t", title="已办结", unit=unit_a, starts_on=D("2026-09-30"), workdays=1)
    Duty.objects.filter(pk=closed.pk).update(status=Duty.Status.DONE)
    assert open_duty.due_on == D("2026-10-08")

    # Suppose the office corrects 2026 so that 8 October is also off.
    days = package_days(2026)
    calendar_year_set(
        year=2026,
        holidays=[(d, n) for d, k, n in days if k == "holiday"] + [(D("2026-10-08"), "国庆节")],
        makeup_workdays=[d for d, k, _ in days if k == "workday"],
        notice="测试更正",
        actor=admin,
    )
    open_duty.refresh_from_db()
    closed.refresh_from_db()
    assert open_duty.due_on == D("2026-10-09")
    assert closed.due_on == D("2026-10-08")


# --- CSV import ---------------------------------------------------------------------------------


def test_importing_the_fictional_example_year(db, admin):
    assert _nothing_for(2031)
    saved = calendar_year_import_csv(year=2031, text=EXAMPLE.read_text("utf-8"), actor=admin)
    assert saved.changed
    assert CalendarYear.objects.get(year=2031).source == CalendarYear.Source.IMPORT
    calendar = get_calendar()
    assert calendar.add(D("2031-09-30"), 1) == D("2031-10-08")  # Oct 1–7 off in the example
    assert calendar.is_workday(D("2031-10-11"))  # its make-up Saturday
    assert AuditEvent.objects.filter(verb="workdays.year_set", object_id="2031").exists()


def test_chinese_kind_words_are_understood(db, admin):
    text = "日期,类型,名称\n2031-01-01,休,元旦\n2031-10-01,假,国庆节\n2031-10-11,班,国庆节\n"
    saved = calendar_year_import_csv(year=2031, text="\ufeff" + text, actor=admin)
    assert (saved.holidays, saved.workdays) == (2, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,kind,name\n2030-12-31,holiday,\n", "第2行：2030-12-31 不在2031年内"),
        ("date,kind,name\n2031-02-30,holiday,\n", "第2行：“2031-02-30”不是有效日期"),
        ("date,kind,name\n2031-10-01,vacation,\n", "第2行：类型“vacation”无法识别"),
        ("日期,名称\n2031-10-01,国庆节\n", "表头应为 date,kind,name"),
        ("", "文件是空的"),
        ("date,kind,name\n2031-10-01,holiday,国庆节,多余\n", "列数过多"),
        ("date,kind,name\n2031-10-13,workday,\n2031-01-01,holiday,元旦\n", "只能是星期六或星期日"),
    ],
)
def test_a_bad_csv_is_refused_line_by_line_and_changes_nothing(db, admin, text, message):
    with pytest.raises(CalendarInvalid) as info:
        calendar_year_import_csv(year=2031, text=text, actor=admin)
    assert any(message in e for e in info.value.errors), info.value.errors
    assert _nothing_for(2031)


def test_a_csv_with_several_bad_lines_lists_each(db, admin):
    text = (
        "date,kind,name\n2031-01-01,holiday,元旦\n2031-13-01,holiday,\n2032-01-01,holiday,\nx,y,z\n"
    )
    with pytest.raises(CalendarInvalid) as info:
        calendar_year_import_csv(year=2031, text=text, actor=admin)
    assert [e.split("：")[0] for e in info.value.errors] == ["第3行", "第4行", "第5行"]


def test_a_csv_shows_bad_lines_and_bad_days_together(db, admin):
    text = "date,kind,name\n2031-10-01,holiday,国庆节\n2031-10-15,workday,\nx,holiday,\n"
    with pytest.raises(CalendarInvalid) as info:
        calendar_year_import_csv(year=2031, text=text, actor=admin)
    assert len(info.value.errors) == 2
    assert "第4行" in info.value.errors[0]
    assert "2031-10-15（星期三）本来就是工作日" in info.value.errors[1]


# --- seeding from the package -------------------------------------------------------------------


def test_seeding_is_idempotent(calendar_years):
    assert seed_from_package(years=range(2024, 2027)) == []
    assert SpecialDay.objects.filter(year_id=2026, kind="holiday").count() == 33
    assert SpecialDay.objects.get(date=D("2026-10-10")).name == "国庆节"
    assert SpecialDay.objects.get(date=D("2026-10-03")).kind == "holiday"  # weekend days too


def test_seeding_restores_a_package_year_but_never_overwrites_a_manual_one(calendar_years, admin):
    SpecialDay.objects.filter(date=D("2025-10-08")).delete()
    calendar_year_set(
        year=2024, holidays=[(D("2024-01-01"), "元旦")], makeup_workdays=[], actor=admin
    )
    assert seed_from_package(years=range(2024, 2027)) == [2025]
    assert SpecialDay.objects.filter(date=D("2025-10-08")).exists()
    assert SpecialDay.objects.filter(year_id=2024).count() == 1
    assert CalendarYear.objects.get(year=2024).source == CalendarYear.Source.MANUAL


def test_the_migration_loaded_every_year_the_package_knows(db):
    assert set(range(2004, 2027)) <= set(CalendarYear.objects.values_list("year", flat=True))


# --- the cache ----------------------------------------------------------------------------------


def test_a_rolled_back_change_never_reaches_the_calendar(calendar_years, admin):
    assert not get_calendar().knows(2031)
    with pytest.raises(RuntimeError), transaction.atomic():
        calendar_year_set(
            year=2031, holidays=[(D("2031-01-01"), "")], makeup_workdays=[], actor=admin
        )
        assert get_calendar().knows(2031)  # the writing transaction sees its own change
        raise RuntimeError("abandon")
    assert not get_calendar().knows(2031)


def test_a_committed_change_tells_every_process_to_reload(
    calendar_years, admin, django_capture_on_commit_callbacks
):
    get_calendar()
    version = store._version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        calendar_year_set(
            year=2031, holidays=[(D("2031-01-01"), "")], makeup_workdays=[], actor=admin
        )
    assert store._version() == version  # other processes keep their copy until the commit
    for callback in callbacks:
        callback()
    assert store._version() > version


# --- coverage (/healthz) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "warning", "current_missing", "next_missing"),
    [
        ("2026-06-30", False, False, True),
        ("2026-10-31", False, False, True),
        ("2026-11-01", True, False, True),
        ("2026-12-31", True, False, True),
        ("2025-11-15", False, False, False),
        ("2027-03-01", True, True, True),
    ],
)
def test_coverage_warns_from_1_november_when_next_year_is_missing(
    calendar_years, today, warning, current_missing, next_missing
):
    info = coverage(D(today))
    assert info["warning"] is warning
    assert info["ok"] is (not warning)
    assert info["current_year_missing"] is current_missing
    assert info["next_year_missing"] is next_missing
    assert info["last_year"] == 2026
    if warning:
        assert str(D(today).year + (0 if current_missing else 1)) in info["message"]


def test_coverage_is_quiet_once_next_year_is_entered(calendar_years, admin):
    calendar_year_set(year=2027, notice="测试用虚构安排", actor=admin, **FICTIONAL_2027)
    info = coverage(D("2026-11-20"))
    assert info["warning"] is False
    assert info["last_year"] == 2027

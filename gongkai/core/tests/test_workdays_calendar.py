"""Working-day arithmetic on the real arrangements of 2024–2026 (State Council notices).

Convention under test (民法典第二百零一条; 条例第三十三条): the start day is not counted, so a
request received on 30 September 2026 is answered "within 1 working day" by 8 October 2026.
"""

import datetime as dt

import pytest

from gongkai.core.workdays import CalendarYearMissing, Pause, Urgency, get_calendar
from gongkai.core.workdays.seed import calendar_from_package

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def cal():
    return calendar_from_package(range(2024, 2027))


@pytest.mark.parametrize(
    ("start", "n", "due", "why"),
    [
        ("2026-09-30", 0, "2026-09-30", "zero working days: the start day itself"),
        ("2026-09-30", 1, "2026-10-08", "National Day 2026: Oct 1–7 off"),
        ("2026-09-30", 2, "2026-10-09", "Friday after the holiday"),
        ("2026-09-30", 3, "2026-10-10", "make-up Saturday 2026-10-10 counts"),
        ("2026-09-30", 4, "2026-10-12", "then Monday"),
        ("2026-09-30", 20, "2026-11-03", "条例第三十三条's 20 working days across National Day"),
        ("2026-09-18", 1, "2026-09-20", "make-up Sunday 2026-09-20 counts"),
        ("2026-09-24", 1, "2026-09-28", "Mid-Autumn 2026: Sep 25–27 off"),
        ("2026-03-06", 1, "2026-03-09", "Friday + 1 = Monday"),
        ("2026-02-13", 1, "2026-02-14", "make-up Saturday before Spring Festival 2026"),
        ("2026-02-14", 1, "2026-02-24", "Spring Festival 2026: Feb 15–23 off"),
        ("2026-02-27", 1, "2026-02-28", "make-up Saturday after Spring Festival 2026"),
        ("2025-12-31", 1, "2026-01-04", "across the year end: New Year 2026 off, Sunday Jan 4 on"),
        ("2025-01-27", 1, "2025-02-05", "Spring Festival 2025: Jan 28–Feb 4 off"),
        ("2025-01-24", 1, "2025-01-26", "make-up Sunday 2025-01-26"),
        ("2025-09-30", 1, "2025-10-09", "National Day + Mid-Autumn 2025: Oct 1–8 off"),
        ("2025-10-10", 1, "2025-10-11", "make-up Saturday 2025-10-11"),
        ("2024-09-30", 1, "2024-10-08", "National Day 2024: Oct 1–7 off"),
        ("2024-02-09", 1, "2024-02-18", "Spring Festival 2024: Feb 10–17 off, Sunday Feb 18 on"),
        ("2024-12-31", 1, "2025-01-02", "New Year 2025: one day"),
    ],
)
def test_add(cal, start, n, due, why):
    assert cal.add(D(start), n) == D(due), why


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        ("2026-09-30", "2026-10-12", 4),  # Oct 8, 9, 10 (make-up), 12
        ("2026-09-30", "2026-10-07", 0),  # the whole National Day week
        ("2026-09-30", "2026-09-30", 0),
        ("2026-10-12", "2026-09-30", -4),
        ("2026-02-13", "2026-02-28", 6),  # Feb 14 (make-up), 24, 25, 26, 27, 28 (make-up)
        ("2025-09-26", "2025-10-12", 6),  # Sep 28 (make-up), 29, 30, Oct 9, 10, 11 (make-up)
        ("2024-12-31", "2025-01-03", 2),  # Jan 1 off; Jan 2, 3
    ],
)
def test_between(cal, start, end, count):
    assert cal.between(D(start), D(end)) == count


@pytest.mark.parametrize(
    ("day", "workday", "kind"),
    [
        ("2026-10-08", True, "ordinary Thursday"),
        ("2026-10-01", False, "statutory holiday on a weekday"),
        ("2026-10-03", False, "holiday falling on a Saturday"),
        ("2026-10-10", True, "make-up Saturday"),
        ("2026-09-20", True, "make-up Sunday"),
        ("2026-10-11", False, "ordinary Sunday"),
        ("2026-10-17", False, "ordinary Saturday"),
        ("2026-02-23", False, "last day of Spring Festival 2026 (Monday)"),
        ("2026-02-14", True, "make-up Saturday before Spring Festival"),
        ("2025-10-08", False, "National Day 2025 ran to Oct 8"),
        ("2024-02-18", True, "make-up Sunday 2024"),
    ],
)
def test_is_workday(cal, day, workday, kind):
    assert cal.is_workday(D(day)) is workday, kind


def test_a_pause_removes_exactly_its_working_days(cal):
    start = D("2026-09-01")
    plain = cal.add(start, 20)
    pause = Pause(D("2026-09-10"), D("2026-09-17"))  # Sep 11, 14, 15, 16, 17 stand still
    assert cal.paused_workdays(pause) == 5
    assert cal.add(start, 20, [pause]) == cal.add(plain, 5)


def test_a_pause_across_national_day_counts_only_working_days(cal):
    pause = Pause(D("2026-09-29"), D("2026-10-12"))  # Sep 30, Oct 8, 9, 10, 12
    assert cal.paused_workdays(pause) == 5
    assert cal.add(D("2026-09-28"), 3, [pause]) == D("2026-10-14")


def test_pause_start_day_still_runs_and_end_day_stands_still(cal):
    # Clock stops the day after the pause begins and runs again the day after it ends.
    assert cal.add(D("2026-03-02"), 1, [Pause(D("2026-03-03"), D("2026-03-04"))]) == D("2026-03-03")
    assert cal.add(D("2026-03-02"), 2, [Pause(D("2026-03-03"), D("2026-03-04"))]) == D("2026-03-05")


def test_an_extension_adds_to_the_due_date_in_force(cal):
    # 条例第三十三条: 20 working days, extended once by at most 20.
    due = cal.add(D("2026-09-30"), 20)
    assert cal.add(D("2026-09-30"), 20 + 20) == cal.add(due, 20) == D("2026-12-01")


@pytest.mark.parametrize(
    ("due", "today", "urgency"),
    [
        ("2026-10-08", "2026-10-09", Urgency.OVERDUE),
        ("2026-10-12", "2026-10-08", Urgency.NORMAL),  # 3 working days left (9, 10, 12)
        ("2026-10-12", "2026-10-09", Urgency.DUE_SOON),  # 2 left: 10 (make-up), 12
        ("2026-10-08", "2026-09-30", Urgency.DUE_SOON),  # 1 working day across the holiday
        ("2026-10-08", "2026-10-08", Urgency.DUE_SOON),  # due today
        ("2026-10-09", "2026-09-28", Urgency.NORMAL),  # 4 left: Sep 29, 30, Oct 8, 9
        ("2026-11-03", "2026-09-30", Urgency.NORMAL),
    ],
)
def test_urgency(cal, due, today, urgency):
    assert cal.urgency(D(due), D(today)) == urgency


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.add(D("2026-12-30"), 5),
        lambda c: c.is_workday(D("2027-01-04")),
        lambda c: c.between(D("2026-12-01"), D("2027-01-10")),
        lambda c: c.urgency(D("2027-01-10"), D("2026-12-01")),
    ],
)
def test_2027_is_refused_with_a_message_naming_the_year(cal, call):
    with pytest.raises(CalendarYearMissing) as info:
        call(cal)
    assert info.value.year == 2027
    assert "2027年的节假日安排尚未录入" in str(info.value)


def test_the_database_calendar_matches_the_package(calendar_years):
    db_calendar = get_calendar()
    assert {2024, 2025, 2026} <= db_calendar.known_years
    assert db_calendar.add(D("2026-09-30"), 1) == D("2026-10-08")
    assert db_calendar.is_workday(D("2026-10-10"))
    with pytest.raises(CalendarYearMissing, match="2027"):
        db_calendar.add(D("2026-12-30"), 5)

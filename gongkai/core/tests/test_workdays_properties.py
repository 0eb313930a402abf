"""Invariants of the pure calendar, on the real arrangements of 2024–2026."""

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.core.workdays import CalendarYearMissing, Pause
from gongkai.core.workdays.seed import calendar_from_package

CAL = calendar_from_package(range(2024, 2027))

# Start dates leave room for 120 working days before the calendar runs out at the end of 2026.
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 6, 30))
counts = st.integers(min_value=0, max_value=60)


@given(dates, counts)
def test_measuring_what_was_added_gives_it_back(day, n):
    assert CAL.between(day, CAL.add(day, n)) == n


@given(dates, counts, counts)
def test_add_is_monotonic_in_n(day, n, m):
    low, high = sorted((n, m))
    assert CAL.add(day, low) <= CAL.add(day, high)


@given(dates, dates, counts)
def test_add_is_monotonic_in_the_start_date(a, b, n):
    a, b = sorted((a, b))
    assert CAL.add(a, n) <= CAL.add(b, n)


@given(dates, st.integers(min_value=1, max_value=60))
def test_a_positive_count_lands_on_a_working_day(day, n):
    assert CAL.is_workday(CAL.add(day, n))


@given(dates, counts, counts)
def test_adding_n_then_m_is_adding_n_plus_m(day, n, m):
    assert CAL.add(CAL.add(day, n), m) == CAL.add(day, n + m)


@given(
    dates, counts, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=30)
)
def test_a_pause_before_the_due_date_shifts_it_by_its_working_days(day, n, offset, length):
    due = CAL.add(day, n)
    start = day + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=length)
    assume(start < due)
    pause = Pause(start, end)
    assert CAL.add(day, n, [pause]) == CAL.add(due, CAL.paused_workdays(pause))


@given(dates, counts, st.integers(min_value=0, max_value=40))
def test_an_extension_adds_to_the_due_date(day, n, extension):
    assert CAL.add(day, n + extension) == CAL.add(CAL.add(day, n), extension)


@settings(max_examples=30)
@given(st.dates(min_value=dt.date(2026, 12, 1), max_value=dt.date(2026, 12, 31)))
def test_running_past_2026_is_refused_not_guessed(day):
    with pytest.raises(CalendarYearMissing) as info:
        CAL.add(day, 30)
    assert info.value.year == 2027

"""The calendar counts with bisection; it must agree with walking day by day, pauses included."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.workdays import CalendarYearMissing, Pause
from gongkai.core.workdays.seed import calendar_from_package

CAL = calendar_from_package(range(2024, 2027))
DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 10, 31))
# Starts early enough that 40 working days plus three 30-day pauses stay inside the known years.
STARTS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 6, 30))


def walk_add(start, n, pauses=()):
    day, remaining = start, n
    while remaining:
        day += dt.timedelta(days=1)
        if CAL.is_workday(day) and not any(p.start < day <= p.end for p in pauses):
            remaining -= 1
    return day


def walk_between(start, end):
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += CAL.is_workday(day)
    return count


@settings(max_examples=300, deadline=None)
@given(
    start=STARTS,
    n=st.integers(min_value=0, max_value=40),
    pauses=st.lists(
        st.tuples(DAYS, st.integers(min_value=0, max_value=30)).map(
            lambda t: Pause(t[0], t[0] + dt.timedelta(days=t[1]))
        ),
        max_size=3,
    ),
)
def test_add_agrees_with_walking(start, n, pauses):
    assert CAL.add(start, n, pauses) == walk_add(start, n, pauses)


@settings(max_examples=300, deadline=None)
@given(a=DAYS, b=DAYS)
def test_between_agrees_with_walking(a, b):
    expected = walk_between(a, b) if a <= b else -walk_between(b, a)
    assert CAL.between(a, b) == expected


def test_counting_into_an_unknown_year_names_it():
    for call in (
        lambda: CAL.add(dt.date(2026, 12, 30), 5),
        lambda: CAL.between(dt.date(2026, 12, 1), dt.date(2027, 1, 5)),
    ):
        try:
            call()
        except CalendarYearMissing as exc:
            assert exc.year == 2027
        else:
            raise AssertionError("2027 is not known and must be refused")

"""Working-day arithmetic on the China calendar. Pure: no database, no clock.

Conventions (tested in tests/test_workdays_*.py):

* A period counted in working days does not count its start day. 民法典第二百零一条: a period
  counted in days starts from the next day; 条例第三十三条's "20 working days from receipt"
  therefore ends on the 20th working day *after* the day of receipt. ``add(d, 0) == d``.
* ``between(a, b)`` counts the working days after ``a`` up to and including ``b`` (negative when
  ``b`` is before ``a``), so that ``between(a, add(a, n)) == n``.
* A pause (补正 awaited, third-party consultation, fee notice) from S to E removes the working
  days after S up to and including E: the clock stops the day after the pause begins and runs
  again the day after it ends.
* An extension adds its working days to the due date in force.
* Any date in a year whose arrangement has not been entered raises ``CalendarYearMissing``:
  the calendar never guesses (the State Council announces each year in late autumn).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)


class CalendarYearMissing(LookupError):
    """A date falls in a year whose holiday arrangement nobody has entered yet."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法计算工作日。"
            f"请公开办管理员在“工作日历”中录入或导入国务院办公厅公布的{year}年节假日安排。"
        )


@dataclass(frozen=True)
class Pause:
    """The clock stands still on the working days after ``start`` up to and including ``end``."""

    start: dt.date
    end: dt.date
    reason: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start < day <= self.end


class Urgency(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NORMAL = "normal"

    @property
    def label(self) -> str:
        return {"overdue": "已逾期", "due_soon": "即将到期", "normal": "正常"}[self.value]


# A duty is "due soon" when at most this many working days remain (issue 2: within 2).
DUE_SOON_WORKDAYS = 2


class Calendar:
    """Weekends off, statutory holidays off, make-up days (调休) on, for the known years only."""

    def __init__(
        self,
        *,
        known_years: Iterable[int],
        holidays: Iterable[dt.date] = (),
        makeup_workdays: Iterable[dt.date] = (),
    ):
        self.known_years = frozenset(known_years)
        self.holidays = frozenset(holidays)
        self.makeup_workdays = frozenset(makeup_workdays)
        overlap = self.holidays & self.makeup_workdays
        if overlap:
            day = min(overlap)
            raise ValueError(f"{day} 不能既是节假日又是调休上班日。")
        # Every working day of the known years, in order: counting becomes two bisections
        # instead of a walk (the inbox ranks thousands of duties per page view).
        self._workdays: list[dt.date] = []
        for year in sorted(self.known_years):
            day = dt.date(year, 1, 1)
            while day.year == year:
                if self._is_workday_known(day):
                    self._workdays.append(day)
                day += ONE_DAY

    @property
    def last_year(self) -> int | None:
        return max(self.known_years) if self.known_years else None

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def _check(self, day: dt.date) -> None:
        if day.year not in self.known_years:
            raise CalendarYearMissing(day.year)

    def _is_workday_known(self, day: dt.date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def is_workday(self, day: dt.date) -> bool:
        self._check(day)
        return self._is_workday_known(day)

    def _check_years(self, first: int, last: int) -> None:
        """Refuse if any year from ``first`` to ``last`` is unknown, naming the earliest."""
        for year in range(first, last + 1):
            if year not in self.known_years:
                raise CalendarYearMissing(year)

    def _add_plain(self, start: dt.date, workdays: int) -> dt.date:
        if workdays == 0:
            return start
        first_year = (start + ONE_DAY).year
        index = bisect.bisect_right(self._workdays, start) + workdays - 1
        if index >= len(self._workdays):
            self._check_years(first_year, max(first_year, (self.last_year or first_year) + 1))
        due = self._workdays[index]
        self._check_years(first_year, due.year)
        return due

    def _paused_until(self, start: dt.date, until: dt.date, pauses: list[tuple]) -> int:
        """Working days in (start, until] that fall inside any pause (merged intervals)."""
        total = 0
        for pause_start, pause_end in pauses:
            low, high = max(pause_start, start), min(pause_end, until)
            if high > low:
                total += self._count(low, high)
        return total

    def _count(self, start: dt.date, end: dt.date) -> int:
        return bisect.bisect_right(self._workdays, end) - bisect.bisect_right(self._workdays, start)

    def add(self, start: dt.date, workdays: int, pauses: Iterable[Pause] = ()) -> dt.date:
        """The ``workdays``-th counted working day after ``start``; paused days are not counted.

        With pauses: the due date is the smallest working day ``d`` with
        ``workdays(start, d] - paused(start, d] == workdays``; iterating
        ``d = add(start, workdays + paused(start, d))`` from below reaches it in a few steps.
        """
        if workdays < 0:
            raise ValueError("工作日数不能为负数。")
        merged = _merge(pauses)
        due = self._add_plain(start, workdays)
        while merged:
            paused = self._paused_until(start, due, merged)
            later = self._add_plain(start, workdays + paused)
            if later == due:
                break
            due = later
        return due

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when earlier)."""
        if end < start:
            return -self.between(end, start)
        if end == start:
            return 0
        self._check_years((start + ONE_DAY).year, end.year)
        return self._count(start, end)

    def paused_workdays(self, pause: Pause) -> int:
        return self.between(pause.start, pause.end) if pause.end > pause.start else 0

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def urgency(self, due: dt.date, today: dt.date) -> Urgency:
        """Overdue once the due day has passed; due soon when ≤ 2 working days remain."""
        if today > due:
            return Urgency.OVERDUE
        if self.between(today, due) <= DUE_SOON_WORKDAYS:
            return Urgency.DUE_SOON
        return Urgency.NORMAL


def _merge(pauses: Iterable[Pause]) -> list[tuple[dt.date, dt.date]]:
    """Pauses as disjoint (start, end] intervals, so overlapping pauses are not counted twice."""
    intervals = sorted((p.start, p.end) for p in pauses if p.end > p.start)
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

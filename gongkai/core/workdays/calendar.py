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

    @property
    def last_year(self) -> int | None:
        return max(self.known_years) if self.known_years else None

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def _check(self, day: dt.date) -> None:
        if day.year not in self.known_years:
            raise CalendarYearMissing(day.year)

    def is_workday(self, day: dt.date) -> bool:
        self._check(day)
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add(self, start: dt.date, workdays: int, pauses: Iterable[Pause] = ()) -> dt.date:
        """The ``workdays``-th counted working day after ``start``; paused days are not counted."""
        if workdays < 0:
            raise ValueError("工作日数不能为负数。")
        pauses = tuple(pauses)
        day = start
        remaining = workdays
        while remaining:
            day += ONE_DAY
            if self.is_workday(day) and not any(p.covers(day) for p in pauses):
                remaining -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when earlier)."""
        if end < start:
            return -self.between(end, start)
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count

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

"""China working-day calendar and deadline arithmetic.

Public API (import from here):
    get_calendar() -> Calendar          the calendar as the database knows it (cached)
    Calendar.is_workday / add / between / paused_workdays / next_workday / urgency
    CalendarYearMissing                 raised for any date in a year not entered
    coverage(today) -> dict             known years and the "next year missing" warning (/healthz)

Writes live in ``gongkai.core.workdays.services`` (calendar_year_set, calendar_year_import_csv)
and ``gongkai.core.workdays.seed`` (seed_from_package).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .calendar import Calendar, CalendarYearMissing, Pause, Urgency
from .store import get_calendar, invalidate_calendar


def coverage(today: dt.date) -> dict[str, Any]:
    """Known years, last year, whether next year is missing and whether to warn (from 1 Nov)."""
    from .selectors import coverage as _coverage

    return _coverage(today)


__all__ = [
    "Calendar",
    "CalendarYearMissing",
    "Pause",
    "Urgency",
    "coverage",
    "get_calendar",
    "invalidate_calendar",
]

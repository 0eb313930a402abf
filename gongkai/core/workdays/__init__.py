"""China working-day calendar and deadline arithmetic.

Public API (import from here):
    get_calendar() -> Calendar          the calendar as the database knows it (cached)
    Calendar.is_workday / add / between / due_with / urgency
    CalendarYearMissing                 raised for any date in a year not entered
"""

from .calendar import Calendar, CalendarYearMissing, Pause, Urgency
from .store import get_calendar, invalidate_calendar

__all__ = [
    "Calendar",
    "CalendarYearMissing",
    "Pause",
    "Urgency",
    "get_calendar",
    "invalidate_calendar",
]

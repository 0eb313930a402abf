"""The calendar as the database holds it, cached per process and invalidated on change."""

from __future__ import annotations

import threading

from django.core.cache import cache

from .calendar import Calendar

_lock = threading.Lock()
_cached: tuple[int, Calendar] | None = None
_VERSION_KEY = "gongkai:workdays:version"


def _version() -> int:
    return cache.get_or_set(_VERSION_KEY, 1, timeout=None)


def get_calendar() -> Calendar:
    """The calendar for all known years. Other processes see a change within one request."""
    global _cached
    version = _version()
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        from .models import CalendarYear, SpecialDay

        years = list(CalendarYear.objects.values_list("year", flat=True))
        holidays, makeup = [], []
        for date, kind in SpecialDay.objects.values_list("date", "kind"):
            (holidays if kind == SpecialDay.Kind.HOLIDAY else makeup).append(date)
        calendar = Calendar(known_years=years, holidays=holidays, makeup_workdays=makeup)
        _cached = (version, calendar)
        return calendar


def invalidate_calendar() -> None:
    global _cached
    with _lock:
        _cached = None
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, timeout=None)

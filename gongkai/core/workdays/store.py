"""The calendar as the database holds it, cached per process and invalidated on change.

A change is made visible in two steps. Inside the transaction that writes the days,
``calendar_changed()`` marks the connection so that ``get_calendar()`` reads the database afresh
(the recomputation of open duties must see the new days) without sharing those uncommitted days
with the process cache. After commit, the cache version is bumped so that every process reloads.
A rolled-back change therefore never reaches any cache.
"""

from __future__ import annotations

import logging
import threading

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .calendar import Calendar

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: tuple[int, Calendar] | None = None
_VERSION_KEY = "gongkai:workdays:version"
_DIRTY_ATTR = "_gongkai_calendar_dirty"


def _version() -> int:
    return cache.get_or_set(_VERSION_KEY, 1, timeout=None)


def load_calendar() -> Calendar:
    """The calendar read from the database now, bypassing every cache."""
    from .models import CalendarYear, SpecialDay

    years = list(CalendarYear.objects.values_list("year", flat=True))
    holidays, makeup = [], []
    for date, kind in SpecialDay.objects.values_list("date", "kind"):
        (holidays if kind == SpecialDay.Kind.HOLIDAY else makeup).append(date)
    return Calendar(known_years=years, holidays=holidays, makeup_workdays=makeup)


def _uncommitted_change() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    if not getattr(connection, _DIRTY_ATTR, False):
        return False
    if connection.in_atomic_block:
        return True
    # The transaction that changed the calendar has ended (committed or rolled back).
    setattr(connection, _DIRTY_ATTR, False)
    return False


def get_calendar() -> Calendar:
    """The calendar for all known years. Other processes see a change within one request."""
    global _cached
    if _uncommitted_change():
        return load_calendar()
    version = _version()
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        calendar = load_calendar()
        _cached = (version, calendar)
        return calendar


def invalidate_calendar() -> None:
    global _cached
    with _lock:
        _cached = None
    try:
        try:
            cache.incr(_VERSION_KEY)
        except ValueError:
            cache.set(_VERSION_KEY, 2, timeout=None)
    except Exception:
        # Runs after commit: the change is saved; only other processes' copies may lag until the
        # cache works again (e.g. the database cache table was never created). Say so, don't fail.
        logger.exception("工作日历缓存版本更新失败：其他进程可能仍在使用旧的节假日安排")


def calendar_changed() -> None:
    """Call after writing calendar days: this transaction sees them now, everyone after commit."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        setattr(connection, _DIRTY_ATTR, True)
        transaction.on_commit(invalidate_calendar)
    else:
        invalidate_calendar()


def forget_local() -> None:
    """Drop this process's copy without touching the shared cache (used by migrations)."""
    global _cached
    with _lock:
        _cached = None

# ruff: noqa: S608  (SQL is assembled from constants; every value is a parameter)
"""How many entries match, when only the newest matches were read.

A search reads the newest COUNT_EXACT + 1 matches (services.search). When there are more, the
total is estimated as the share of matches among the entries those newest matches span, times
the entries from the oldest match to the newest. Entries are counted from a per-day histogram of
the index (cached for a few minutes; ids carry their day and a per-day serial, see .ids), so the
estimate costs no query of its own. Counting days instead of entries, as before, failed where
entries pile up on one day: a library whose last 1,000 matches were all published on its last
day was estimated at 1,000 × 3,650 days.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from django.core.cache import cache

from . import ids

HISTOGRAM_SECONDS = 600
_SERIAL_MASK = (1 << ids.SERIAL_BITS) - 1


class Histogram:
    """Entries per day of one index, with prefix sums."""

    def __init__(self, days: list[tuple[int, int]]):
        self.days = [d for d, _ in days]
        self.counts = dict(days)
        self.prefix = [0]
        for _, n in days:
            self.prefix.append(self.prefix[-1] + n)

    def entries(self, first_day: int, last_day: int) -> int:
        """Entries dated first_day … last_day (inclusive)."""
        a, b = bisect_left(self.days, first_day), bisect_right(self.days, last_day)
        return self.prefix[b] - self.prefix[a] if b > a else 0

    def between(self, older: int, newer: int) -> int:
        """Entries from id `older` to id `newer` (inclusive), from their days and serials."""
        da, db = ids.day_of(older), ids.day_of(newer)
        sa, sb = older & _SERIAL_MASK, newer & _SERIAL_MASK
        if da == db:
            return max(1, sb - sa + 1)
        head = max(1, self.counts.get(da, 0) - sa)  # the older id's day, from its serial on
        return head + self.entries(da + 1, db - 1) + sb + 1


# Every search on SQLite reads the histogram (backends._density); each process keeps the one it
# read for a few seconds rather than fetch it from the cache each time.
LOCAL_SECONDS = 5
_local: dict[int, tuple[float, Histogram]] = {}


def _key(number: int) -> str:
    return f"gongkai:search:days2:{number}"  # 2: (expiry, days)


def changed(number: int, *, added: Iterable[int] = (), removed: Iterable[int] = ()) -> None:
    """Entries `added` and `removed` (ids) were written to the index: the cached histogram is
    adjusted in place, keeping its expiry, rather than counted again — at a million entries the
    count takes a quarter of a second, which the next search would pay after every write.

    An adjustment lost to a concurrent writer, or kept when the writer's transaction rolled back
    (with a cache outside the database), leaves a day's count off by a few until the histogram
    expires: it only scales estimates."""
    _local.pop(number, None)
    key = _key(number)
    kept = cache.get(key)
    if kept is None:
        return
    deadline, days = kept
    counts = dict(days)
    for row_id in added:
        day = ids.day_of(row_id)
        counts[day] = counts.get(day, 0) + 1
    for row_id in removed:
        day = ids.day_of(row_id)
        left = counts.get(day, 0) - 1
        if left > 0:
            counts[day] = left
        else:
            counts.pop(day, None)
    remaining = deadline - time.time()
    if remaining < 1:
        cache.delete(key)
        return
    cache.set(key, (deadline, sorted(counts.items())), remaining)


def forget() -> None:
    """Drop this process's copies (tests, after the database was rolled back)."""
    _local.clear()


def histogram(cursor, number: int) -> Histogram:
    now = time.monotonic()
    kept = _local.get(number)
    if kept is not None and now - kept[0] < LOCAL_SECONDS:
        return kept[1]
    key = _key(number)
    kept = cache.get(key)
    if kept is not None:
        days = kept[1]
    else:
        lo, hi = ids.id_range(number, None, None)
        cursor.execute(
            f"SELECT (id >> {ids.SERIAL_BITS}) & {ids.MAX_DAY}, count(*) FROM core_searchdoc"
            " WHERE id BETWEEN %s AND %s GROUP BY 1 ORDER BY 1",
            [lo, hi],
        )
        days = [(int(d), int(n)) for d, n in cursor.fetchall()]
        cache.set(key, (time.time() + HISTOGRAM_SECONDS, days), HISTOGRAM_SECONDS)
    made = Histogram(days)
    _local[number] = (now, made)
    return made


def matches(cursor, number: int, newest: list[int], oldest: int, counted: int) -> int:
    """Estimated matches, given the newest `counted` + 1 matches (newest first) and the id of the
    oldest match."""
    days = histogram(cursor, number)
    window = days.between(newest[counted - 1], newest[0])
    span = days.between(oldest, newest[0])
    estimate = round(counted * span / max(1, window))
    return max(counted + 1, min(estimate, max(span, counted + 1)))

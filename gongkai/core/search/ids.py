"""Row ids that sort by (index, date): index number << 39 | day << 22 | serial.

Why: at a million rows the costly part of a search is not finding the matches but visiting each
of them (to rank, count, facet or join). With ids in date order, "this index, this date range"
is one id range that FTS5 and the B-tree restrict without visiting other rows, "newest first" is
simply descending id order (FTS5 walks a posting list backwards and stops after the page), and
the newest K matches are cheap to take as the candidate set for ranking.

day = days since 1899-12-31 (1 for 1900-01-01; 0 when the entry has no date, so undated entries
sort last), up to 2^17 - 1 (the year 2258). Up to 2^22 (4 million) entries per index per day,
and 2^24 index numbers. An entry whose date changes gets a new id.

Two writers allocating at once could pick the same serial; index writes come from the job
worker, and PostgreSQL additionally takes a transaction-level advisory lock per index.
"""

from __future__ import annotations

import datetime as dt

DAY_BITS = 17
SERIAL_BITS = 22
INDEX_SHIFT = DAY_BITS + SERIAL_BITS
EPOCH = dt.date(1899, 12, 31)
MAX_DAY = (1 << DAY_BITS) - 1


def day_number(date: dt.date | None) -> int:
    if date is None:
        return 0
    return max(1, min(MAX_DAY, (date - EPOCH).days))


def base(index_number: int, date: dt.date | None) -> int:
    return (index_number << INDEX_SHIFT) | (day_number(date) << SERIAL_BITS)


def id_range(index_number: int, date_from: dt.date | None, date_to: dt.date | None):
    """Inclusive (lo, hi) ids of the index's entries within the dates (open ends allowed)."""
    lo = index_number << INDEX_SHIFT
    hi = ((index_number + 1) << INDEX_SHIFT) - 1
    if date_from:
        lo = base(index_number, date_from)
    if date_to:
        hi = base(index_number, date_to) + (1 << SERIAL_BITS) - 1
    return lo, hi


def day_of(row_id: int) -> int:
    return (row_id >> SERIAL_BITS) & MAX_DAY


def index_number(cursor, name: str, *, create: bool) -> int | None:
    cursor.execute("SELECT id FROM core_searchname WHERE name = %s", [name])
    row = cursor.fetchone()
    if row:
        return row[0]
    if not create:
        return None
    cursor.execute("SELECT coalesce(max(id), 0) + 1 FROM core_searchname")
    number = cursor.fetchone()[0]
    cursor.execute("INSERT INTO core_searchname (id, name) VALUES (%s, %s)", [number, name])
    return number


class Allocator:
    """Next free id per (index, day), remembered across a batch so bulk loads ask once per day."""

    def __init__(self, cursor, number: int):
        self.cursor, self.number = cursor, number
        self.next: dict[int, int] = {}

    def __call__(self, date: dt.date | None) -> int:
        start = base(self.number, date)
        if start not in self.next:
            self.cursor.execute(
                "SELECT max(id) FROM core_searchdoc WHERE id >= %s AND id < %s",
                [start, start + (1 << SERIAL_BITS)],
            )
            top = self.cursor.fetchone()[0]
            self.next[start] = start if top is None else top + 1
        row_id = self.next[start]
        if row_id >= start + (1 << SERIAL_BITS):
            raise ValueError("more than 4,194,304 search entries on one day in one index")
        self.next[start] = row_id + 1
        return row_id

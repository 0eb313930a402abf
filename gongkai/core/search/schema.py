"""What an app declares (`SearchIndex`) and what it feeds (`IndexEntry`).

Core knows nothing about documents: an app names its index and its filter fields with their
types, and the index maps them onto a fixed set of typed columns in the companion table
(`f_int1..f_int4`, `f_str1..f_str4`, `f_bool1..f_bool2`), in declaration order per type.

Why typed columns rather than one JSON column: each filter is then an ordinary indexed column
with the same SQL on SQLite and PostgreSQL (JSON expression indexes are spelled differently on
each), rows stay narrow (a 1,000,000-row table of ~60-byte rows sits in the page cache), and a
facet count is a plain GROUP BY. The cost is a fixed number of slots per type, which is checked
when an index is declared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SLOTS: dict[type, tuple[str, ...]] = {
    int: ("f_int1", "f_int2", "f_int3", "f_int4"),
    str: ("f_str1", "f_str2", "f_str3", "f_str4"),
    bool: ("f_bool1", "f_bool2"),
}
FILTER_COLUMNS = tuple(c for cols in SLOTS.values() for c in cols)
MAX_STR_FILTER = 120

_registry: dict[str, SearchIndex] = {}


@dataclass(frozen=True)
class SearchIndex:
    """A named index with typed filter fields and one date field (for ranges and date sort).

    Declaring an index registers it by name, so services may be called with the name."""

    name: str
    filters: dict[str, type] = field(default_factory=dict)
    date_field: str = "date"

    def __post_init__(self):
        if not self.name or len(self.name) > 64 or not self.name.replace("_", "").isalnum():
            raise ValueError(f"search index name {self.name!r}: 1-64 letters, digits, _")
        used = {t: 0 for t in SLOTS}
        columns = {}
        for name, kind in self.filters.items():
            if kind not in SLOTS:
                raise ValueError(f"filter {name!r}: type must be int, str or bool, not {kind!r}")
            if used[kind] >= len(SLOTS[kind]):
                raise ValueError(f"too many {kind.__name__} filters (at most {len(SLOTS[kind])})")
            columns[name] = SLOTS[kind][used[kind]]
            used[kind] += 1
        object.__setattr__(self, "columns", columns)
        _registry[self.name] = self

    def column(self, name: str) -> str:
        try:
            return self.columns[name]  # type: ignore[attr-defined]
        except KeyError:
            raise ValueError(f"index {self.name!r} has no filter {name!r}") from None

    def coerce(self, name: str, value):
        """The stored form of a filter value (None stays None)."""
        if value is None:
            return None
        kind = self.filters[name]
        if kind is bool:
            return bool(value)
        if kind is int:
            return int(value)
        return str(value).replace("\x00", "")[:MAX_STR_FILTER]


def get_index(index: SearchIndex | str) -> SearchIndex:
    if isinstance(index, SearchIndex):
        return index
    try:
        return _registry[index]
    except KeyError:
        raise ValueError(f"no search index named {index!r} has been declared") from None


@dataclass(frozen=True)
class IndexEntry:
    """One searchable thing. `key` is the app's own identifier (unique within the index).

    `prepared`: the entry's tokens made ahead of time, possibly in another process
    (`search.prepare`); `index` uses them when they were made from this very text."""

    key: str
    title: str
    doc_number: str = ""
    body: str = ""
    filters: dict = field(default_factory=dict)
    date: dt.date | None = None
    prepared: tuple[str, dict] | None = None


@dataclass(frozen=True)
class Hit:
    key: str
    score: float
    title_html: str
    snippet_html: str
    date: dt.date | None
    doc_number_match: bool = False


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict]
    page: int
    per_page: int
    total_exact: bool = True  # False: more than COUNT_EXACT matches, total is an estimate
    facets_exact: bool = True
    # The query was a 发文字号 and these are its documents; the text was not searched as words
    # (search the number as a "quoted phrase" for the documents that cite it).
    by_doc_number: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

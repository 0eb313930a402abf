# ruff: noqa: S608  (SQL is assembled from constant table/column names; every value is a parameter)
"""The two storage backends behind one interface, chosen by `connection.vendor`.

Both store the same narrow row (core_searchdoc) and original text (core_searchtext) and index
the same tokens (.tokens, the bigrams of gongkai.core.text.segment); they differ only in how the
inverted index is kept and queried:

- SQLite: a *contentless* FTS5 table (core_searchfts, `content=''`, ASCII tokenizer — the tokens
  are already cut, lower-cased and space-separated) with columns title, doc_number, body and
  `meta`. Contentless because the original text is in core_searchtext already: an ordinary FTS5
  table would keep a third copy, of the token strings, about half of the whole database. The
  price is that FTS5 cannot remove a row by itself: a row is removed with FTS5's 'delete'
  command and the values it was indexed with, which are made again from core_searchtext and the
  row's filter columns (`_fts_old`) — the tokens are a pure function of the stored text. Equality
  filters are tokens in `meta` (`fi2x7` = second int filter is 7), so a filtered query is one
  FTS5 MATCH that intersects posting lists in C instead of joining each match to the row table;
  the index and the date range are a rowid range (see .ids).
- PostgreSQL: a `tsvector` column (written as a literal from the same tokens, see
  `pg_tsvector`) with weights A (title, 发文字号) and C (body), one free position between fields
  so that a phrase never matches across them, a GIN index, B-tree indexes on the filter columns.
  tsvector keeps at most 256 positions per lexeme and positions up to 16383, so a phrase that
  only occurs after the 16,383rd token of a very long body, or after the 256th occurrence of one
  of its bigrams, is not found as a
  phrase on PostgreSQL (its words still are).

Ranking is not done by either engine (bm25 and ts_rank cost grows with the number of matches);
see services._rank. The FTS5 bm25 weights and the tsvector weights are stored all the same, so
an engine-side ranking can be switched on later without reindexing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import time
from collections.abc import Sequence

from django.db import connection

from gongkai.core.text import segment

from . import estimate, ids
from .query import Phrase, Query
from .schema import FILTER_COLUMNS
from .tokens import index_text

TEXT_COLUMNS = ("title", "doc_number", "body")
ROW_COLUMNS = ("index_name", "key", "doc_key", "date", "digest", *FILTER_COLUMNS)
_CHUNK = 500

logger = logging.getLogger("gongkai.search")


def token_text(text: str, with_words: bool) -> str:
    """The space-joined index tokens of one field."""
    if with_words:
        return " ".join(segment.tokens(text, with_words=True))
    return index_text(text)


def tokens_of(text: dict, with_words: bool) -> dict:
    return {c: token_text(text[c] or "", with_words) for c in TEXT_COLUMNS}


def digest_has_words(digest: str) -> bool:
    """Entries indexed with jieba words carry a digest starting with "w" (never a hex digit)."""
    return digest.startswith("w")


def _short(column: str) -> str:
    # f_int2 -> i2, f_str1 -> s1, f_bool1 -> b1
    kind, number = column[2:-1], column[-1]
    return {"int": "i", "str": "s", "bool": "b"}[kind] + number


def meta_token(column: str, value) -> str:
    """The FTS5 token standing for `column = value` (SQLite only)."""
    if isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, int):
        text = str(value) if value >= 0 else f"m{-value}"
    else:
        text = hashlib.md5(str(value).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"f{_short(column)}x{text}"


def meta_of(values: dict) -> str:
    """The `meta` column of a row: a token per filter column that has a value. Made from the row's
    stored columns alone (not from an index declaration), so that it can be made again exactly
    when the row is removed. Booleans read back from SQLite as 0/1 give the same tokens."""
    parts = ["m"]  # never empty
    for column in FILTER_COLUMNS:
        value = values.get(column)
        if value is not None:
            parts.append(meta_token(column, value))
    return " ".join(parts)


def _in(n: int) -> str:
    return ", ".join(["%s"] * n)


class Backend:
    vendor = ""
    id_sql = "d.id"

    # -- writing ---------------------------------------------------------------------------
    # `items` are (doc_id, row, text, tokens): row = {ROW_COLUMNS…}, text and tokens =
    # {title, doc_number, body} (tokens space-joined). `old` is the stored row as read by
    # services._existing: (id, *ROW_COLUMNS).

    def insert_many(self, cursor, items: list):
        raise NotImplementedError

    def update(self, cursor, old: tuple, row: dict, text: dict | None, tokens: dict | None):
        doc_id = old[0]
        cursor.execute(
            f"UPDATE core_searchdoc SET {', '.join(f'{c} = %s' for c in ROW_COLUMNS)}"
            " WHERE id = %s",
            [*(row[c] for c in ROW_COLUMNS), doc_id],
        )
        if text is not None:
            cursor.execute(
                "UPDATE core_searchtext SET title = %s, doc_number = %s, body = %s WHERE id = %s",
                [*(text[c] for c in TEXT_COLUMNS), doc_id],
            )

    def delete(self, cursor, ids: Sequence[int]):
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i : i + _CHUNK])
            cursor.execute(f"DELETE FROM core_searchtext WHERE id IN ({_in(len(chunk))})", chunk)
            cursor.execute(f"DELETE FROM core_searchdoc WHERE id IN ({_in(len(chunk))})", chunk)

    def lock(self, cursor, number: int):
        """Serialise writers of one index (id allocation)."""

    def prepared(self, tokens: dict) -> dict:
        """Tokens with whatever else of an entry this backend can make ahead of time."""
        return tokens

    def start_bulk(self, cursor):
        """Called once before a large load (a full reindex, an import)."""

    def finish_bulk(self, cursor, *, compact: bool = True):
        """Called once after a large load."""

    # -- reading ---------------------------------------------------------------------------

    def matcher(self, cursor, index, number, query, filters, lo, hi, exclude) -> Matcher:
        """What finds the matching ids of one search (see Matcher)."""
        raise NotImplementedError

    def needs_confirm(self, query: Query) -> bool:
        return False

    def confirm(self, cursor, query: Query, ids: list[int]) -> set[int]:
        """Those of the candidate ids that match the query exactly."""
        return set(ids)


class Matcher:
    """The ids of the entries of one index within [lo, hi] (an id range: the index and the date
    range, see .ids) matching a query and filters, except the ids in `exclude`; read newest
    first (or oldest first) in slices. When the backend `needs_confirm(query)`, the ids are
    candidates, a superset of the matches."""

    def fetch(self, want: int, *, before: int | None = None, ascending: bool = False) -> list:
        """Up to `want` ids, newest first (below `before` if given), or oldest first."""
        raise NotImplementedError


def column_conditions(index, filters: dict, date_from, date_to, alias="d"):
    """SQL conditions on the row table for the filters and date range (both backends)."""
    where, params = [f"{alias}.index_name = %s"], [index.name]
    for name, values in filters.items():
        column = index.column(name)
        where.append(f"{alias}.{column} IN ({_in(len(values))})")
        params.extend(values)
    if date_from:
        where.append(f"{alias}.date >= %s")
        params.append(date_from)
    if date_to:
        where.append(f"{alias}.date <= %s")
        params.append(date_to)
    return where, params


# ---------------------------------------------------------------------------------------------


def _fts_phrase(phrase: Phrase) -> str:
    tokens = phrase.tokens
    if phrase.prefix or phrase.open_end:
        return '"' + " ".join(tokens) + '" *'  # FTS5: the last token as a prefix
    return '"' + " ".join(tokens) + '"'


_FTS_INSERT = (
    "INSERT INTO core_searchfts (rowid, title, doc_number, body, meta) VALUES (%s, %s, %s, %s, %s)"
)
_FTS_DELETE = (
    "INSERT INTO core_searchfts (core_searchfts, rowid, title, doc_number, body, meta)"
    " VALUES ('delete', %s, %s, %s, %s, %s)"
)


class SQLiteBackend(Backend):
    vendor = "sqlite"
    id_sql = "f.rowid"
    bulk_cache_kib = 262_144

    def insert_many(self, cursor, items):
        if not items:
            return
        self._check_fresh(cursor, [item[0] for item in items])
        cursor.executemany(
            f"INSERT INTO core_searchdoc (id, {', '.join(ROW_COLUMNS)})"
            f" VALUES (%s, {_in(len(ROW_COLUMNS))})",
            [[doc_id, *(row[c] for c in ROW_COLUMNS)] for doc_id, row, _, _ in items],
        )
        cursor.executemany(
            "INSERT INTO core_searchtext (id, title, doc_number, body) VALUES (%s, %s, %s, %s)",
            [[doc_id, *(text[c] for c in TEXT_COLUMNS)] for doc_id, _, text, _ in items],
        )
        # In rowid order: FTS5 flushes its pending terms whenever a rowid goes backwards.
        cursor.executemany(
            _FTS_INSERT,
            [
                [doc_id, *(tokens[c] for c in TEXT_COLUMNS), meta_of(row)]
                for doc_id, row, _, tokens in sorted(items, key=lambda item: item[0])
            ],
        )

    def _check_fresh(self, cursor, ids: list[int]):
        """New ids must not be in the FTS index yet. They never are unless the row tables were
        changed behind this module's back (rows deleted by hand); the stale tokens can then only
        be dropped by rebuilding the FTS index from the row tables."""
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            cursor.execute(
                f"SELECT count(*) FROM core_searchfts_docsize WHERE id IN ({_in(len(chunk))})",
                chunk,
            )
            if cursor.fetchone()[0]:
                logger.warning("search: FTS index out of step with its rows; rebuilding it")
                rebuild_fts(cursor)
                return

    def _fts_old(self, cursor, ids: Sequence[int]) -> dict[int, list]:
        """The values each row was indexed with in FTS5, made again from the stored rows."""
        out = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i : i + _CHUNK])
            cursor.execute(
                f"SELECT d.id, d.digest, {', '.join(f'd.{c}' for c in FILTER_COLUMNS)},"
                " t.title, t.doc_number, t.body FROM core_searchdoc d"
                f" JOIN core_searchtext t ON t.id = d.id WHERE d.id IN ({_in(len(chunk))})",
                chunk,
            )
            for r in cursor.fetchall():
                n = len(FILTER_COLUMNS)
                words = digest_has_words(r[1])
                meta = meta_of(dict(zip(FILTER_COLUMNS, r[2 : 2 + n], strict=True)))
                texts = r[2 + n :]
                out[r[0]] = [r[0], *(token_text(t or "", words) for t in texts), meta]
        return out

    def update(self, cursor, old, row, text, tokens):
        stored = dict(zip(ROW_COLUMNS, old[1:], strict=True))
        meta = meta_of(row)
        if text is None and meta == meta_of(stored):
            super().update(cursor, old, row, text, tokens)
            return
        previous = self._fts_old(cursor, [old[0]]).get(old[0])
        if previous is not None:
            cursor.execute(_FTS_DELETE, previous)
        if tokens is None:  # same text, other filters: the same tokens with the new meta
            tokens = dict(zip(TEXT_COLUMNS, previous[1:4], strict=True)) if previous else None
        super().update(cursor, old, row, text, tokens)
        if tokens is not None:
            cursor.execute(_FTS_INSERT, [old[0], *(tokens[c] for c in TEXT_COLUMNS), meta])

    def delete(self, cursor, ids):
        previous = self._fts_old(cursor, ids)
        if previous:
            cursor.executemany(_FTS_DELETE, [previous[i] for i in sorted(previous)])
        super().delete(cursor, ids)

    def start_bulk(self, cursor):
        # The default 2 MB page cache makes inserts at scattered ids (historical dates) re-read
        # B-tree pages constantly; 256 MB for the load keeps the working set in memory.
        cursor.execute(f"PRAGMA cache_size = -{self.bulk_cache_kib}")

    def finish_bulk(self, cursor, *, compact=True):
        # Merge all b-tree segments into one: queries then read one posting list per token.
        if compact:
            cursor.execute("INSERT INTO core_searchfts (core_searchfts) VALUES ('optimize')")
        cursor.execute("PRAGMA cache_size = -2000")

    def matcher(self, cursor, index, number, query, filters, lo, hi, exclude):
        """One FTS5 expression for the query and the filters, arranged so that the costly checks
        are made only where the cheap ones already agree.

        FTS5 answers `a AND b AND c` by moving every part to the next id that all of them may
        share, over and over. Moving a single token is cheap (12,000 ids in a millisecond);
        moving a phrase is not: its bigrams are moved and their positions compared (4 µs an
        id). Left flat, a phrase found in 86% of the documents is moved at every step two rarer
        parts take between each other — 100+ ms at a million documents for a subject word, a
        unit filter and a common phrase that together match a few hundred documents. So:

        - the *core* is the single tokens: each filter's value tokens and the rarest bigram of
          each phrase, as bare tokens (no column filter, which would make FTS5 sift positions);
        - then each filter and phrase proper (with its column filter), rarest first, nested
          `((core) NOT ǂ) AND phrase` — the NOT of a token no entry holds only stops FTS5 from
          flattening the ANDs into one — so that each is checked only where everything inside
          it already matched.

        Rarity comes from `_density`, a few dozen ids per token: well under a millisecond."""
        text = "{title doc_number body} : "
        days = estimate.histogram(cursor, number)
        core: list[tuple[float, str]] = []
        checks: list[tuple[float, str]] = []
        for name, values in filters.items():
            column = index.column(name)
            tokens = [f'"{meta_token(column, v)}"' for v in values]
            density = sum(_density(cursor, t, lo, hi, days) for t in tokens)
            group = tokens[0] if len(tokens) == 1 else "(" + " OR ".join(tokens) + ")"
            core.append((density, group))
            checks.append((density, f"meta : {group}"))
        for phrase in query.include:
            fts = _fts_phrase(phrase)
            # The last bigram of an open-ended phrase is matched as a prefix: not in the core.
            exact = list(dict.fromkeys(phrase.tokens[:-1] if phrase.open_end else phrase.tokens))
            if phrase.prefix or not exact:
                checks.append((_density(cursor, fts, lo, hi, days), text + fts))
                continue
            # Tokens seen in the same newest entries tie; an inner bigram (租赁 of 保障性租赁住房)
            # is likelier to be rare in the older ones too than one that is a word by itself
            # (住房), so inner ones go first among equals, and a close second joins the core.
            # A long phrase is judged by a few of its bigrams, spread over it.
            step = -(-len(exact) // _PROBES_PER_PHRASE)
            rare = sorted(
                (
                    (_density(cursor, f'"{t}"', lo, hi, days), not 0 < i < len(exact) - 1, t)
                    for i, t in enumerate(exact)
                    if i % step == 0
                ),
                key=lambda r: (r[0], r[1]),
            )
            core += [(d, f'"{t}"') for d, _, t in rare[:2] if d <= rare[0][0] * 1.5]
            checks.append((rare[0][0], text + fts))
        if any(density == 0 for density, _ in core + checks):
            return _SQLiteMatcher(cursor, None, [])  # a part found nowhere in the range
        core.sort()
        checks.sort()
        # Tokens in most entries narrow the core down little and cost a step each time.
        expr = " AND ".join(part for density, part in core if density <= CORE_DENSITY)
        for _, part in checks:
            expr = f'(({expr}) NOT "{NOWHERE}") AND {part}' if expr else part
        if query.exclude:
            expr = (
                f"({expr}) NOT ({text}(" + " OR ".join(_fts_phrase(p) for p in query.exclude) + "))"
            )
        where = ["core_searchfts MATCH %s", "rowid BETWEEN %s AND %s"]
        params = [expr, lo, hi]
        if exclude:
            where.append(f"rowid NOT IN ({_in(len(exclude))})")
            params.extend(exclude)
        return _SQLiteMatcher(cursor, " AND ".join(where), params)


# A token no entry holds: index tokens are Chinese runs or [0-9a-z] runs (and `meta` tokens).
NOWHERE = "\u01c2"  # ǂ
_PROBE = 64
_PROBES_PER_PHRASE = 8
CORE_DENSITY = 0.5  # see SQLiteBackend.matcher


def _density(cursor, expr: str, lo: int, hi: int, days) -> float:
    """About what share of the entries in [lo, hi] match `expr`: the newest _PROBE matches over
    the entries they span (counted from the index's per-day histogram, see .estimate)."""
    cursor.execute(
        "SELECT rowid FROM core_searchfts WHERE core_searchfts MATCH %s"
        " AND rowid BETWEEN %s AND %s ORDER BY rowid DESC LIMIT %s",
        [expr, lo, hi, _PROBE],
    )
    found = [r[0] for r in cursor.fetchall()]
    if not found:
        return 0.0
    oldest = found[-1] if len(found) == _PROBE else lo
    return len(found) / max(len(found), days.between(oldest, found[0]))


class _SQLiteMatcher(Matcher):
    """One FTS5 query: FTS5 walks its posting lists in rowid order (backwards for DESC) and stops
    at the LIMIT, so the newest matches cost the same however many older ones there are."""

    def __init__(self, cursor, where, params):
        self.cursor, self.where, self.params = cursor, where, params

    def fetch(self, want, *, before=None, ascending=False):
        if self.where is None:
            return []
        where, params = self.where, self.params
        if before is not None:
            where, params = f"{where} AND rowid < %s", [*params, before]
        self.cursor.execute(
            f"SELECT rowid FROM core_searchfts WHERE {where}"
            f" ORDER BY rowid {'ASC' if ascending else 'DESC'} LIMIT %s",
            [*params, want],
        )
        return [r[0] for r in self.cursor.fetchall()]


def rebuild_fts(cursor, *, delete_all: bool = True):
    """Empty the FTS5 index and fill it again from core_searchdoc and core_searchtext (SQLite)."""
    if delete_all:
        cursor.execute("INSERT INTO core_searchfts (core_searchfts) VALUES ('delete-all')")
    last = -1
    while True:
        cursor.execute(
            f"SELECT d.id, d.digest, {', '.join(f'd.{c}' for c in FILTER_COLUMNS)},"
            " t.title, t.doc_number, t.body FROM core_searchdoc d"
            " JOIN core_searchtext t ON t.id = d.id WHERE d.id > %s ORDER BY d.id LIMIT 2000",
            [last],
        )
        rows = cursor.fetchall()
        if not rows:
            return
        n = len(FILTER_COLUMNS)
        cursor.executemany(
            _FTS_INSERT,
            [
                [
                    r[0],
                    *(token_text(t or "", digest_has_words(r[1])) for t in r[2 + n :]),
                    meta_of(dict(zip(FILTER_COLUMNS, r[2 : 2 + n], strict=True))),
                ]
                for r in rows
            ],
        )
        last = rows[-1][0]


# ---------------------------------------------------------------------------------------------

PG_MAX_POSITION = 16383
PG_MAX_POSITIONS = 256


def _positions(weight: str) -> list[str]:
    return [f"{min(max(i, 1), PG_MAX_POSITION)}{weight}" for i in range(PG_MAX_POSITION + 1)]


_POSITIONS = {"A": _positions("A"), "C": _positions("C")}


def pg_tsvector(tokens: dict) -> str:
    """A tsvector literal of space-joined tokens: title and 发文字号 at weight A, body at C, one
    free position between fields so that a phrase never matches across them.

    Each lexeme is written once with all its positions (`政务:3A,57C,…`); PostgreSQL's tsvector
    input keeps the first 256 positions of a lexeme and clamps positions to 16383, so a lexeme
    past the limits is still there (its word matches), only not as a phrase. Tokens are Chinese
    characters or [0-9a-z] runs, which need no quoting. At import the database server is the
    busy side: this literal costs it a third of what one entry per occurrence (which it must
    sort and merge) or `to_tsvector` on the token string cost, and an import makes it ahead, in
    the process that checks the file (`prepare`)."""
    positions: dict[str, list[str]] = {}
    get = positions.get
    pos = 1
    for column, weight in (("title", "A"), ("doc_number", "A"), ("body", "C")):
        words = (tokens[column] or "").split()
        n = len(words)
        if n:
            table = _POSITIONS[weight]
            marks = table[pos : pos + n]
            if len(marks) < n:
                marks += [table[PG_MAX_POSITION]] * (n - len(marks))
            for word, mark in zip(words, marks, strict=True):
                found = get(word)
                if found is None:
                    positions[word] = [mark]
                else:
                    found.append(mark)
        pos += n + 1
    return " ".join([f"{word}:{','.join(marks)}" for word, marks in positions.items()])


def _pg_phrase(phrase: Phrase) -> str:
    tokens = phrase.tokens
    if phrase.prefix:
        return f"'{tokens[0]}':*"
    last = ":*" if phrase.open_end else ""
    return " <-> ".join(f"'{t}'" for t in tokens) + last


def pg_tsquery_loose(query: Query, frequency=None) -> str:
    """Lexemes of the query's words, in any order and place (no exclusions): candidates, which
    `confirm` checks against the exact query.

    With `frequency` (lexeme → share of rows, see `lexeme_frequencies`), a phrase of several
    bigrams keeps only those found in fewer than COMMON_LEXEME of the rows, or its rarest one if
    all are common: GIN reads every lexeme's whole posting list in each window, and a lexeme in
    nearly every row (工作) narrows the candidates down by almost nothing."""
    seen: dict[str, None] = {}
    for phrase in query.include:
        if phrase.prefix:
            seen[f"'{phrase.tokens[0]}':*"] = None
            continue
        head, tail = phrase.tokens, None
        if phrase.open_end:
            *head, tail = phrase.tokens
        if frequency is not None and len(head) > 1:
            rare = [t for t in head if frequency(t) < COMMON_LEXEME]
            head = rare or [min(head, key=frequency)]
        seen.update((f"'{t}'", None) for t in head)
        if tail is not None:
            seen[f"'{tail}':*"] = None
    return " & ".join(seen)


COMMON_LEXEME = 0.3
COMMON_FILTER = 0.5
STATS_SECONDS = 600
_stats: dict[str, tuple[float, dict[str, float], float]] = {}


def lexeme_frequencies(cursor):
    """lexeme → share of core_searchdoc rows holding it, from the statistics ANALYZE keeps for the
    tsvector column (its most common lexemes, about a thousand; any other lexeme is rarer than
    the rarest of those). Read once per process every STATS_SECONDS; empty before the first
    ANALYZE, when every lexeme counts as rare and nothing is left out."""
    now = time.monotonic()
    kept = _stats.get(connection.alias)
    if kept is None or now - kept[0] > STATS_SECONDS:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
            " WHERE tablename = 'core_searchdoc' AND attname = 'tsv'"
            " AND schemaname = ANY(current_schemas(false))"
        )
        row = cursor.fetchone()
        elems, freqs = (row[0] or [], row[1] or []) if row else ([], [])
        found = dict(zip(elems, freqs, strict=False))  # freqs ends with min, max, null share
        floor = min(found.values(), default=0.0)
        kept = (now, found, floor)
        _stats[connection.alias] = kept
    _, found, floor = kept
    return lambda lexeme: found.get(lexeme, floor)


def pg_tsquery(query: Query) -> str:
    parts = [f"({_pg_phrase(p)})" for p in query.include]
    parts += [f"!({_pg_phrase(p)})" for p in query.exclude]
    return " & ".join(parts)


def _month(doc_id: int) -> int:
    """The month (year * 12 + month - 1) of an entry's date, from its id; 0 when undated."""
    day = ids.day_of(doc_id)
    if not day:
        return 0
    date = ids.EPOCH + dt.timedelta(days=day)
    return date.year * 12 + date.month - 1


def _month_start(number: int, month: int) -> int:
    """The first id of a month in an index."""
    return ids.base(number, dt.date(month // 12, month % 12 + 1, 1))


def pg_meta(doc_id: int, values: dict) -> str:
    """Lexemes (without positions) for what is not text: the index, the month of the date and
    each filter value. `_` never starts a word's lexeme, so they cannot be found by typing."""
    number = doc_id >> ids.INDEX_SHIFT
    parts = [f"'_n{number}'", f"'_m{number}x{_month(doc_id)}'"]
    for column in FILTER_COLUMNS:
        value = values.get(column)
        if value is not None:
            parts.append(f"'_{meta_token(column, value)}'")
    return " ".join(parts)


class PostgresBackend(Backend):
    """The tsvector holds, besides the words, lexemes for the index, the month and every filter
    value (`pg_meta`), so that one GIN scan answers words, filters and a time window together.

    Why not B-tree indexes on the filter columns and the id: PostgreSQL's planner does not count
    the cost of reading each row's tsvector out of TOAST, so given any other usable index it
    happily walks, say, the id range and checks the tsvector of every row in it (0.1 s for 8,000
    rows) instead of asking the GIN index (a few ms). Searches therefore give the planner nothing
    but the GIN index: every other condition is written so that no index can serve it
    (`d.id + 0`), and sequential and plain index scans are off for those few queries."""

    vendor = "postgresql"

    def insert_many(self, cursor, items):
        if not items:
            return
        cursor.executemany(
            f"INSERT INTO core_searchdoc (id, {', '.join(ROW_COLUMNS)}, tsv)"
            f" VALUES (%s, {_in(len(ROW_COLUMNS))}, %s::tsvector)",
            [
                [
                    doc_id,
                    *(row[c] for c in ROW_COLUMNS),
                    f"{tokens.get('tsv') or pg_tsvector(tokens)} {pg_meta(doc_id, row)}",
                ]
                for doc_id, row, _, tokens in items
            ],
        )
        cursor.executemany(
            "INSERT INTO core_searchtext (id, title, doc_number, body) VALUES (%s, %s, %s, %s)",
            [[doc_id, *(text[c] for c in TEXT_COLUMNS)] for doc_id, _, text, _ in items],
        )

    def update(self, cursor, old, row, text, tokens):
        doc_id = old[0]
        stored = dict(zip(ROW_COLUMNS, old[1:], strict=True))
        meta = pg_meta(doc_id, row)
        if tokens is None and meta == pg_meta(doc_id, stored):
            super().update(cursor, old, row, text, tokens)
            return
        if tokens is None:  # same text, other filters: the tsvector is made again
            tokens = _stored_tokens(cursor, doc_id, stored["digest"])
        super().update(cursor, old, row, text, tokens)
        cursor.execute(
            "UPDATE core_searchdoc SET tsv = %s::tsvector WHERE id = %s",
            [f"{pg_tsvector(tokens)} {meta}", doc_id],
        )

    def lock(self, cursor, number):
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x5EA5C4, number])

    def prepared(self, tokens):
        return {**tokens, "tsv": pg_tsvector(tokens)}

    def start_bulk(self, cursor):
        # The database server is the busier side of a bulk load; LZ4 compresses the large values
        # (tsvectors, bodies) several times faster than the default pglz. For this connection
        # only, and only where the server was built with LZ4 (PostgreSQL 14+).
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', false)"
            " WHERE current_setting('server_version_num')::int >= 140000"
            " AND EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
            " AND 'lz4' = ANY(enumvals))"
        )

    def finish_bulk(self, cursor, *, compact=True):
        cursor.execute("RESET default_toast_compression")
        cursor.execute("ANALYZE core_searchdoc")

    def matcher(self, cursor, index, number, query, filters, lo, hi, exclude):
        frequency = lexeme_frequencies(cursor)
        if self.needs_confirm(query):
            text = pg_tsquery_loose(query, frequency)
        else:
            text = pg_tsquery(query)
        # No `_n<index>` lexeme: the id range (`d.id + 0 BETWEEN lo AND hi`) already keeps the
        # search within its index, and that lexeme is in every row of it.
        parts, columns = [f"({text})"], []
        for name, values in filters.items():
            column = index.column(name)
            lexemes = [f"_{meta_token(column, v)}" for v in values]
            if sum(frequency(lexeme) for lexeme in lexemes) < COMMON_FILTER:
                parts.append("(" + " | ".join(f"'{lexeme}'" for lexeme in lexemes) + ")")
            else:
                # A value most rows hold (the one region of a county's library) narrows the GIN
                # scan down by little and costs a posting list as long as the table: checked on
                # the rows instead, written so that no index can serve it (see the class).
                columns.append(
                    (f"COALESCE(d.{column}, d.{column}) IN ({_in(len(values))})", values)
                )
        return _PostgresMatcher(cursor, number, " & ".join(parts), lo, hi, list(exclude), columns)

    def needs_confirm(self, query):
        """A phrase (`<->`) or an exclusion makes PostgreSQL read and check the tsvector of every
        row the GIN index returns; the index alone answers "all these lexemes". So candidates are
        found by their lexemes in any order (`pg_tsquery_loose`) and then confirmed, only as many
        as the page needs (`confirm`)."""
        return bool(query.exclude) or any(len(p.tokens) > 1 and not p.prefix for p in query.include)

    def confirm(self, cursor, query, ids):
        if not ids:
            return set()
        # OFFSET 0 keeps the planner from answering this with the GIN index (which would check
        # every matching row of the whole index): only the candidates' tsvectors are read.
        cursor.execute(
            "SELECT id FROM (SELECT id, tsv FROM core_searchdoc WHERE id = ANY(%s) OFFSET 0) c"
            " WHERE tsv @@ %s::tsquery",
            [list(ids), pg_tsquery(query)],
        )
        return {r[0] for r in cursor.fetchall()}


# Months read per step, newest (or oldest) first: 3, then as many as needed (see _windows).
FIRST_WINDOW = 3
MAX_WINDOW = 36


class _PostgresMatcher(Matcher):
    """GIN returns every match of a query, and PostgreSQL then reads each one's row before it can
    sort them: at a million documents a common word means 300,000 row reads to show the newest
    20. So the query is asked month window by month window, newest first (the month lexemes of
    `pg_meta`), until enough matches are found: a common word is answered from the last three
    months, a rare one from a few windows."""

    def __init__(self, cursor, number, tsquery, lo, hi, exclude, columns=()):
        self.cursor, self.number, self.tsquery = cursor, number, tsquery
        self.lo, self.hi, self.exclude = lo, hi, exclude
        self.columns = list(columns)  # (SQL condition on d, its parameters)
        self._bounds = None

    def bounds(self) -> tuple[int, int] | None:
        """The first and last id of the index within [lo, hi] (None when empty)."""
        if self._bounds is None:
            self.cursor.execute(
                "SELECT min(id), max(id) FROM core_searchdoc WHERE id BETWEEN %s AND %s",
                [self.lo, self.hi],
            )
            first, last = self.cursor.fetchone()
            self._bounds = (first, last) if first is not None else ()
        return self._bounds or None

    def _windows(self, anchor: int, ascending: bool, found):
        """(months or None for "all the rest", id condition) from the anchor's month on.

        The first window is FIRST_WINDOW months; each next one as wide as the matches found so
        far say is needed for the rest (half again for margin), at most MAX_WINDOW months — a
        GIN query costs about 2 ms per month lexeme it ORs at a million documents, so a window
        wider than needed is paid for. Nothing at all in the first window means the query is
        rare: the rest is asked at once."""
        first, last = self.bounds()
        low, high = _month(first), _month(last)
        month = _month(anchor)
        if not month:  # undated entries sort first; no month lexeme narrows them down
            yield None, None
            return
        step = 1 if ascending else -1
        size, covered = FIRST_WINDOW, 0
        while size:
            months = [month + step * k for k in range(size)]
            months = [m for m in months if low <= m <= high]
            if months:
                yield months, None
            covered += len(months)
            month += step * size
            if not low <= month <= high:
                return
            got, want = found()
            if not got:
                break
            size = min(MAX_WINDOW, max(FIRST_WINDOW, math.ceil(1.5 * (want - got) * covered / got)))
            if size >= MAX_WINDOW:
                break
        # The rest: every older (newer) month, as an id bound instead of a list of months.
        if ascending:
            yield None, ("(d.id + 0) >= %s", _month_start(self.number, month))
        else:
            yield None, ("(d.id + 0) < %s", _month_start(self.number, month + 1))

    def fetch(self, want, *, before=None, ascending=False):
        if self.bounds() is None:
            return []
        first, last = self.bounds()
        anchor = first if ascending else (last if before is None else min(last, before - 1))
        if anchor < first:
            return []
        out: list[int] = []
        self.cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
        try:
            for months, bound in self._windows(anchor, ascending, lambda: (len(out), want)):
                tsquery = self.tsquery
                if months:
                    lexemes = " | ".join(f"'_m{self.number}x{m}'" for m in months)
                    tsquery = f"{tsquery} & ({lexemes})"
                where = ["d.tsv @@ %s::tsquery", "(d.id + 0) BETWEEN %s AND %s"]
                params: list = [tsquery, self.lo, self.hi]
                if before is not None:
                    where.append("(d.id + 0) < %s")
                    params.append(before)
                if bound:
                    where.append(bound[0])
                    params.append(bound[1])
                if self.exclude:
                    where.append("(d.id + 0) <> ALL(%s)")
                    params.append(self.exclude)
                for condition, values in self.columns:
                    where.append(condition)
                    params.extend(values)
                self.cursor.execute(
                    f"SELECT d.id FROM core_searchdoc d WHERE {' AND '.join(where)}"
                    f" ORDER BY d.id {'ASC' if ascending else 'DESC'} LIMIT %s",
                    [*params, want - len(out)],
                )
                out.extend(r[0] for r in self.cursor.fetchall())
                if len(out) >= want:
                    break
        finally:
            self.cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
        return out


def _stored_tokens(cursor, doc_id: int, digest: str) -> dict:
    cursor.execute("SELECT title, doc_number, body FROM core_searchtext WHERE id = %s", [doc_id])
    row = cursor.fetchone() or ("", "", "")
    words = digest_has_words(digest)
    return {c: token_text(t or "", words) for c, t in zip(TEXT_COLUMNS, row, strict=True)}


def rebuild_pg(cursor):
    """Make every tsvector again from core_searchtext and the row's columns (PostgreSQL)."""
    last = -1
    n = len(FILTER_COLUMNS)
    while True:
        cursor.execute(
            f"SELECT d.id, d.digest, {', '.join(f'd.{c}' for c in FILTER_COLUMNS)},"
            " t.title, t.doc_number, t.body FROM core_searchdoc d"
            " JOIN core_searchtext t ON t.id = d.id WHERE d.id > %s ORDER BY d.id LIMIT 2000",
            [last],
        )
        rows = cursor.fetchall()
        if not rows:
            return
        updates = []
        for r in rows:
            words = digest_has_words(r[1])
            tokens = {
                c: token_text(t or "", words) for c, t in zip(TEXT_COLUMNS, r[2 + n :], strict=True)
            }
            values = dict(zip(FILTER_COLUMNS, r[2 : 2 + n], strict=True))
            updates.append([f"{pg_tsvector(tokens)} {pg_meta(r[0], values)}", r[0]])
        cursor.executemany("UPDATE core_searchdoc SET tsv = %s::tsvector WHERE id = %s", updates)
        last = rows[-1][0]


def get_backend() -> Backend:
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise RuntimeError(
        f"gongkai.core.search supports SQLite and PostgreSQL, not {connection.vendor}"
    )

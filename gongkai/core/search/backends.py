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
- PostgreSQL: a `tsvector` column built by PostgreSQL from the same token strings
  (`to_tsvector('simple', …)`: the tokens are single words to its parser) with weights A (title,
  发文字号) and C (body), one free position between fields so that a phrase never matches across
  them, a GIN index, B-tree indexes on the filter columns. tsvector keeps at most 256 positions
  per lexeme and positions up to 16383, so a phrase that only occurs after the 16,383rd token of
  a very long body, or after the 256th occurrence of one of its bigrams, is not found as a
  phrase on PostgreSQL (its words still are).

Ranking is not done by either engine (bm25 and ts_rank cost grows with the number of matches);
see services._rank. The FTS5 bm25 weights and the tsvector weights are stored all the same, so
an engine-side ranking can be switched on later without reindexing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from django.db import connection

from gongkai.core.text import segment

from .query import Phrase, Query
from .schema import FILTER_COLUMNS, SearchIndex
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

    def start_bulk(self, cursor):
        """Called once before a large load (a full reindex, an import)."""

    def finish_bulk(self, cursor):
        """Called once after a large load."""

    # -- reading ---------------------------------------------------------------------------

    def match(self, index: SearchIndex, query: Query, filters: dict) -> tuple[str, list[str], list]:
        """FROM, WHERE conditions and parameters selecting the matching rows; the id column is
        `self.id_sql`."""
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
    if phrase.prefix:
        return f'"{tokens[0]}" *'
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

    def finish_bulk(self, cursor):
        # Merge all b-tree segments into one: queries then read one posting list per token.
        cursor.execute("INSERT INTO core_searchfts (core_searchfts) VALUES ('optimize')")
        cursor.execute("PRAGMA cache_size = -2000")

    def match(self, index, query, filters):
        text = "{title doc_number body} : "
        expr = f"{text}(" + " AND ".join(_fts_phrase(p) for p in query.include) + ")"
        meta = []
        for name, values in filters.items():
            column = index.column(name)
            meta.append("(" + " OR ".join(f'"{meta_token(column, v)}"' for v in values) + ")")
        if meta:
            expr = f"(meta : ({' AND '.join(meta)})) AND ({expr})"
        if query.exclude:
            expr = (
                f"({expr}) NOT ({text}(" + " OR ".join(_fts_phrase(p) for p in query.exclude) + "))"
            )
        return "core_searchfts f", ["f.core_searchfts MATCH %s"], [expr]


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
# A lexeme our tokens never contain (Hangul is not indexed): appended to the title and the
# 发文字号 and deleted again, it leaves one free position between fields.
_GAP = "가"
PG_TSV_SQL = (
    "ts_delete("
    "setweight(to_tsvector('simple', %s || ' " + _GAP + "'), 'A')"
    " || setweight(to_tsvector('simple', %s || ' " + _GAP + "'), 'A')"
    " || setweight(to_tsvector('simple', %s), 'C'), '" + _GAP + "'::text)"
)


def _pg_phrase(phrase: Phrase) -> str:
    tokens = phrase.tokens
    if phrase.prefix:
        return f"'{tokens[0]}':*"
    return " <-> ".join(f"'{t}'" for t in tokens)


def pg_tsquery(query: Query) -> str:
    parts = [f"({_pg_phrase(p)})" for p in query.include]
    parts += [f"!({_pg_phrase(p)})" for p in query.exclude]
    return " & ".join(parts)


class PostgresBackend(Backend):
    vendor = "postgresql"

    def insert_many(self, cursor, items):
        if not items:
            return
        cursor.executemany(
            f"INSERT INTO core_searchdoc (id, {', '.join(ROW_COLUMNS)}, tsv)"
            f" VALUES (%s, {_in(len(ROW_COLUMNS))}, {PG_TSV_SQL})",
            [
                [doc_id, *(row[c] for c in ROW_COLUMNS), *(tokens[c] for c in TEXT_COLUMNS)]
                for doc_id, row, _, tokens in items
            ],
        )
        cursor.executemany(
            "INSERT INTO core_searchtext (id, title, doc_number, body) VALUES (%s, %s, %s, %s)",
            [[doc_id, *(text[c] for c in TEXT_COLUMNS)] for doc_id, _, text, _ in items],
        )

    def update(self, cursor, old, row, text, tokens):
        super().update(cursor, old, row, text, tokens)
        if tokens is not None:
            cursor.execute(
                f"UPDATE core_searchdoc SET tsv = {PG_TSV_SQL} WHERE id = %s",
                [*(tokens[c] for c in TEXT_COLUMNS), old[0]],
            )

    def lock(self, cursor, number):
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x5EA5C4, number])

    def finish_bulk(self, cursor):
        cursor.execute("ANALYZE core_searchdoc")

    def match(self, index, query, filters):
        where, params = column_conditions(index, filters, None, None)
        where.append("d.tsv @@ %s::tsquery")
        params.append(pg_tsquery(query))
        return "core_searchdoc d", where, params


def get_backend() -> Backend:
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise RuntimeError(
        f"gongkai.core.search supports SQLite and PostgreSQL, not {connection.vendor}"
    )

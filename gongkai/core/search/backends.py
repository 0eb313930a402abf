# ruff: noqa: S608  (SQL is assembled from constant table/column names; every value is a parameter)
"""The two storage backends behind one interface, chosen by `connection.vendor`.

Both store the same narrow row (core_searchdoc) and original text (core_searchtext) and index
the same tokens from gongkai.core.text.segment; they differ only in how the inverted index is
kept and queried:

- SQLite: an FTS5 table (core_searchfts) with columns title, doc_number, body and `meta`. Equality
  filters are tokens in `meta` (`fi2x7` = second int filter is 7), so a filtered query is one
  FTS5 MATCH that intersects posting lists in C instead of joining each match to the row table;
  the index and the date range are a rowid range (see .ids).
- PostgreSQL: a `tsvector` column built from the same tokens with weights A (title, 发文字号) and
  C (body), a GIN index, B-tree indexes on the filter columns. tsvector keeps
  at most 256 positions per lexeme and positions up to 16383, so a phrase that only occurs after
  the 16,383rd token of a very long body, or after the 256th occurrence of one of its bigrams, is
  not found as a phrase on PostgreSQL (its words still are).

Ranking is not done by either engine (bm25 and ts_rank cost grows with the number of matches);
see services._rank. The FTS5 bm25 weights and the tsvector weights are stored all the same, so
an engine-side ranking can be switched on later without reindexing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.db import connection

from .query import Phrase, Query
from .schema import FILTER_COLUMNS, SearchIndex

TEXT_COLUMNS = ("title", "doc_number", "body")
ROW_COLUMNS = ("index_name", "key", "doc_key", "date", "digest", *FILTER_COLUMNS)


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


def _in(n: int) -> str:
    return ", ".join(["%s"] * n)


class Backend:
    vendor = ""
    id_sql = "d.id"

    # -- writing ---------------------------------------------------------------------------

    def insert(self, cursor, doc_id: int, row: dict, text: dict, tokens: dict, meta: str):
        raise NotImplementedError

    def update(self, cursor, doc_id: int, row: dict, text: dict | None, tokens, meta: str):
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
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            cursor.execute(f"DELETE FROM core_searchtext WHERE id IN ({_in(len(chunk))})", chunk)
            cursor.execute(f"DELETE FROM core_searchdoc WHERE id IN ({_in(len(chunk))})", chunk)

    def lock(self, cursor, number: int):
        """Serialise writers of one index (id allocation)."""

    def start_bulk(self, cursor):
        """Called once before a full reindex."""

    def finish_bulk(self, cursor):
        """Called once after a full reindex."""

    def meta(self, index: SearchIndex, row: dict) -> str:
        return ""

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


class SQLiteBackend(Backend):
    vendor = "sqlite"
    id_sql = "f.rowid"

    def insert(self, cursor, doc_id, row, text, tokens, meta):
        cursor.execute(
            f"INSERT INTO core_searchdoc (id, {', '.join(ROW_COLUMNS)})"
            f" VALUES (%s, {_in(len(ROW_COLUMNS))})",
            [doc_id, *(row[c] for c in ROW_COLUMNS)],
        )
        cursor.execute(
            "INSERT INTO core_searchtext (id, title, doc_number, body) VALUES (%s, %s, %s, %s)",
            [doc_id, *(text[c] for c in TEXT_COLUMNS)],
        )
        # An id can be reused after `flush` emptied the row tables; never inherit stale tokens.
        cursor.execute("DELETE FROM core_searchfts WHERE rowid = %s", [doc_id])
        self._fts_insert(cursor, doc_id, tokens, meta)

    def _fts_insert(self, cursor, doc_id, tokens, meta):
        cursor.execute(
            "INSERT INTO core_searchfts (rowid, title, doc_number, body, meta)"
            " VALUES (%s, %s, %s, %s, %s)",
            [doc_id, *(" ".join(tokens[c]) for c in TEXT_COLUMNS), meta],
        )

    def update(self, cursor, doc_id, row, text, tokens, meta):
        super().update(cursor, doc_id, row, text, tokens, meta)
        if text is None:
            cursor.execute("UPDATE core_searchfts SET meta = %s WHERE rowid = %s", [meta, doc_id])
        else:
            cursor.execute("DELETE FROM core_searchfts WHERE rowid = %s", [doc_id])
            self._fts_insert(cursor, doc_id, tokens, meta)

    def delete(self, cursor, ids):
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            cursor.execute(f"DELETE FROM core_searchfts WHERE rowid IN ({_in(len(chunk))})", chunk)
        super().delete(cursor, ids)

    def start_bulk(self, cursor):
        # The default 2 MB page cache makes inserts at scattered ids (historical dates) re-read
        # B-tree pages constantly; 256 MB for the rebuild keeps the working set in memory.
        cursor.execute("PRAGMA cache_size = -262144")

    def finish_bulk(self, cursor):
        # Merge all b-tree segments into one: queries then read one posting list per token.
        cursor.execute("INSERT INTO core_searchfts (core_searchfts) VALUES ('optimize')")
        cursor.execute("PRAGMA cache_size = -2000")

    def meta(self, index: SearchIndex, row: dict) -> str:
        parts = ["m"]  # never empty, so a meta-only update is an ordinary FTS5 update
        for column in index.columns.values():  # type: ignore[attr-defined]
            if row[column] is not None:
                parts.append(meta_token(column, row[column]))
        return " ".join(parts)

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


# ---------------------------------------------------------------------------------------------

PG_MAX_POSITION = 16383
PG_MAX_POSITIONS = 256


def pg_tsvector(tokens: dict) -> str:
    """A tsvector literal: title and 发文字号 at weight A, body at C, one free position between
    fields so that a phrase never matches across them."""
    positions: dict[str, list[str]] = {}
    pos = 1
    for column, weight in (("title", "A"), ("doc_number", "A"), ("body", "C")):
        for tok in tokens[column]:
            entry = positions.setdefault(tok, [])
            if len(entry) < PG_MAX_POSITIONS and pos <= PG_MAX_POSITION:
                entry.append(f"{pos}{weight}")
            pos += 1
        pos += 1
    # Lexemes past the position limit still go in (with the last position) so words match.
    return " ".join(
        f"'{tok}':{','.join(p) if p else str(PG_MAX_POSITION) + 'C'}"
        for tok, p in positions.items()
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

    def insert(self, cursor, doc_id, row, text, tokens, meta):
        cursor.execute(
            f"INSERT INTO core_searchdoc (id, {', '.join(ROW_COLUMNS)}, tsv)"
            f" VALUES (%s, {_in(len(ROW_COLUMNS))}, %s::tsvector)",
            [doc_id, *(row[c] for c in ROW_COLUMNS), pg_tsvector(tokens)],
        )
        cursor.execute(
            "INSERT INTO core_searchtext (id, title, doc_number, body) VALUES (%s, %s, %s, %s)",
            [doc_id, *(text[c] for c in TEXT_COLUMNS)],
        )

    def update(self, cursor, doc_id, row, text, tokens, meta):
        super().update(cursor, doc_id, row, text, tokens, meta)
        if text is not None:
            cursor.execute(
                "UPDATE core_searchdoc SET tsv = %s::tsvector WHERE id = %s",
                [pg_tsvector(tokens), doc_id],
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

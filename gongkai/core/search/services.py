# ruff: noqa: S608  (SQL is assembled from constant table/column names; every value is a parameter)
"""index / remove / search / reindex_all: the one search path for every app.

Indexing is derived data, not a state change a person made, so it writes no audit event; the app
that owns the documents audits the change and calls `index`/`remove` after commit (from a job).

Bulk mode. `segment.tokens(text, with_words=False)` (bigrams only) is about ten times faster than
with jieba words and is what the index uses by default: queries are matched as bigram phrases
only (see .query), so jieba words in the index would add ~50% to its size and 10× to indexing
time without changing which documents match or how bm25/ts_rank score them. `with_words=True`
remains available should ranking ever use whole-word matches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from gongkai.core.errors import GongkaiError
from gongkai.core.text.docnumber import doc_number_query_forms

from . import estimate, highlight, ids
from .backends import ROW_COLUMNS, TEXT_COLUMNS, column_conditions, get_backend, tokens_of
from .query import doc_key, parse_query
from .schema import FILTER_COLUMNS, Hit, IndexEntry, SearchIndex, SearchResult, get_index

MAX_PER_PAGE = 100
COUNT_EXACT = 1_000
CANDIDATES = 300
BODY_CANDIDATES = 100  # of which the body's opening counts too (see _rank)
FACET_SAMPLE = 1_000
RANK_BODY_CHARS = 1_000
MAX_PAGE = 500  # deeper pages are never read by people; keeps OFFSET bounded
MAX_ROUNDS = 4  # candidate batches read to confirm matches (PostgreSQL phrases)
_CHUNK = 500


def _row(index: SearchIndex, entry: IndexEntry, digest: str) -> dict:
    if not entry.key or len(entry.key) > 255:
        raise ValueError(f"search entry key must be 1-255 characters: {entry.key!r}")
    row = dict.fromkeys(FILTER_COLUMNS)
    for name, value in (entry.filters or {}).items():
        row[index.column(name)] = index.coerce(name, value)
    number = doc_number_query_forms(entry.doc_number) if entry.doc_number else None
    row.update(
        index_name=index.name,
        key=entry.key,
        doc_key=doc_key(number),
        date=entry.date,
        digest=digest,
    )
    return row


def _digest(entry: IndexEntry, with_words: bool) -> str:
    """What the text was indexed from. Entries with jieba words get a digest starting with "w"
    (never a hex digit), so that their tokens can be made again (backends.digest_has_words)."""
    h = hashlib.sha1(usedforsecurity=False)
    for part in (entry.title, entry.doc_number, entry.body, "w" if with_words else "b"):
        h.update((part or "").encode())
        h.update(b"\x1f")
    return "w" + h.hexdigest()[1:] if with_words else h.hexdigest()


def _text(entry: IndexEntry) -> dict[str, str]:
    # PostgreSQL text cannot hold NUL; it carries nothing searchable anyway.
    return {c: (getattr(entry, c) or "").replace("\x00", "") for c in TEXT_COLUMNS}


def prepare(entry: IndexEntry) -> tuple[str, dict]:
    """The work of indexing an entry that depends on nothing but its text — its tokens, the
    bulk of indexing — done ahead, for instance in the process that reads an import file while
    another writes (library.importer.parallel). Give the result as `IndexEntry.prepared`; it is
    used only if the entry's text is still the text it was made from."""
    return _digest(entry, False), get_backend().prepared(tokens_of(_text(entry), False))


def _existing(cursor, index: SearchIndex, keys: Sequence[str]) -> dict[str, tuple]:
    found = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        cursor.execute(
            f"SELECT id, {', '.join(ROW_COLUMNS)} FROM core_searchdoc"
            f" WHERE index_name = %s AND key IN ({', '.join(['%s'] * len(chunk))})",
            [index.name, *chunk],
        )
        for r in cursor.fetchall():
            found[r[2]] = r
    return found


def _same_row(old: tuple, row: dict) -> bool:
    stored = dict(zip(ROW_COLUMNS, old[1:], strict=True))
    for column in ROW_COLUMNS:
        a, b = stored[column], row[column]
        if column == "date" and isinstance(a, str):
            a = dt.date.fromisoformat(a)
        if column.startswith("f_bool") and a is not None:
            a = bool(a)
        if a != b:
            return False
    return True


@transaction.atomic
def index(
    search_index: SearchIndex | str, entries: Iterable[IndexEntry], *, with_words: bool = False
) -> int:
    """Add or replace entries by key (idempotent); returns how many rows changed."""
    idx = get_index(search_index)
    latest: dict[str, IndexEntry] = {}
    for entry in entries:
        latest[entry.key] = entry
    if not latest:
        return 0
    backend = get_backend()
    changed = 0
    with connection.cursor() as cursor:
        number = ids.index_number(cursor, idx.name, create=True)
        backend.lock(cursor, number)
        allocate = ids.Allocator(cursor, number)
        existing = _existing(cursor, idx, list(latest))
        inserts, updates, moved = [], [], []
        for key, entry in latest.items():
            digest = _digest(entry, with_words)
            row = _row(idx, entry, digest)
            old = existing.get(key)
            if old is not None and _same_row(old, row):
                continue
            changed += 1
            if old is not None and ids.day_of(old[0]) != ids.day_number(entry.date):
                moved.append(old[0])  # the id encodes the date: new date, new row
                old = None
            text_changed = old is None or old[1 + ROW_COLUMNS.index("digest")] != digest
            text = tokens = None
            if text_changed:
                text = _text(entry)
                if entry.prepared and entry.prepared[0] == digest and not with_words:
                    tokens = entry.prepared[1]
                else:
                    tokens = tokens_of(text, with_words)
            if old is None:
                inserts.append((allocate(entry.date), row, text, tokens))
            else:
                updates.append((old, row, text, tokens))
        if moved:
            backend.delete(cursor, moved)
        for old, row, text, tokens in updates:
            backend.update(cursor, old, row, text, tokens)
        backend.insert_many(cursor, inserts)
    if changed:
        estimate.changed(number, added=[i[0] for i in inserts], removed=moved)
    return changed


@transaction.atomic
def remove(search_index: SearchIndex | str, keys: Iterable[str]) -> int:
    """Remove entries by key; keys not in the index are ignored. Returns how many were removed."""
    idx = get_index(search_index)
    keys = list(dict.fromkeys(keys))
    if not keys:
        return 0
    with connection.cursor() as cursor:
        found = [r[0] for r in _existing(cursor, idx, keys).values()]
        get_backend().delete(cursor, found)
    if found:
        estimate.changed(found[0] >> ids.INDEX_SHIFT, removed=found)
    return len(found)


@dataclass
class Progress:
    done: int
    changed: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0


def bulk_start() -> None:
    """Before a large load on this thread's connection (an import of many thousand entries): the
    backend's settings for bulk writing."""
    with connection.cursor() as cursor:
        get_backend().start_bulk(cursor)


def bulk_finish(*, compact: bool = True) -> None:
    """After a large load: the backend's housekeeping — on SQLite `compact` merges the FTS5 index
    into one segment (a minute or two at a million entries, so an import of a few documents into
    a large index should not ask for it); on PostgreSQL, ANALYZE."""
    with connection.cursor() as cursor:
        get_backend().finish_bulk(cursor, compact=compact)


@contextmanager
def bulk(*, compact: bool = True):
    bulk_start()
    try:
        yield
    finally:
        bulk_finish(compact=compact)


def reindex_all(
    search_index: SearchIndex | str,
    entries: Iterable[IndexEntry],
    *,
    batch: int = 2000,
    progress: Callable[[Progress], None] | None = None,
    with_words: bool = False,
) -> Progress:
    """Make the index hold exactly `entries`: upsert them in batches (one transaction each, so a
    long rebuild never holds one huge transaction), then remove every key that was not given, then
    compact the index."""
    idx = get_index(search_index)
    started = time.perf_counter()
    seen: set[str] = set()
    done = changed = 0
    pending: list[IndexEntry] = []

    def flush():
        nonlocal done, changed
        changed += index(idx, pending, with_words=with_words)
        done += len(pending)
        pending.clear()
        if progress:
            progress(Progress(done, changed, time.perf_counter() - started))

    with connection.cursor() as cursor:
        get_backend().start_bulk(cursor)
    for entry in entries:
        seen.add(entry.key)
        pending.append(entry)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM core_searchdoc WHERE index_name = %s", [idx.name])
        stale = [k for (k,) in cursor.fetchall() if k not in seen]
    for i in range(0, len(stale), batch):
        changed += remove(idx, stale[i : i + batch])
    with connection.cursor() as cursor:
        get_backend().finish_bulk(cursor)
    return Progress(done, changed, time.perf_counter() - started)


def _clean_filters(idx: SearchIndex, filters: dict | None) -> dict[str, list]:
    out = {}
    for name, value in (filters or {}).items():
        if name not in idx.filters:
            raise ValueError(f"index {idx.name!r} has no filter {name!r}")
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        values = [idx.coerce(name, v) for v in values if v is not None and v != ""]
        if values:
            out[name] = list(dict.fromkeys(values))
    return out


def search(
    search_index: SearchIndex | str,
    query: str,
    *,
    filters: dict | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    facets: Sequence[str] = (),
) -> SearchResult:
    """Search one index. Raises GongkaiError (Chinese message) for an empty or symbols-only query
    or a reversed date range; never changes anything.

    Bounded work per query, so that a word found in half of a million documents costs about the
    same as a rare one:
    - the total is exact up to COUNT_EXACT matches; beyond, it is estimated from the share of
      matches among the entries the newest COUNT_EXACT matches span (see .estimate;
      `total_exact` is then False: "约 N 条");
    - relevance ranks the newest CANDIDATES matches by title and 发文字号, the newest
      BODY_CANDIDATES of them by the opening of the body too (see `_rank`); further pages
      continue newest first;
    - facet counts are exact up to FACET_SAMPLE matches, else counted on the newest FACET_SAMPLE
      and scaled (`facets_exact` False).
    """
    idx = get_index(search_index)
    parsed = parse_query(query)
    if sort not in ("relevance", "date"):
        raise GongkaiError("排序方式只能是“相关度”或“日期”。", code="invalid_sort")
    if date_from and date_to and date_from > date_to:
        raise GongkaiError("开始日期不能晚于结束日期。", code="invalid_date_range")
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    page = max(1, min(int(page), MAX_PAGE))
    clean = _clean_filters(idx, filters)
    for name in facets:
        idx.column(name)
    backend = get_backend()
    empty = SearchResult(0, [], {name: {} for name in facets}, page, per_page)

    with connection.cursor() as cursor:
        number = ids.index_number(cursor, idx.name, create=False)
        if number is None:
            return empty
        lo, hi = ids.id_range(number, date_from, date_to)

        # 发文字号 typed loosely: its document comes first, whatever the text match says.
        boosted: list[int] = []
        key = doc_key(parsed.doc_number)
        if key:
            where, params = column_conditions(idx, clean, date_from, date_to)
            cursor.execute(
                f"SELECT d.id FROM core_searchdoc d WHERE {' AND '.join(where)}"
                # doc_key <> '' lets SQLite use the partial index (it cannot see that a
                # parameter is not empty).
                " AND d.doc_key = %s AND d.doc_key <> '' ORDER BY d.id DESC LIMIT 20",
                [*params, key],
            )
            boosted = [r[0] for r in cursor.fetchall()]

        # A query that is wholly a 发文字号 and found its document is answered by that lookup
        # alone. Matching its text as words instead would cost a walk through the posting lists
        # of tokens as common as a year (1.5 s at a million documents); a reader who wants the
        # documents that cite the number searches it as a quoted phrase (`by_doc_number`).
        by_number = bool(boosted) and parsed.doc_number is not None
        matcher = backend.matcher(cursor, idx, number, parsed, clean, lo, hi, boosted)
        newest = [] if by_number else _newest(backend, cursor, parsed, matcher, COUNT_EXACT + 1)
        matches, exact = len(newest), len(newest) <= COUNT_EXACT
        if not exact:
            oldest = matcher.fetch(1, ascending=True)[0]
            matches = estimate.matches(cursor, number, newest, oldest, COUNT_EXACT)
        total = matches + len(boosted)

        ordered: list[tuple[int, float, bool]] = [(i, 0.0, True) for i in boosted]
        if sort == "relevance" and newest:
            ranked = _rank(cursor, parsed, newest[:CANDIDATES])
            ordered += ranked
            ordered += [(i, 0.0, False) for i in newest[len(ranked) : COUNT_EXACT]]
        else:
            ordered += [(i, 0.0, False) for i in newest[:COUNT_EXACT]]
        offset = (page - 1) * per_page
        page_ids = ordered[offset : offset + per_page]
        if len(page_ids) < per_page and not exact:
            # Past the first COUNT_EXACT matches every order continues newest first, after the
            # oldest match already placed.
            covered = len(ordered) - len(boosted)  # a newest-first prefix of the matches
            skip = max(0, offset + len(page_ids) - len(ordered))
            more = _newest(
                backend,
                cursor,
                parsed,
                matcher,
                skip + per_page - len(page_ids),
                before=newest[covered - 1],
            )
            page_ids += [(i, 0.0, False) for i in more[skip:]]

        scale = 1.0 if len(newest) <= FACET_SAMPLE else matches / FACET_SAMPLE
        facet_counts = _facets(cursor, idx, facets, boosted, newest[:FACET_SAMPLE], scale)
        hits = _hits(cursor, parsed, page_ids)
    return SearchResult(
        total=total,
        hits=hits,
        facets=facet_counts,
        page=page,
        per_page=per_page,
        total_exact=exact,
        facets_exact=scale == 1.0,
        by_doc_number=by_number,
    )


def _newest(backend, cursor, parsed, matcher, want, *, before=None) -> list[int]:
    """The ids of the newest `want` matches (newest first), older than `before` if given.

    A backend whose matcher may return a few rows too many (PostgreSQL: the query's words in any
    order, which the GIN index answers without reading any row's tsvector) confirms each
    candidate (`backend.confirm`), reading on until `want` are confirmed — a few rounds at most,
    since nearly every document holding all the bigrams of a phrase holds the phrase."""
    confirm = backend.needs_confirm(parsed)
    out: list[int] = []
    for _ in range(MAX_ROUNDS):
        limit = want if confirm else want - len(out)
        got = matcher.fetch(limit, before=before)
        if not got:
            break
        if confirm:
            ok = backend.confirm(cursor, parsed, got)
            out += [i for i in got if i in ok]
        else:
            out += got
        if len(out) >= want or len(got) < limit:
            break
        before = got[-1]
    return out[:want]


def _rank(cursor, parsed, candidates: list[int]) -> list[tuple[int, float, bool]]:
    """Score candidates from their stored text, identically on both backends.

    Why not bm25 / ts_rank: FTS5's bm25 first counts every document matching each phrase (its
    IDF), a full pass over the posting lists that takes ~80 ms for a common phrase at 100,000
    documents and grows with the index; ts_rank reads every matching tsvector. Counting the
    query's runs in the title, the 发文字号 and the opening of the body of a bounded candidate set
    costs the same at any index size and gives what readers expect of a government site: title
    and document-number matches first, then documents that mention the words more often, the
    newer first on ties."""
    if not candidates:
        return []
    # Titles and numbers of all the candidates (the start of each row: one page read each);
    # the opening of the body only of the newest BODY_CANDIDATES (a body spans several pages,
    # which at a million documents are mostly not in memory).
    marks = ", ".join(["%s"] * len(candidates))
    cursor.execute(
        f"SELECT id, title, doc_number FROM core_searchtext WHERE id IN ({marks})", candidates
    )
    heads = cursor.fetchall()
    first = candidates[:BODY_CANDIDATES]
    cursor.execute(
        "SELECT id, substr(body, 1, %s) FROM core_searchtext"
        f" WHERE id IN ({', '.join(['%s'] * len(first))})",
        [RANK_BODY_CHARS, *first],
    )
    bodies = dict(cursor.fetchall())
    runs = parsed.highlight_runs
    # Folding (full-width letters, case) only matters to Latin/digit runs; skip it otherwise.
    fold = highlight.fold if any(run.isascii() for run in runs) else (lambda x: x)
    scored = []
    for doc_id, title, number in heads:
        title, number, body = (fold(x or "") for x in (title, number, bodies.get(doc_id)))
        score = 0.0
        for run in runs:
            score += 10.0 * (title.count(run) + number.count(run))
            score += math.log1p(body.count(run))
        scored.append((doc_id, score))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return [(doc_id, round(score, 4), False) for doc_id, score in scored]


def _facets(cursor, idx, facets, boosted, sample, scale) -> dict:
    """Counts per value of each facet field, in one pass: GROUP BY all facet columns together,
    then sum the margins (the groups are few: the product of the fields' cardinalities)."""
    if not facets:
        return {}
    columns = [idx.column(name) for name in facets]
    counts: dict[str, dict] = {name: {} for name in facets}
    for part, factor in ((boosted, 1.0), (sample, scale)):
        for i in range(0, len(part), 5000):
            chunk = part[i : i + 5000]
            cursor.execute(
                f"SELECT {', '.join(columns)}, count(*) FROM core_searchdoc"
                f" WHERE id IN ({', '.join(['%s'] * len(chunk))}) GROUP BY {', '.join(columns)}",
                chunk,
            )
            for row in cursor.fetchall():
                n = row[-1] * factor
                for name, value in zip(facets, row[:-1], strict=True):
                    if value is None:
                        continue
                    value = idx.coerce(name, value)
                    counts[name][value] = counts[name].get(value, 0) + n
    return {
        name: dict(
            sorted(((v, round(n)) for v, n in c.items()), key=lambda kv: (-kv[1], str(kv[0])))
        )
        for name, c in counts.items()
    }


def _hits(cursor, parsed, page_ids) -> list[Hit]:
    if not page_ids:
        return []
    wanted = [i for i, _, _ in page_ids]
    cursor.execute(
        "SELECT d.id, d.key, d.date, t.title, t.body FROM core_searchdoc d"
        " JOIN core_searchtext t ON t.id = d.id"
        f" WHERE d.id IN ({', '.join(['%s'] * len(wanted))})",
        wanted,
    )
    rows = {r[0]: r for r in cursor.fetchall()}
    runs = parsed.highlight_runs
    hits = []
    top = max((s for _, s, _ in page_ids), default=0.0)
    for doc_id, score, by_number in page_ids:
        row = rows.get(doc_id)
        if row is None:
            continue
        date = row[2]
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        hits.append(
            Hit(
                key=row[1],
                score=round(top + 1.0 if by_number else score, 6),
                title_html=highlight.highlight(row[3], runs),
                snippet_html=highlight.snippet(row[4], runs),
                date=date,
                doc_number_match=by_number,
            )
        )
    return hits

"""Checking the rows of a large import in a second process, while this one writes.

Writing a batch (documents, their index entries) and checking the next one (reading each row,
sanitising its body, making its plain text) are both Python and share one interpreter lock in
one process, so a writer thread alone overlaps little more than the database's own work. A
second process checks rows with the same `RowChecker` — its own Django set-up and database
connection, used only to look up units and topics once — and sends back `Prepared` rows; this
process only reads the file and writes. On a machine with two or more cores that is about half
of the Python work taken off the writing process.

The child is started with "spawn" (not "fork": a forked child would share this process's
database connection). At most a few chunks are in flight, so memory stays bounded however
large the file.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.core.errors import GongkaiError

from .readers import Row, Source, rows

if TYPE_CHECKING:  # the child imports this module before Django is set up: no models here
    from .validate import Prepared

CHUNK = 250  # rows per message
IN_FLIGHT = 8  # chunks sent ahead

_checker = None
_topic_parents: dict = {}


def _settings_module() -> str | None:
    from django.conf import settings

    return settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE")


def usable() -> bool:
    """A second process helps on more than one core, and must be able to set up Django the same
    way and open the same database: not an in-memory SQLite database (the test suite's)."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name)
    return (os.cpu_count() or 1) > 1 and not in_memory and bool(_settings_module())


def _init(settings_module: str, db_name: str, region_id: int, files_dir: str, max_body: int):
    global _checker, _topic_parents
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()
    from django.db import connection

    # The database this process uses, which may not be the configured one (the test suite's).
    connection.settings_dict["NAME"] = db_name

    from gongkai.library.models import Topic
    from gongkai.orgs.models import Region

    from .validate import RowChecker

    _topic_parents = dict(Topic.objects.values_list("id", "parent_id"))
    region = Region.objects.get(pk=region_id)
    _checker = RowChecker(region, Path(files_dir) if files_dir else None, max_body_bytes=max_body)


def _check(chunk: list[Row]) -> list[tuple[int, Prepared | None, str]]:
    out = []
    for row in chunk:
        prepared, errors = _checker.check(row)
        if prepared is not None:
            prepared.search = _search_tokens(prepared)
        out.append((row.number, prepared, str(errors[0]) if errors else ""))
    return out


def _search_tokens(prepared: Prepared) -> tuple | None:
    """The search index's tokens of the document this row creates, if it is public — the largest
    part of indexing, done here rather than in the writing process. Should the document turn out
    different (the row updates an existing one), the index sees the text changed and ignores
    them."""
    from gongkai.core import search
    from gongkai.library.models import Document
    from gongkai.library.search_index import entry_for

    from .services import WRITE_FIELDS

    values = prepared.fields
    document = Document(
        region_id=_checker.region.pk,
        status=Document.Status.PUBLISHED,
        **{f: values[f] for f in WRITE_FIELDS},
    )
    if not document.is_public:
        return None
    return search.prepare(entry_for(document, topic_parents=_topic_parents, new=True))


def _chunks(source: Source) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows(source):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def checked_batches(source: Source, checker, size: int) -> Iterator[list[Prepared]]:
    """What services._batches yields — batches of `size` prepared rows, in file order — with the
    checking done by a child process."""
    from django.db import connection

    context = multiprocessing.get_context("spawn")
    args = (
        _settings_module(),
        str(connection.settings_dict["NAME"]),
        checker.region.pk,
        str(checker.files_dir or ""),
        checker.max_body_bytes,
    )
    # An executor (not multiprocessing.Pool, which starts a failing child again and again)
    # reports a child that cannot start as an error here.
    with ProcessPoolExecutor(1, mp_context=context, initializer=_init, initargs=args) as pool:
        pending: deque = deque()
        batch: list[Prepared] = []
        chunks = _chunks(source)
        exhausted = False
        while True:
            while not exhausted and len(pending) < IN_FLIGHT:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append(pool.submit(_check, chunk))
            if not pending:
                break
            for number, prepared, problem in pending.popleft().result():
                if prepared is None:  # the file changed since it was checked
                    where = problem or f"第 {number} 行"
                    raise GongkaiError(
                        f"导入过程中文件内容发生变化：{where}。本批次未写入，请重新导入。"
                    )
                batch.append(prepared)
                if len(batch) >= size:
                    yield batch
                    batch = []
        if batch:
            yield batch

"""Bulk import of documents: check every row, then write in batches, idempotent by 索引号.

How an import keeps its promises:

* **Nothing half-written.** The whole file is checked first (pass 1: every row, every column,
  duplicate 索引号 in the file, 索引号 held by a document still in the workflow); a single bad row
  rejects the whole file with the list of problems and nothing is written. Only then are rows
  written (pass 2), one transaction per batch of ``batch_size`` rows (default 5,000 — an office
  file is one batch). Should the process die between batches, the batches written are whole,
  and running the same file again completes the import. ``batch_size=0`` writes the whole file
  in one transaction. The back office's import job runs inside one transaction altogether.
* **Idempotent by 索引号.** A row whose 索引号 exists updates that document's metadata (only what
  changed; unchanged documents are not touched, so the changes feed stays quiet); a new 索引号
  creates a document. Only published documents are updated: a 索引号 held by a draft or a
  document in review is refused (the import must not bypass 三审).
* **Published records, audited.** Imported documents are the office's published history; they
  arrive as 已发布 without the workflow. Each batch writes one audit event ``library.import`` on
  the ImportRun, with the file name, the rows, the counts and the 索引号 written (no per-document
  events: a million of them would double the cost of an import and say nothing more).
* **Searchable.** Each batch hands its new and changed documents to the library's search index
  in the same transaction (`indexing.index_documents`).

This function is not one ``@transaction.atomic`` like other services, on purpose: a file of a
million rows must not be one transaction on SQLite; see the batches above.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, reset_queries, transaction
from django.utils import timezone

from gongkai.core import pagecache
from gongkai.core.audit import audit_record
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.errors import GongkaiError
from gongkai.library.models import Document
from gongkai.orgs.policy import require

from . import indexing, parallel
from .models import ImportRun
from .readers import Source, open_source, rows
from .validate import Prepared, RowChecker, RowError

register_verbs({"library.import": "批量导入文件"})

S = Document.Status
WRITE_FIELDS = [
    "unit_id",
    "title",
    "doc_number",
    "issuer_code",
    "doc_year",
    "doc_serial",
    "written_on",
    "published_on",
    "topic_id",
    "genre",
    "keywords",
    "is_normative",
    "validity",
    "effective_from",
    "effective_until",
    "disclosure",
    "disclosure_reason",
    "body",
    "body_text",
    "summary",
]
UPDATE_FIELDS = [f.removesuffix("_id") if f in ("unit_id", "topic_id") else f for f in WRITE_FIELDS]
CHECK_CHUNK = 1000
DEFAULT_BATCH = 5000
MAX_KEPT_ERRORS = 1000
THREADED_MIN_ROWS = 20_000  # files this large are written on a second thread (_write_threaded)
COMPACT_SHARE = 0.25  # an import that created this share of the library compacts the index

# progress(phase, done, total): phase "check" (total unknown: None) or "write".
ProgressFn = Callable[[str, int, int | None], None]


@dataclass
class ImportReport:
    file_name: str
    format: str
    dry_run: bool
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    indexed: str = ""
    seconds: float = 0.0
    index_seconds: float = 0.0  # of which: handing documents to the search index
    run_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def rate(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        if not self.ok:
            return (
                f"“{self.file_name}”共 {self.total} 行，发现 {self.error_count} 处问题，"
                "未导入任何文件。请按错误清单修改后重新导入。"
            )
        if self.dry_run:
            return (
                f"“{self.file_name}”共 {self.total} 行，检查通过：将新建 {self.created} 份、"
                f"更新 {self.updated} 份（索引号已存在）。"
            )
        return (
            f"“{self.file_name}”共 {self.total} 行，已导入：新建 {self.created} 份，"
            f"更新 {self.updated} 份，{self.unchanged} 份无变化。"
        )

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_KEPT_ERRORS:
            self.errors.append(error)


class ImportRejected(GongkaiError):
    """The file has problems; nothing was written. ``report.errors`` lists them by row."""

    def __init__(self, report: ImportReport):
        first = "；".join(str(e) for e in report.errors[:3])
        more = f"（另有 {report.error_count - 3} 处）" if report.error_count > 3 else ""
        super().__init__(f"{report.summary()} {first}{more}", code="import_rejected")
        self.report = report


def max_body_bytes() -> int:
    from gongkai.library.attachments import max_bytes

    return max_bytes()


def library_import(
    *,
    actor: Any,
    region: Any,
    path: Path | str,
    files_dir: Path | str | None = None,
    format: str | None = None,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: ProgressFn | None = None,
    run: ImportRun | None = None,
    file_name: str | None = None,
) -> ImportReport:
    """Check (and unless ``dry_run``, import) a metadata file into ``region``'s library.

    A dry run returns the report with its errors; a real import with errors raises
    `ImportRejected` (nothing written). ``actor`` None is the system (command line as admin).
    """
    if actor is not None:
        require(actor, "library.import", region)
    started = time.perf_counter()
    source = open_source(Path(path), format)
    report = ImportReport(
        file_name=file_name or source.path.name, format=source.format, dry_run=dry_run
    )
    if source.unknown_headers:
        report.warnings.append(f"以下列不是导入列，已忽略：{'、'.join(source.unknown_headers)}。")
    checker = RowChecker(
        region, Path(files_dir) if files_dir else None, max_body_bytes=max_body_bytes()
    )
    _check_all(source, checker, report, region, progress)
    report.seconds = time.perf_counter() - started
    if report.total == 0:
        raise GongkaiError(f"“{report.file_name}”中没有数据行：表头下面应当每行一份文件。")
    if dry_run:
        return report
    if not report.ok:
        raise ImportRejected(report)
    report.created = report.updated = 0
    if run is None:
        run = ImportRun.objects.create(
            region=region,
            file_name=report.file_name,
            format=source.format,
            created_by=actor if actor is not None else None,
            status=ImportRun.Status.RUNNING,
        )
    report.run_id = run.pk
    _write_all(source, checker, report, region, actor, run, batch_size, progress)
    _refresh_statistics(report.created + report.updated)
    report.seconds = time.perf_counter() - started
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        total=report.total,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        errors=[],
        message=report.summary(),
        finished_at=timezone.now(),
    )
    return report


def _check_all(source: Source, checker, report: ImportReport, region, progress) -> None:
    seen: dict[str, int] = {}
    chunk: list[Prepared] = []
    for row in rows(source):
        report.total += 1
        prepared, errors = checker.check(row, prepare=False)
        for error in errors:
            report.add_error(error)
        if prepared is not None:
            first = seen.get(prepared.index_no)
            if first is not None:
                report.add_error(
                    RowError(
                        row.number,
                        "索引号",
                        f"索引号“{prepared.index_no}”与第 {first} 行重复",
                        "同一文件中每个索引号只能出现一次，请删除重复的行或改正索引号。",
                    )
                )
            else:
                seen[prepared.index_no] = row.number
                chunk.append(prepared)
        if len(chunk) >= CHECK_CHUNK:
            _check_existing(chunk, report, region)
            chunk = []
            reset_queries()
        if progress and report.total % 500 == 0:
            progress("check", report.total, None)
    if chunk:
        _check_existing(chunk, report, region)
    if progress:
        progress("check", report.total, None)


def _check_existing(chunk: list[Prepared], report: ImportReport, region) -> None:
    """What the rows would do to documents already in the library (create, update, refuse)."""
    found = dict(
        Document.objects.filter(
            region=region, index_no__in=[p.index_no for p in chunk]
        ).values_list("index_no", "status")
    )
    labels = dict(S.choices)
    for prepared in chunk:
        status = found.get(prepared.index_no)
        if status is None:
            report.created += 1
        elif status == S.PUBLISHED:
            report.updated += 1
        else:
            report.add_error(
                RowError(
                    prepared.row,
                    "索引号",
                    f"索引号“{prepared.index_no}”已被一份“{labels.get(status, status)}”的文件使用",
                    "导入只能新建或更新已发布的文件，不能覆盖正在办理或已撤回的文件；"
                    "请改正索引号，或在工作台中处理该文件。",
                )
            )


def _batches(source: Source, checker: RowChecker, size: int) -> Iterator[list[Prepared]]:
    batch: list[Prepared] = []
    for row in rows(source):
        prepared, errors = checker.check(row)
        if errors or prepared is None:  # the file changed since it was checked
            where = str(errors[0]) if errors else f"第 {row.number} 行"
            raise GongkaiError(f"导入过程中文件内容发生变化：{where}。本批次未写入，请重新导入。")
        batch.append(prepared)
        if size and len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


ANALYZE_MIN_ROWS = 5_000


def _refresh_statistics(written: int) -> None:
    """After a large import, let PostgreSQL's planner see the documents it now has. Until
    autovacuum gets round to it, a table that went from a few rows to a million still plans
    like a small one: the document page then scanned every public document for one 索引号
    (2.4 s at a million) instead of using its unique index. (SQLite plans without statistics.)"""
    if written >= ANALYZE_MIN_ROWS and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Document._meta.db_table}")


def _write_all(source, checker, report, region, actor, run, batch_size, progress) -> None:
    done = 0
    how: set[str] = set()

    def record(batch: list[Prepared], result: tuple) -> None:
        nonlocal done
        created, updated, unchanged, kinds, index_seconds = result
        how.update(kinds)
        report.index_seconds += index_seconds
        report.created += created
        report.updated += updated
        report.unchanged += unchanged
        done += len(batch)
        if progress:
            progress("write", done, report.total)

    args = (report.file_name, region, actor, run)
    threaded = (
        batch_size
        and report.total >= THREADED_MIN_ROWS
        and not transaction.get_connection().in_atomic_block
    )
    if threaded:
        if parallel.usable():
            batches = parallel.checked_batches(source, checker, batch_size)
        else:
            batches = _batches(source, checker, batch_size)
        _write_threaded(batches, args, record, region)
    else:
        for number, batch in enumerate(_batches(source, checker, batch_size), start=1):
            record(batch, _write_one(batch, number, *args))
    report.indexed = "、".join(sorted(how))


def _write_one(batch, number, file_name, region, actor, run) -> tuple:
    """One batch in one transaction: documents, their index entries, one audit event."""
    with transaction.atomic():
        created, updated, unchanged = _write_batch(batch, region, actor)
        index_started = time.perf_counter()
        kinds = set()
        if created or not updated:
            kinds.add(indexing.index_documents(created, new=True))
        if updated:
            kinds.add(indexing.index_documents(updated))
        index_seconds = time.perf_counter() - index_started
        audit_record(
            actor=actor,
            verb="library.import",
            obj=run,
            region=region,
            details={
                "文件": file_name,
                "批次": number,
                "行": f"{batch[0].row}–{batch[-1].row}",
                "新建": len(created),
                "更新": len(updated),
                "未变化": unchanged,
                "索引号": [d.index_no for d in created + updated],
            },
        )
    reset_queries()  # with DEBUG on, the query log would keep every batch's SQL in memory
    return len(created), len(updated), unchanged, kinds, index_seconds


def _write_threaded(batches, args, record, region) -> None:
    """Large files: batches are written on a second thread, with its own database connection,
    while this thread reads and checks the next batch. Both are Python and share one
    interpreter lock, but a good part of writing is spent in the database (SQLite's B-trees and
    FTS5 merges, or waiting for PostgreSQL), which then overlaps the checking: about a third
    faster on SQLite and half again on PostgreSQL. At most one batch waits while one is written.
    A failed batch stops the import as it would on one thread; the batches written are whole."""
    from gongkai.core import search

    pending: deque = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gongkai-import") as writer:
        writer.submit(search.bulk_start).result()
        created = 0
        try:
            for number, batch in enumerate(batches, start=1):
                pending.append((batch, writer.submit(_write_one, batch, number, *args)))
                while len(pending) > 1:
                    done_batch, future = pending.popleft()
                    result = future.result()
                    created += result[0]
                    record(done_batch, result)
            while pending:
                done_batch, future = pending.popleft()
                result = future.result()
                created += result[0]
                record(done_batch, result)
        finally:
            for _, future in pending:
                future.cancel()
            writer.submit(_finish_writer, created, region).result()


def _finish_writer(created: int, region) -> None:
    """On the writer thread: compact the search index after an import that made up a large
    part of it, then close the thread's database connection."""
    from gongkai.core import search

    try:
        total = Document.objects.filter(region=region).count()
        search.bulk_finish(compact=created >= COMPACT_SHARE * total)
    finally:
        connection.close()


def _published_at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _write_batch(
    batch: list[Prepared], region, actor
) -> tuple[list[Document], list[Document], int]:
    existing = {
        d.index_no: d
        for d in Document.objects.select_for_update().filter(
            region=region, index_no__in=[p.index_no for p in batch]
        )
    }
    now = timezone.now()
    new: list[Document] = []
    changed: list[Document] = []
    unchanged = 0
    for prepared in batch:
        values = prepared.fields
        document = existing.get(prepared.index_no)
        if document is None:
            document = Document(
                region_id=region.pk,
                index_no=prepared.index_no,
                status=S.PUBLISHED,
                published_at=_published_at(values["published_on"]),
                created_by=actor if actor is not None else None,
                created_at=now,
                updated_at=now,
                **{f: values[f] for f in WRITE_FIELDS},
            )
            document.search_prepared = prepared.search  # see search_index.entry_for
            new.append(document)
            continue
        if document.status != S.PUBLISHED:  # changed since the check (someone withdrew it)
            raise GongkaiError(
                f"第 {prepared.row} 行：索引号“{prepared.index_no}”的文件已不是已发布状态，"
                "本批次未写入，请重新检查后导入。"
            )
        diff = [f for f in WRITE_FIELDS if getattr(document, f) != values[f]]
        if not diff:
            unchanged += 1
            continue
        for f in diff:
            setattr(document, f, values[f])
        if "published_on" in diff:
            document.published_at = _published_at(values["published_on"])
        document.updated_at = now
        changed.append(document)
    Document.objects.bulk_create(new, batch_size=500)
    if changed:
        Document.objects.bulk_update(
            changed, [*UPDATE_FIELDS, "published_at", "updated_at"], batch_size=500
        )
    if new or changed:  # bulk writes send no model signals: public pages are stale all the same
        pagecache.changed()
    if new and new[0].pk is None:  # a backend without RETURNING: read the ids back
        ids = dict(
            Document.objects.filter(
                region=region, index_no__in=[d.index_no for d in new]
            ).values_list("index_no", "pk")
        )
        for document in new:
            document.pk = document.id = ids[document.index_no]
    return new, changed, unchanged

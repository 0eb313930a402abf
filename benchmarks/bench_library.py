"""Bulk import throughput and gazette layout time.

    .venv/bin/python -m benchmarks.bench_library 100000          # scratch SQLite database
    DATABASE_URL=postgres://…/gongkai_bench .venv/bin/python -m benchmarks.bench_library 100000
    .venv/bin/python -m benchmarks.bench_library 1000000 --no-gazette --keep-file /tmp/1m.jsonl
    DATABASE_URL=sqlite:////data/lib1m.sqlite3 … bench_library 1000000 --no-import --no-gazette
        (the search figures again, on a library imported before)

Import: N synthetic documents (the library's generator: units, genres, topics, 300–5,000
characters of government prose, doc numbers, dates over ten years) are written to a JSON Lines
file in our export format, then imported with `library_import` exactly as `gongkai
library_import` does it — pass 1 checks every row, pass 2 writes batches of 5,000 with
bulk_create, one audit event per batch, and indexes each batch for full-text search in the same
transaction. The figure is documents per second for the whole import (both passes and indexing);
generating the file is timed separately and not counted. A second import of the same file
(idempotent: every row unchanged) is timed too (--no-reimport to skip).

Search: 200 queries of 1–3 words, every other one with a filter, through `library_search` — the
portal's search path (full-text index, the page's documents, snippets, facet counts) — over the
imported library; and the same queries as `LIKE '%…%'` over the documents table, for the ratio.

Gazette: an issue of normative documents sized to about 100 pages is compiled (layout with
WeasyPrint, PDF stored); the figure is seconds for `gazette_compile`, and pages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

UNITS = [
    ("示范县人民政府", "县政府", "government"),
    ("示范县人民政府办公室", "县政府办", "office"),
    *[
        (f"示范县{name}", f"县{short}", "department")
        for name, short in [
            ("发展和改革局", "发改局"),
            ("教育和体育局", "教体局"),
            ("卫生健康局", "卫健局"),
            ("民政局", "民政局"),
            ("人力资源和社会保障局", "人社局"),
            ("住房和城乡建设局", "住建局"),
            ("交通运输局", "交通局"),
            ("农业农村局", "农业农村局"),
            ("市场监督管理局", "市场监管局"),
            ("财政局", "财政局"),
            ("应急管理局", "应急局"),
            ("自然资源局", "自然资源局"),
            ("水利局", "水利局"),
            ("生态环境局", "环境局"),
        ]
    ],
]


def _region(code: str = "benchlib"):
    from gongkai.orgs.models import Region, Unit

    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": "示范县人民政府", "short_name": "示范县"}
    )
    for i, (name, short, kind) in enumerate(UNITS, start=1):
        Unit.objects.get_or_create(
            region=region,
            name=name,
            defaults={"short_name": short, "kind": kind, "code": f"{900 + i:03d}001"},
        )
    return region


class _Rollback(Exception):
    pass


def generate_jsonl(region, n: int, path: Path, *, seed: int = 1, chunk: int = 10_000) -> float:
    """Write N documents of the library's generator to ``path``; returns seconds taken.

    The generator writes to the database; each chunk is generated inside a transaction that is
    rolled back once the chunk is written out, so the library starts empty for the import."""
    from django.db import transaction

    from gongkai.library.importer.records import document_record
    from gongkai.library.models import Document

    started = time.perf_counter()
    written = 0
    serial = 0
    with path.open("w", encoding="utf-8") as out:
        while written < n:
            size = min(chunk, n - written)
            try:
                with transaction.atomic():
                    ids = _generate(region, size, seed + written)
                    docs = (
                        Document.objects.filter(pk__in=ids)
                        .select_related("unit", "topic__parent")
                        .order_by("pk")
                    )
                    for document in docs.iterator(chunk_size=2000):
                        serial += 1
                        record = document_record(document)
                        # one serial across chunks: each chunk restarts the generator's counters
                        record["索引号"] = (
                            f"{document.unit.code}/{document.written_on.year}-{serial:07d}"
                        )
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    raise _Rollback
            except _Rollback:
                pass
            written += size
            print(f"\rgenerated {written:,}/{n:,}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return time.perf_counter() - started


def _generate(region, n: int, seed: int) -> list[int]:
    try:
        from gongkai.library.generator import generate_documents
    except ImportError:  # the generator is not there yet: a plain stand-in
        return _fallback_generate(region, n, seed)
    end = dt.date.today() - dt.timedelta(days=1)
    return generate_documents(region, n, seed, end=end)


def _fallback_generate(region, n: int, seed: int) -> list[int]:
    import random

    from gongkai.library.models import Document

    rng = random.Random(seed)
    units = list(region.units.all())
    rows = []
    for i in range(n):
        unit = rng.choice(units)
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        text = "各乡镇人民政府，县级有关部门：现就做好有关工作通知如下。" * rng.randint(5, 60)
        rows.append(
            Document(
                region=region,
                unit=unit,
                index_no=f"x{seed}-{i}",
                title=f"关于做好第{i}项工作的通知",
                written_on=day,
                published_on=day,
                body=f"<p>{text}</p>",
                body_text=text,
                status=Document.Status.PUBLISHED,
            )
        )
    return [d.pk for d in Document.objects.bulk_create(rows, batch_size=1000)]


def bench_import(n: int, *, reimport: bool = True, keep_file: str | None = None) -> dict:
    from benchmarks.bench_search import load
    from gongkai.library.importer.progress import ConsoleProgress
    from gongkai.library.importer.services import library_import

    region = _region()
    path = Path(keep_file) if keep_file else Path(tempfile.mkdtemp()) / f"bench-{n}.jsonl"
    if keep_file and path.exists() and sum(1 for _ in path.open("rb")) == n:
        gen_seconds = 0.0
        print(f"reusing {path}")
    else:
        gen_seconds = generate_jsonl(region, n, path)
    size_mb = path.stat().st_size / 1024 / 1024
    print(f"file: {n:,} documents, {size_mb:,.0f} MB, generated in {gen_seconds:,.1f} s")

    progress = ConsoleProgress()
    cpu = time.process_time()
    report = library_import(actor=None, region=region, path=path, progress=progress)
    cpu = time.process_time() - cpu
    progress.close()
    result = {
        "n": n,
        "import_seconds": report.seconds,
        "import_docs_per_s": n / report.seconds,
        "created": report.created,
        "indexed": report.indexed,
    }
    print(
        f"import: {n:,} documents in {report.seconds:,.1f} s = {n / report.seconds:,.0f} docs/s "
        f"(created {report.created:,}, search index: {report.indexed or 'none'}, "
        f"indexing {report.index_seconds:,.1f} s of the writer's time); load {load()}"
    )
    result["index_seconds"] = report.index_seconds
    # On a shared machine wall time depends on the neighbours; CPU time of this process does not
    # (the database server's own CPU time is not included: on PostgreSQL it runs elsewhere).
    print(f"        this process used {cpu:,.1f} s of CPU = {n / cpu:,.0f} docs per CPU-second")
    result["docs_per_cpu_second"] = n / cpu
    if reimport:
        progress = ConsoleProgress()
        again = library_import(actor=None, region=region, path=path, progress=progress)
        progress.close()
        result["reimport_docs_per_s"] = n / again.seconds
        print(
            f"re-import (idempotent): {again.unchanged:,} unchanged in {again.seconds:,.1f} s = "
            f"{n / again.seconds:,.0f} docs/s"
        )
    if not keep_file:
        path.unlink(missing_ok=True)
    return result


# Words of the generator's sentences (gongkai.library.generator.SENTENCES), which documents of
# every subject share; a query is a subject (or its first characters) and up to two of these.
SEARCH_WORDS = [
    "工作台账",
    "专项资金",
    "政策宣传",
    "政务新媒体",
    "限期整改",
    "群众满意度",
    "跨部门协同",
    "数据共享",
    "监督检查",
    "社会力量",
    "跟踪评估",
    "追究责任",
    "统筹协调",
    "清单化管理",
    "身份证明",
    "工作日内办结",
    "志愿者",
    "开工率",
    "经验做法",
    "覆盖率",
]


def search_queries(region, count: int, seed: int) -> list:
    """(LibraryParams, label) pairs: 1–3 words, every other one with a filter (unit, topic,
    genre, date range, validity or has-interpretation), as the library page sends them."""
    import random

    from gongkai.library.generator import THEMES
    from gongkai.library.models import Document, Topic
    from gongkai.library.public.query import LibraryParams

    rng = random.Random(seed)
    subjects = sorted({subject for _, _, subjects in THEMES for subject in subjects})
    units = list(region.units.filter(is_active=True).values_list("name", "code"))
    classes = dict(Topic.objects.filter(parent__isnull=True).values_list("name", "code"))
    # A reader who filters by unit or topic filters by the one that writes about the subject
    # (as the generator assigns subjects: by the unit's name), mostly.
    writers = {
        s: [code for name, code in units if fragment in name]
        for fragment, _, theme in THEMES
        for s in theme
    }
    topic_of = {s: classes.get(topic) for _, topic, theme in THEMES for s in theme}
    genres = ["通知", "意见", "办法", "方案", "报告", "批复", "函", "计划"]
    out = []
    for i in range(count):
        full = subject = rng.choice(subjects)
        if rng.random() < 0.4:  # people type the start of a subject too: 高标准农田, 城乡最低
            subject = subject[: rng.randint(2, max(2, len(subject) - 2))]
        words = [subject, *rng.sample(SEARCH_WORDS, rng.choice([0, 0, 1, 1, 2]))]
        params = {"q": " ".join(words)}
        if i % 2:
            kind = rng.choice(["unit", "topic", "genre", "date", "validity", "interp"])
            if kind == "unit":
                mine = writers.get(full) or []
                params["unit"] = rng.choice(
                    mine if mine and rng.random() < 0.8 else [c for _, c in units]
                )
            elif kind == "topic":
                params["topic"] = (
                    topic_of.get(full) if rng.random() < 0.8 else None
                ) or rng.choice(list(classes.values()))
            elif kind == "genre":
                params["genre"] = rng.choice(genres)
            elif kind == "date":
                start = dt.date.today() - dt.timedelta(days=rng.randrange(365 * 9))
                days = rng.choice([90, 365, 730])
                params["from"] = start.isoformat()
                params["to"] = (start + dt.timedelta(days=days)).isoformat()
            elif kind == "validity":
                params["validity"] = rng.choice(
                    [Document.Validity.VALID, Document.Validity.REPEALED]
                )
            else:
                params["interp"] = rng.choice(["0", "1"])
        out.append(LibraryParams.from_mapping(params))
    return out


def _like_search(region, params) -> None:
    """What many government CMSs do: every word as LIKE '%…%' over title and body, a count and
    the newest 20 (with the same filters, read from the documents table)."""
    from django.db.models import Q

    from gongkai.library.public.query import _catalog_queryset, _resolve

    qs = _catalog_queryset(region, params, _resolve(region, params))
    for word in params.q.split():
        qs = qs.filter(Q(title__contains=word) | Q(body_text__contains=word))
    qs.count()
    list(qs.order_by("-published_on").values_list("pk", flat=True)[:20])


def bench_search(region=None, *, queries: int = 200, like_queries: int = 20) -> dict:
    """The library's search as the portal runs it (`library_search`: the full-text index, the
    documents of the page, snippets, facet counts) over the imported documents."""
    import statistics

    from benchmarks.bench_search import _figures, _pct, load
    from gongkai.library.public.query import library_search

    region = region or _region()
    warm, measured = search_queries(region, 100, 3), search_queries(region, queries, 5)
    for params in warm:
        library_search(region, params)
    with_facets, without, totals, estimated = [], [], [], 0
    load_before = load()
    for params in measured:
        t0 = time.perf_counter()
        outcome = library_search(region, params)
        with_facets.append((time.perf_counter() - t0) * 1000)
        assert not outcome.error, outcome.error
        totals.append(outcome.total)
        estimated += not outcome.total_exact
        t0 = time.perf_counter()
        library_search(region, params, with_facets=False)
        without.append((time.perf_counter() - t0) * 1000)
    print(
        f"library search: {len(measured)} queries (1–3 words, half filtered); matches per query:"
        f" median {statistics.median(totals):,.0f}, max {max(totals):,}; {estimated} totals"
        f" estimated (“约”); load {load_before} → {load()}"
    )
    print("  " + _figures("library_search with facets (the library page)", with_facets))
    print("  " + _figures("library_search without facets (API, CLI)", without))
    like_ms, ratio = [], None
    for params in measured[:like_queries]:
        t0 = time.perf_counter()
        _like_search(region, params)
        like_ms.append((time.perf_counter() - t0) * 1000)
    if like_ms:  # --like-queries 0: the index alone (at a million a LIKE scan takes minutes)
        ratio = statistics.median(like_ms) / statistics.median(with_facets[:like_queries])
        print(
            f"  LIKE '%…%' over the documents ({like_queries} of the queries): p50"
            f" {_pct(like_ms, 50):,.0f} ms, p95 {_pct(like_ms, 95):,.0f} ms — median"
            f" {ratio:,.0f}× slower than the index; load {load()}"
        )
    numbers = bench_doc_numbers(region)
    return {
        "p50": _pct(with_facets, 50),
        "p95": _pct(with_facets, 95),
        "p99": _pct(with_facets, 99),
        "like_ratio": ratio,
        "doc_number_p95": numbers["p95"],
    }


def bench_doc_numbers(region, count: int = 100) -> dict:
    """发文字号 typed loosely (`示发改2021 54`) through library_search: must come first, fast."""
    import random
    import re

    from benchmarks.bench_search import _pct
    from gongkai.library.models import Document
    from gongkai.library.public.query import LibraryParams, library_search

    rng = random.Random(4)
    last = Document.objects.filter(region=region).order_by("-id").values_list("id", flat=True)
    top = last.first() or 0
    wanted = [rng.randint(1, top) for _ in range(count * 3)] if top else []
    numbers = list(
        Document.objects.filter(region=region, id__in=wanted)
        .exclude(doc_number="")
        .values_list("doc_number", flat=True)[:count]
    )
    ms, first = [], 0
    for number in numbers:
        m = re.match(r"(.+)〔(\d{4})〕(\d+)号$", number)
        if not m:
            continue
        t0 = time.perf_counter()
        outcome = library_search(region, LibraryParams.from_mapping({"q": f"{m[1]}{m[2]} {m[3]}"}))
        ms.append((time.perf_counter() - t0) * 1000)
        first += bool(outcome.items) and outcome.items[0].document.doc_number == number
    if not ms:
        return {"p95": None}
    print(
        f"  发文字号 typed loosely ({len(ms)} queries such as “{m[1]}{m[2]} {m[3]}”): its document"
        f" first in {first}/{len(ms)}; p50 {_pct(ms, 50):.1f} ms, p95 {_pct(ms, 95):.1f} ms"
    )
    return {"p95": _pct(ms, 95)}


def bench_gazette(target_pages: int = 100) -> dict:
    from gongkai.library.gazette.models import GazetteIssue
    from gongkai.library.gazette.services import gazette_compile
    from gongkai.library.importer.services import library_import

    region = _region("benchgb")  # its own county: only these documents are in the period
    # about 4 pages per document (≈1,000 characters per A4 page at 12 pt, 1.75 line height)
    count = max(1, (target_pages - 2) // 4)
    sentence = (
        "各乡镇人民政府和县级有关部门应当按照本办法的规定，"
        "认真履行职责，加强协调配合，确保各项措施落到实处。"
    )
    path = Path(tempfile.mkdtemp()) / "gazette.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(1, count + 1):
            body = "".join(f"<p>第{k}条　{sentence * 2}</p>" for k in range(1, 33))
            record = {
                "索引号": f"901001/2020-G{i:04d}",
                "标题": f"示范县第{i}号管理办法（公报基准）",
                "发文字号": f"示府规〔2020〕{i}号",
                "发布机构": "示范县人民政府",
                "成文日期": "2020-06-01",
                "发布日期": "2020-06-02",
                "体裁": "办法",
                "行政规范性文件": "是",
                "正文": body,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    library_import(actor=None, region=region, path=path)
    GazetteIssue.objects.filter(region=region, year=2020, number=6).delete()
    started = time.perf_counter()
    issue = gazette_compile(
        actor=None,
        region=region,
        year=2020,
        number=6,
        period_from=dt.date(2020, 6, 1),
        period_to=dt.date(2020, 6, 30),
    )
    seconds = time.perf_counter() - started
    print(
        f"gazette: {issue.pages} pages ({issue.entries.count()} documents) compiled to PDF "
        f"in {seconds:.1f} s ({issue.pdf.size / 1024:,.0f} KB)"
    )
    return {"pages": issue.pages, "seconds": seconds}


def run(
    n: int = 10_000,
    *,
    gazette: bool = True,
    reimport: bool = True,
    keep_file: str | None = None,
    do_import: bool = True,
    search: bool = True,
    like_queries: int = 20,
) -> dict:
    """What `make bench` runs (small N by default; pass N for the large figures)."""
    result = {}
    if do_import:
        result["import"] = bench_import(n, reimport=reimport, keep_file=keep_file)
    if search:
        result["search"] = bench_search(like_queries=like_queries)
    if gazette:
        result["gazette"] = bench_gazette()
    return result


def _arg(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv and argv.index(name) + 1 < len(argv) else None


def main(argv: list[str]) -> int:
    numbers = [a for a in argv[1:] if a.replace("_", "").replace(",", "").isdigit()]
    n = int(numbers[0].replace("_", "").replace(",", "")) if numbers else 100_000
    keep = _arg(argv, "--keep-file")
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    os.environ.setdefault("GONGKAI_DEBUG", "0")  # DEBUG keeps every query's SQL in memory
    os.environ.setdefault("GONGKAI_MEDIA_ROOT", f"{tmp}/media")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from benchmarks.__main__ import machine

    print(f"machine: {machine()}")
    print(f"database: {os.environ['DATABASE_URL'].split('://')[0]}")
    run(
        n,
        gazette="--no-gazette" not in argv,
        reimport="--no-reimport" not in argv,
        keep_file=keep,
        do_import="--no-import" not in argv,
        search="--no-search" not in argv,
        like_queries=int(_arg(argv, "--like-queries") or 20),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The production server under load: requests per second and latency of the document page and
the search page, on loopback.

    DATABASE_URL=sqlite:////data/lib1m.sqlite3 .venv/bin/python -m benchmarks.bench_server
    DATABASE_URL=postgres://…/gongkai_lib1m .venv/bin/python -m benchmarks.bench_server --seconds 60

The database must hold an imported library (`benchmarks.bench_library N` into the same
DATABASE_URL). The server is started as production runs it — gunicorn with `config.wsgi`, the
production settings (DEBUG off, a generated secret key, no HTTPS redirect since there is no
nginx in front), 2 worker processes (`--workers`), access log on — and loaded with `wrk` (Debian
package `wrk`) when it is installed, else with the small asyncio client below. Each run asks for
a rotating list of pages: 2,000 different published documents (`/zcwj/wj/<索引号>/`), or 200
search pages (`/zcwj/?q=…`, half with a filter, the queries of bench_library). Target (issue 3):
≥ 300 requests/s for the document page with p99 ≤ 200 ms, at 1,000,000 documents.

The load generator runs on the same machine as the server and its database, so the figures are
for the whole box (2 cores here), load generator included.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

WRK_SCRIPT = r"""
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("GK %d %d %d %.3f %.3f %.3f %.3f %.3f\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_paths(documents: int = 2000, searches: int = 200) -> tuple[list[str], list[str]]:
    """Document and search page paths of the imported library (Django set up by the caller)."""
    from django.db.models import Max, Min

    from benchmarks.bench_library import search_queries
    from gongkai.library.models import Document
    from gongkai.orgs.selectors import default_region

    region = default_region()
    public = Document.objects.filter(
        region=region, status=Document.Status.PUBLISHED, disclosure=Document.Disclosure.PROACTIVE
    )
    bounds = public.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        raise SystemExit("这个数据库里没有已发布的文件：请先用 benchmarks.bench_library 导入。")
    rng = random.Random(9)
    wanted = {rng.randint(bounds["lo"], bounds["hi"]) for _ in range(documents * 2)}
    numbers = list(public.filter(id__in=wanted).values_list("index_no", flat=True)[:documents])
    dress(numbers)
    doc_paths = [f"/zcwj/wj/{quote(n)}/" for n in numbers]
    search_paths = []
    for params in search_queries(region, searches, seed=13):
        search_paths.append("/zcwj/" + params.querystring())
    return doc_paths, search_paths


# What the imported documents lack and real ones have: the sampled ones get them in about these
# shares (a county library: most notices carry an attached form or list; policies are explained;
# a few documents were amended or replaced by later ones), so that the pages read them.
ATTACHED, INTERPRETED, RELATED = 0.4, 0.15, 0.05
DRESS_MARK = "【基准】"


def dress(index_numbers: list[str], seed: int = 11) -> None:
    """Attachments, published interpretations and amending documents for a share of the sampled
    documents; once per database (marked, found again on the next run)."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from gongkai.library.models import Attachment, Document, DocumentRelation, Interpretation

    if Interpretation.objects.filter(title__startswith=DRESS_MARK).exists():
        return
    rng = random.Random(seed)
    documents = list(
        Document.objects.filter(index_no__in=index_numbers).select_related("unit").order_by("id")
    )
    with transaction.atomic():
        stored = None
        for document in documents:
            if rng.random() < ATTACHED:
                attachment = Attachment(
                    document=document,
                    original_name="附件1：申报表.docx",
                    content_type="application/vnd.openxmlformats-officedocument"
                    ".wordprocessingml.document",
                    size=0,
                    extracted_text="申报表 单位名称 联系人 联系电话",
                    sort=1,
                )
                if stored is None:  # one file on disk, named by every such attachment
                    data = _docx("申报表")
                    attachment.file.save("form.docx", ContentFile(data), save=False)
                    stored = (attachment.file.name, len(data))
                attachment.file.name, attachment.size = stored
                attachment.save()
            if rng.random() < INTERPRETED:
                interpretation = Interpretation.objects.create(
                    region_id=document.region_id,
                    unit=document.unit,
                    title=f"{DRESS_MARK}《{document.title[:60]}》政策解读",
                    forms=["text", "qa"],
                    body="<p>一、出台背景。</p><p>二、主要内容。</p><p>三、适用范围。</p>",
                    status=Interpretation.Status.PUBLISHED,
                    published_at=timezone.now(),
                )
                interpretation.documents.add(document)
            if rng.random() < RELATED:
                other = rng.choice(documents)
                if other.pk != document.pk:
                    DocumentRelation.objects.get_or_create(
                        source=other, target=document, kind=DocumentRelation.Kind.AMENDS
                    )


def _docx(text: str) -> bytes:
    import io

    import docx

    made = docx.Document()
    made.add_paragraph(text)
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


def start_server(
    workers: int, port: int, log: Path, *, page_cache: bool = True
) -> subprocess.Popen:
    env = {
        **os.environ,
        "GONGKAI_PAGE_CACHE": "1" if page_cache else "0",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "GONGKAI_SECRET_KEY": secrets.token_urlsafe(64),
        "GONGKAI_SSL_REDIRECT": "0",
        "GONGKAI_LOG_LEVEL": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = [
        str(gunicorn),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
    ]
    out = log.open("wb")
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn 启动失败，见 {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"gunicorn 60 秒内没有开始监听，见 {log}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def run_wrk(port: int, paths: list[str], seconds: int, connections: int, tmp: Path) -> dict:
    script, listing = tmp / "rotate.lua", tmp / f"paths-{len(paths)}.txt"
    script.write_text(WRK_SCRIPT)
    listing.write_text("\n".join(paths) + "\n")
    cmd = [
        "wrk",
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
        "--",
        str(listing),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r"^GK (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)$", out, re.M)
    if not m:
        raise SystemExit(f"wrk 的输出无法解析：\n{out}")
    n, bad, errors, duration = int(m[1]), int(m[2]), int(m[3]), float(m[4])
    return {
        "requests": n,
        "non_2xx": bad,
        "errors": errors,
        "rps": n / duration,
        "p50": float(m[5]),
        "p95": float(m[6]),
        "p99": float(m[7]),
        "max": float(m[8]),
    }


async def _client(port, paths, deadline, latencies, status, start):
    # gunicorn's sync workers answer `Connection: close` (no keep-alive): reconnect when told,
    # as wrk does; the connection time counts in the request's latency.
    reader = writer = None
    i = start
    try:
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            code = int(head.split(b" ", 2)[1])
            length = re.search(rb"(?i)content-length: (\d+)", head)
            if length:
                await reader.readexactly(int(length[1]))
            else:  # chunked or close-delimited: this client only reads what gunicorn sends us
                raise RuntimeError("响应没有 Content-Length")
            latencies.append((time.perf_counter() - t0) * 1000)
            status[code] = status.get(code, 0) + 1
            if re.search(rb"(?i)connection: close", head):
                writer.close()
                reader = writer = None
    finally:
        if writer is not None:
            writer.close()


def run_python(port: int, paths: list[str], seconds: int, connections: int) -> dict:
    """A small keep-alive HTTP/1.1 load generator, for machines without wrk (it costs more CPU
    per request than wrk, so it understates the server a little)."""
    from benchmarks.bench_search import _pct

    latencies: list[float] = []
    status: dict[int, int] = {}

    async def main():
        deadline = time.perf_counter() + seconds
        await asyncio.gather(
            *(_client(port, paths, deadline, latencies, status, k * 97) for k in range(connections))
        )

    started = time.perf_counter()
    asyncio.run(main())
    duration = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "non_2xx": sum(n for code, n in status.items() if not 200 <= code < 400),
        "errors": 0,
        "rps": len(latencies) / duration,
        "p50": _pct(latencies, 50),
        "p95": _pct(latencies, 95),
        "p99": _pct(latencies, 99),
        "max": max(latencies),
    }


def _arg(argv: list[str], name: str, default: int) -> int:
    return int(argv[argv.index(name) + 1]) if name in argv else default


def main(argv: list[str]) -> int:
    if "DATABASE_URL" not in os.environ:
        raise SystemExit(
            "请用 DATABASE_URL 指定已导入文件库的数据库（见 benchmarks.bench_library）。"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("GONGKAI_DEBUG", "0")
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)  # the page cache's table, on older databases
    from benchmarks.__main__ import machine

    print(f"machine: {machine()}")
    run(
        seconds=_arg(argv, "--seconds", 30),
        connections=_arg(argv, "--connections", 16),
        workers=_arg(argv, "--workers", 2),
        port=_arg(argv, "--port", 0),
        python_client="--python-client" in argv,
        documents=_arg(argv, "--documents", 2000),
    )
    return 0


def run(
    *,
    seconds: int = 10,
    connections: int = 16,
    workers: int = 2,
    port: int = 0,
    python_client: bool = False,
    documents: int = 2000,
) -> dict:
    """Start the server on the configured database (Django set up), load it, print figures."""
    from django.db import connection

    from benchmarks.bench_search import load
    from gongkai.library.models import Document

    doc_paths, search_paths = sample_paths(documents)
    count = Document.objects.count()
    connection.close()
    tool = "wrk" if shutil.which("wrk") and not python_client else "python"
    print(
        f"database: {connection.vendor}, {count:,} documents; gunicorn {workers} workers;"
        f" load generator: {tool}, {connections} connections, {seconds} s per page kind"
    )
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-server-"))
    results = {}
    runs = (
        # Every page built afresh: the page cache off (GONGKAI_PAGE_CACHE=0).
        ("document page, built each time", doc_paths, False),
        # As a public site runs: each page built on its first reading and served from the page
        # cache (gongkai.core.pagecache) until something changes.
        ("document page, page cache warm", doc_paths, True),
        ("search page", search_paths, True),
    )
    for name, paths, page_cache in runs:
        port = port or _free_port()
        server = start_server(workers, port, tmp / "gunicorn.log", page_cache=page_cache)
        try:
            # warm up, not measured: every page once (a reader has opened each before)
            _visit_each(port, paths)
            before = load()
            if tool == "wrk":
                r = run_wrk(port, paths, seconds, connections, tmp)
            else:
                r = run_python(port, paths, seconds, connections)
            results[name] = r
            print(
                f"{name}: {r['rps']:,.0f} requests/s, p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms,"
                f" p99 {r['p99']:.0f} ms, max {r['max']:.0f} ms ({r['requests']:,} requests,"
                f" {r['non_2xx']} not 2xx/3xx, {r['errors']} socket errors; load {before} →"
                f" {load()})"
            )
        finally:
            stop_server(server)
    for name in ("document page, built each time", "document page, page cache warm"):
        doc = results[name]
        verdict = "met" if doc["rps"] >= 300 and doc["p99"] <= 200 else "NOT met"
        print(f"target ≥ 300 requests/s with p99 ≤ 200 ms, {name}: {verdict}")
    return results


def _visit_each(port: int, paths: list[str]) -> None:
    from urllib.request import urlopen

    for path in paths:
        with urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
            response.read()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

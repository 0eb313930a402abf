"""Run every benchmark and print its figures, on a scratch SQLite database (or DATABASE_URL).

Sizes and options come from the environment, so that `make bench` runs the quick version by
default and the issue's million-document figures when asked (docs/benchmarks.md):

    GONGKAI_BENCH_SEARCH_N=1000000      entries of the core.search benchmark (default 20,000)
    GONGKAI_BENCH_LIBRARY_N=1000000     documents imported by the library benchmark (10,000)
    GONGKAI_BENCH_LIBRARY_FILE=path     keep the generated JSON Lines file there and reuse it
    GONGKAI_BENCH_LIKE_QUERIES=10       queries timed with LIKE '%…%' (default 20)
    GONGKAI_BENCH_SERVER_SECONDS=30     seconds per page kind of the server benchmark (10; 0: skip)
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"machine: {machine()}")
    print(f"database: {os.environ['DATABASE_URL'].split('://')[0]}")
    from benchmarks import (
        bench_inforequests,
        bench_library,
        bench_search,
        bench_server,
        bench_text,
        bench_workdays,
        bench_workplan,
    )

    # The large figures (1,000,000 documents) take about an hour each on a 2-core machine;
    # `make bench` runs these sizes unless told otherwise (see the module docstring).
    search_n = int(os.environ.get("GONGKAI_BENCH_SEARCH_N", "20000"))
    library_n = int(os.environ.get("GONGKAI_BENCH_LIBRARY_N", "10000"))
    like = int(os.environ.get("GONGKAI_BENCH_LIKE_QUERIES", "20"))
    server_seconds = int(os.environ.get("GONGKAI_BENCH_SERVER_SECONDS", "10"))
    keep = os.environ.get("GONGKAI_BENCH_LIBRARY_FILE") or None
    benches = [
        ("workdays", bench_workdays.run),
        ("text", bench_text.run),
        ("workplan", bench_workplan.run),
        ("inforequests", bench_inforequests.run),
        (
            f"search ({search_n:,} entries)",
            lambda: bench_search.run(n=search_n, like_queries=like),
        ),
        (
            f"library import and search ({library_n:,} documents), gazette",
            lambda: bench_library.run(library_n, keep_file=keep, like_queries=like),
        ),
    ]
    if server_seconds:
        benches.append(
            (
                f"production server ({library_n:,} documents)",
                lambda: bench_server.run(seconds=server_seconds),
            )
        )
    for name, bench in benches:
        print(f"\n## {name}", flush=True)
        bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())

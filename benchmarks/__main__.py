"""Run every benchmark and print its figures. Each benchmark uses a scratch SQLite database."""

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
        bench_text,
        bench_workdays,
        bench_workplan,
    )

    # The large figures (1,000,000 documents) take hours on a small machine; `make bench` runs
    # these sizes, and `python -m benchmarks.bench_search N` / `bench_library N` the large ones.
    search_n = int(os.environ.get("GONGKAI_BENCH_SEARCH_N", "20000"))
    library_n = int(os.environ.get("GONGKAI_BENCH_LIBRARY_N", "10000"))
    benches = [
        ("workdays", bench_workdays.run),
        ("text", bench_text.run),
        ("workplan", bench_workplan.run),
        ("inforequests", bench_inforequests.run),
        (f"search ({search_n:,} entries)", lambda: bench_search.run(n=search_n)),
        (
            f"library import ({library_n:,} documents) and gazette",
            lambda: bench_library.run(library_n),
        ),
    ]
    for name, bench in benches:
        print(f"\n## {name}", flush=True)
        bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())

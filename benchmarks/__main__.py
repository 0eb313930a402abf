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
    from benchmarks import bench_text, bench_workdays, bench_workplan

    for bench in (bench_workdays, bench_text, bench_workplan):
        print(f"\n## {bench.__name__.split('.')[-1]}")
        bench.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

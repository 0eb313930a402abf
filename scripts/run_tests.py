"""`make test`: lint, migrations check, then the whole suite on SQLite and on PostgreSQL.

PostgreSQL: DATABASE_URL if set; else a server on 127.0.0.1:5432 if one answers; else, as root,
start the local cluster with pg_ctlcluster (installing Debian's postgresql first if absent).
Chromium for the browser tests: Debian's package, installed with apt when missing and root.
With GONGKAI_REQUIRE_POSTGRES=1 / GONGKAI_REQUIRE_BROWSER=1 (.ci/run sets both) a missing
database or browser fails the run instead of being reported and skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_PASSWORD = "gongkai-test"  # noqa: S105 — only for a cluster this script set up itself
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def say(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(cmd: list[str], env: dict | None = None) -> int:
    return subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})


def required(name: str) -> bool:
    return os.environ.get(name) == "1"


sys.path.insert(0, str(ROOT / "scripts"))
import system_deps  # noqa: E402 — beside this script
from system_deps import apt_install  # noqa: E402


def ensure_system_packages() -> list[str]:
    """Chromium, the CJK fonts and harfbuzz-subset (scripts/system_deps.py); what is missing."""
    return system_deps.ensure(browser=True)


def pg_answers(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url.replace("/gongkai", "/postgres"), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def start_local_cluster() -> bool:
    if not IS_ROOT:
        return False
    installed = shutil.which("pg_ctlcluster") and Path("/etc/postgresql").exists()
    if not installed and not apt_install("postgresql"):
        return False
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        return False
    version = versions[-1]
    say(f"starting PostgreSQL {version} with pg_ctlcluster")
    run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
    for _ in range(30):
        if run(["pg_isready", "-q", "-h", "127.0.0.1"]) == 0:
            break
        time.sleep(1)
    # A cluster installed by apt asks for a password over TCP: give the postgres role one.
    run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "psql",
            "-q",
            "-c",
            f"ALTER ROLE postgres PASSWORD '{PG_PASSWORD}'",
        ]
    )
    return True


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    candidates = [
        "postgres://postgres@127.0.0.1:5432/gongkai",
        f"postgres://postgres:{PG_PASSWORD}@127.0.0.1:5432/gongkai",
    ]
    for candidate in candidates:
        if pg_answers(candidate):
            return candidate
    if start_local_cluster():
        for candidate in candidates:
            if pg_answers(candidate):
                return candidate
    return None


def main() -> int:
    failures: list[str] = []
    say("ruff (lint and format)")
    if run([str(BIN / "ruff"), "check", "."]) or run([str(BIN / "ruff"), "format", "--check", "."]):
        failures.append("ruff")
    say("migrations are up to date")
    test_env = {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    check_env = {**test_env, "DATABASE_URL": "sqlite://:memory:"}
    if run([str(BIN / "gongkai"), "makemigrations", "--check", "--dry-run"], check_env):
        failures.append("makemigrations --check")

    missing = ensure_system_packages()
    if missing:
        print(f"!! missing system packages: {' '.join(missing)}; browser or PDF tests will fail")
        if required("GONGKAI_REQUIRE_BROWSER"):
            failures.append(f"missing {' '.join(missing)}")

    pytest = [str(BIN / "pytest"), "-q", "-p", "no:randomly", *sys.argv[1:]]
    say("test suite on SQLite")
    sqlite_env = {**test_env, "DATABASE_URL": "sqlite://:memory:"}
    if run(pytest, sqlite_env):
        failures.append("tests on SQLite")

    url = postgres_url()
    if url is None:
        print("!! no PostgreSQL server available (set DATABASE_URL, or run as root to start one)")
        if required("GONGKAI_REQUIRE_POSTGRES"):
            failures.append("PostgreSQL missing")
    else:
        say(f"test suite on PostgreSQL ({url.split('@')[-1]})")
        if run(pytest, {**test_env, "DATABASE_URL": url}):
            failures.append("tests on PostgreSQL")

    if failures:
        print(f"\nFAILED: {', '.join(failures)}")
        return 1
    print("\nall green: SQLite and PostgreSQL")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`gongkai check --deploy` is clean under production settings with the variables the README
lists — and production refuses to start with the development secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GONGKAI = Path(sys.executable).parent / "gongkai"


def run_check(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    base.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [str(GONGKAI), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_in_production(tmp_path):
    result = run_check(
        GONGKAI_SECRET_KEY=secrets.token_urlsafe(60),
        GONGKAI_ALLOWED_HOSTS="gk.example.gov.cn",
        GONGKAI_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_key(tmp_path):
    result = run_check(GONGKAI_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr


def test_a_sqlite_file_keeps_its_connection_between_requests(tmp_path):
    """Opening a SQLite connection per request cost a sixth of a document page; what Django runs
    around each request (close_old_connections) must leave a file database's connection open."""
    script = (
        "import django; django.setup()\n"
        "from django.db import close_old_connections, connection\n"
        "connection.ensure_connection(); raw = connection.connection\n"
        "close_old_connections()\n"
        "print(connection.connection is raw, connection.settings_dict['CONN_MAX_AGE'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'gk.sqlite3'}",
        GONGKAI_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True", "60"], result.stdout + result.stderr

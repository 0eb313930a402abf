"""Backup and restore: one .tar.gz holding the database and the uploaded files.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL with
pg_dump's custom format, restored with pg_restore --clean. A manifest records the engine and the
latest migration of each app, and restore refuses an archive made for another engine.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from gongkai.core.errors import GongkaiError

FORMAT_VERSION = 1


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = ["-h", str(s.get("HOST") or "127.0.0.1"), "-p", str(s.get("PORT") or 5432)]
    if s.get("USER"):
        args += ["-U", str(s["USER"])]
    return args, env


def _migration_heads() -> dict[str, str]:
    heads: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        heads[app] = max(heads.get(app, ""), name)
    return heads


def _sqlite_live() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def backup_create(*, out: Path | None = None) -> Path:
    """Write a backup archive and return its path."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    out = out or Path(settings.VAR_DIR) / "backups" / f"gongkai-{stamp}.tar.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if vendor == "sqlite":
            db_file = tmpdir / "database.sqlite3"
            target = sqlite3.connect(db_file)
            try:
                _sqlite_live().backup(target)
            finally:
                target.close()
        elif vendor == "postgresql":
            db_file = tmpdir / "database.pgdump"
            args, env = _pg_env()
            name = connection.settings_dict["NAME"]
            result = subprocess.run(
                ["pg_dump", "-Fc", "--no-owner", *args, "-f", str(db_file), name],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                raise GongkaiError(f"pg_dump 失败：{result.stderr.strip()[:300]}")
        else:
            raise GongkaiError(f"不支持备份 {vendor} 数据库。")
        manifest = {
            "format": FORMAT_VERSION,
            "engine": vendor,
            "created_at": timezone.now().isoformat(),
            "migrations": _migration_heads(),
        }
        with tarfile.open(out, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
    return out


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise GongkaiError("这不是公开平台的备份文件（缺少 manifest.json）。")
    return json.loads(member.read())


def backup_restore(*, archive: Path) -> dict:
    """Replace the database (and uploaded files) with the archive's. Returns the manifest."""
    if not archive.exists():
        raise GongkaiError(f"找不到备份文件：{archive}")
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 — closed by the with below
    except (tarfile.TarError, OSError) as exc:
        raise GongkaiError(f"无法读取备份文件：{exc}") from exc
    with tar, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(tar)
        vendor = connection.vendor
        if manifest.get("engine") != vendor:
            raise GongkaiError(
                f"备份来自 {manifest.get('engine')} 数据库，当前使用 {vendor}，不能直接恢复。"
            )
        tar.extractall(tmp, filter="data")
        tmpdir = Path(tmp)
        if vendor == "sqlite":
            source = sqlite3.connect(tmpdir / "database.sqlite3")
            try:
                source.backup(_sqlite_live())
            finally:
                source.close()
        else:
            for conn in connections.all():
                conn.close()
            args, env = _pg_env()
            name = connection.settings_dict["NAME"]
            result = subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *args,
                    "-d",
                    name,
                    str(tmpdir / "database.pgdump"),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                raise GongkaiError(f"pg_restore 失败：{result.stderr.strip()[:300]}")
        media_src = tmpdir / "media"
        if media_src.exists():
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(media_src, media)
    return manifest

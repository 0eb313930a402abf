"""Imports started from the back office: upload → check (dry run) → confirm → import, each run
as a background job (`library.import`) whose progress the page polls."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.errors import GongkaiError
from gongkai.core.jobs import job_enqueue
from gongkai.orgs.policy import require

from .models import ImportRun
from .progress import progress_path
from .readers import FORMATS, detect_format

MAX_SOURCE_MB = 200
MAX_ZIP_MB = 500
MAX_UNZIPPED_MB = 2000


def _size_error(name: str, size: int, limit_mb: int) -> GongkaiError:
    return GongkaiError(
        f"“{name}”太大（{size / 1024 / 1024:.1f} MB），不能超过 {limit_mb} MB；"
        "请拆分成几个文件分别导入，或在服务器上用 gongkai library_import 命令导入。"
    )


@transaction.atomic
def import_run_create(
    *,
    actor: Any,
    region: Any,
    source_name: str,
    source_data: bytes,
    bodies_name: str = "",
    bodies_data: bytes | None = None,
    dry_run: bool = True,
) -> ImportRun:
    """Store the uploaded files and queue the check (or import) as a background job."""
    require(actor, "library.import", region)
    name = Path(source_name or "").name[:150]
    fmt = detect_format(Path(name))  # raises GongkaiError for .xls and unknown types
    if not source_data:
        raise GongkaiError(f"“{name}”是空文件。")
    if len(source_data) > MAX_SOURCE_MB * 1024 * 1024:
        raise _size_error(name, len(source_data), MAX_SOURCE_MB)
    run = ImportRun(region=region, file_name=name, format=fmt, dry_run=dry_run, created_by=actor)
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    run.source.save(f"{stamp}{Path(name).suffix.lower()}", ContentFile(source_data), save=False)
    if bodies_data:
        if not (bodies_name or "").lower().endswith(".zip") or not bodies_data.startswith(b"PK"):
            raise GongkaiError("正文文件请打包成一个 .zip 压缩包上传。")
        if len(bodies_data) > MAX_ZIP_MB * 1024 * 1024:
            raise _size_error(bodies_name, len(bodies_data), MAX_ZIP_MB)
        run.bodies.save(f"{stamp}-bodies.zip", ContentFile(bodies_data), save=False)
    run.save()
    job_enqueue("library.import", {"run_id": run.pk})
    return run


@transaction.atomic
def import_run_confirm(*, actor: Any, run: ImportRun) -> ImportRun:
    """Import for real what a passed check looked at (the same stored files)."""
    require(actor, "library.import", run)
    if not run.dry_run or run.status != ImportRun.Status.DONE:
        raise GongkaiError("只有检查通过的文件才能确认导入；请先上传并检查。")
    new = ImportRun.objects.create(
        region_id=run.region_id,
        file_name=run.file_name,
        source=run.source.name,
        bodies=run.bodies.name,
        format=run.format,
        dry_run=False,
        created_by=actor,
    )
    job_enqueue("library.import", {"run_id": new.pk})
    return new


def _safe_name(info: zipfile.ZipInfo) -> str:
    """The member's file name; names zipped on Chinese Windows are GBK without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return PurePosixPath(name.replace("\\", "/")).name


def unzip_bodies(archive: Path, target: Path) -> None:
    """Unpack body files flat into ``target`` (no paths kept: nothing can land outside it)."""
    try:
        with zipfile.ZipFile(archive) as z:
            members = [i for i in z.infolist() if not i.is_dir()]
            if sum(i.file_size for i in members) > MAX_UNZIPPED_MB * 1024 * 1024:
                raise GongkaiError(f"压缩包解压后超过 {MAX_UNZIPPED_MB} MB，请分批导入。")
            for info in members:
                name = _safe_name(info)
                if not name or name.startswith("."):
                    continue
                with z.open(info) as src, (target / name).open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    except zipfile.BadZipFile:
        raise GongkaiError("正文文件压缩包已损坏，无法解压；请重新打包为 .zip。") from None


def import_run_execute(run_id: int) -> None:
    """The job: run the check or the import, and record the outcome on the run."""
    from .progress import FileProgress
    from .services import ImportRejected, library_import

    run = ImportRun.objects.select_related("region", "created_by").get(pk=run_id)
    if run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
        return
    if run.format not in FORMATS:
        raise ValueError(run.format)
    workdir = Path(tempfile.mkdtemp(prefix="gongkai-import-"))
    outcome: dict[str, Any] = {}
    try:
        files_dir = None
        if run.bodies:
            files_dir = workdir / "bodies"
            files_dir.mkdir()
            unzip_bodies(Path(run.bodies.path), files_dir)
        # A savepoint: a failure anywhere undoes every batch, and the failure is still recorded.
        with transaction.atomic():
            report = library_import(
                actor=run.created_by,
                region=run.region,
                path=Path(run.source.path),
                files_dir=files_dir,
                format=run.format,
                dry_run=run.dry_run,
                run=run,
                file_name=run.file_name,
                progress=FileProgress(run.pk),
            )
        if run.dry_run:
            outcome = {
                "status": ImportRun.Status.DONE if report.ok else ImportRun.Status.FAILED,
                "total": report.total,
                "created": report.created,
                "updated": report.updated,
                "errors": [e.as_dict() for e in report.errors],
                "message": " ".join([report.summary(), *report.warnings]),
            }
    except ImportRejected as exc:
        report = exc.report
        outcome = {
            "status": ImportRun.Status.FAILED,
            "total": report.total,
            "errors": [e.as_dict() for e in report.errors],
            "message": report.summary(),
        }
    except GongkaiError as exc:
        outcome = {"status": ImportRun.Status.FAILED, "message": exc.message[:500]}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        progress_path(run.pk).unlink(missing_ok=True)
    if outcome:
        outcome["message"] = outcome["message"][:500]
        ImportRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), **outcome)

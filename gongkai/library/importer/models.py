"""ImportRun: one bulk import (or dry run) of a metadata file — the record of imported history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


def import_upload_path(instance: ImportRun, filename: str) -> str:
    return f"library/imports/{timezone.localdate():%Y}/{filename}"


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "未通过"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField("文件名", max_length=200)
    source = models.FileField(
        "元数据文件", upload_to=import_upload_path, max_length=300, blank=True
    )
    bodies = models.FileField(
        "正文文件压缩包", upload_to=import_upload_path, max_length=300, blank=True
    )
    format = models.CharField("格式", max_length=8)
    dry_run = models.BooleanField("仅检查", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("行数", default=0)
    created = models.PositiveIntegerField("新建", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    unchanged = models.PositiveIntegerField("未变化", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    message = models.CharField("结果", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量导入记录"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"


# The import job lives next to the importer; importing it here registers it with the job queue
# whenever the app loads (the library's own jobs.py belongs to the library's maintainer).
from . import jobs as _jobs  # noqa: E402, F401

"""政府公报: an issue (year, number, period) and the documents it carries, in order.

The documents themselves stay in the library (one record, one search index); an issue only says
which of them it carries, on which page each starts, and keeps the compiled PDF.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


def gazette_pdf_path(instance: GazetteIssue, filename: str) -> str:
    return f"gazette/{instance.region_id}/{instance.year}/{filename}"


class GazetteIssue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "编辑中"
        PUBLISHED = "published", "已发布"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveSmallIntegerField("期号")
    period_from = models.DateField("收录起始日期")
    period_to = models.DateField("收录截止日期")
    issued_on = models.DateField("出版日期")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    pdf = models.FileField("PDF", upload_to=gazette_pdf_path, max_length=200, blank=True)
    pages = models.PositiveIntegerField("页数", default=0)
    compiled_at = models.DateTimeField("编印时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政府公报"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "number"], name="gazette_issue_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(period_from__lte=models.F("period_to")),
                name="gazette_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年第{self.number}期"

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"


class GazetteEntry(models.Model):
    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="entries")
    document = models.ForeignKey(
        "library.Document", on_delete=models.PROTECT, related_name="gazette_entries"
    )
    sort = models.PositiveIntegerField("顺序", default=0)
    page = models.PositiveIntegerField("起始页", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公报目录"
        ordering = ["sort", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "document"], name="gazette_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issue} · {self.document_id}"


# Registered with the app here so that gongkai/library/models/__init__.py needs one import line.
from gongkai.library.importer.models import ImportRun  # noqa: E402, F401

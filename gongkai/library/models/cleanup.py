"""清理: the office asks every unit to review its current-valid normative documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CleanupCampaign(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        CLOSED = "closed", "已结束"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("名称", max_length=200)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closes_on = models.DateField("截止日期")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文件清理"
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupReview(models.Model):
    class Decision(models.TextChoices):
        CONTINUE = "continue", "继续有效"
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="reviews")
    document = models.ForeignKey(
        "library.Document", on_delete=models.CASCADE, related_name="cleanup_reviews"
    )
    decision = models.CharField("清理结果", max_length=10, choices=Decision.choices)
    note = models.CharField("说明", max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "清理结果"
        ordering = ["document__unit__sort", "document_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="cleanup_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.document}：{self.get_decision_display()}"

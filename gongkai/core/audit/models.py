from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One state change. Append-only: database triggers refuse UPDATE and DELETE (ADR 0003)."""

    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    # What the actor was called at the time (names change; the record must not).
    actor_label = models.CharField("操作人", max_length=100)
    unit = models.ForeignKey(
        "orgs.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    region = models.ForeignKey(
        "orgs.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    verb = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=100)  # "app_label.model"
    object_id = models.CharField("对象编号", max_length=64)
    object_repr = models.CharField("对象", max_length=300)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    details = models.JSONField("说明", default=dict, blank=True)
    ip = models.GenericIPAddressField("来源地址", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计记录"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.object_repr}"

"""政策解读 and the reasons some documents go without one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Interpretation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        APPROVED = "approved", "已审定"
        PUBLISHED = "published", "已发布"
        WITHDRAWN = "withdrawn", "已撤回"

    class Form(models.TextChoices):
        TEXT = "text", "文字"
        GRAPHIC = "graphic", "图解"
        AUDIO = "audio", "音频"
        VIDEO = "video", "视频"
        ANIMATION = "animation", "动漫"
        QA = "qa", "简明问答"
        PRESS = "press", "新闻发布会"
        EXPERT = "expert", "专家访谈"
        ONLINE = "online", "在线访谈"
        LIVE = "live", "直播"
        ONSITE = "onsite", "现场宣讲"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name="解读单位",
    )
    title = models.CharField("标题", max_length=300)
    forms = models.JSONField("解读形式", default=list)  # [Form values]
    body = models.TextField("内容", blank=True)  # sanitised HTML
    # [{"title": "…", "url": "https://…"}]: video, audio, graphics hosted elsewhere.
    media_links = models.JSONField("媒体链接", default=list, blank=True)
    documents = models.ManyToManyField(
        "library.Document", related_name="interpretations", verbose_name="解读的文件"
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政策解读"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["region", "status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def form_labels(self) -> list[str]:
        labels = dict(self.Form.choices)
        return [labels.get(f, f) for f in self.forms]


class InterpretationExemption(models.Model):
    """Why a document that would need an interpretation (三同步) goes without one."""

    document = models.OneToOneField(
        "library.Document", on_delete=models.CASCADE, related_name="interpretation_exemption"
    )
    reason = models.CharField("理由", max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "免于解读"

    def __str__(self) -> str:
        return self.reason

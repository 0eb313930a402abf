"""Documents (政府信息 / 政策文件), their attachments, relations, findings and index counters."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.orgs.reviews import ReviewStages


class Document(ReviewStages, models.Model):
    class Status(models.TextChoices):
        # The workflow table in gongkai/library/services/workflow.py is the only writer.
        DRAFT = "draft", "草稿"
        REVIEW1 = "review1", "待一级审核"
        REVIEW2 = "review2", "待二级审核"
        REVIEW3 = "review3", "待三级审核"
        SCHEDULED = "scheduled", "待定时发布"
        PUBLISHED = "published", "已发布"
        WITHDRAWN = "withdrawn", "已撤回"

    class Genre(models.TextChoices):
        NOTICE = "通知", "通知"
        CIRCULAR = "通告", "通告"
        ANNOUNCEMENT = "公告", "公告"
        OPINION = "意见", "意见"
        MEASURES = "办法", "办法"
        PROVISIONS = "规定", "规定"
        DECISION = "决定", "决定"
        SCHEME = "方案", "方案"
        PLAN_LONG = "规划", "规划"
        PLAN = "计划", "计划"
        REPORT = "报告", "报告"
        REPLY = "批复", "批复"
        LETTER = "函", "函"
        MINUTES = "纪要", "纪要"
        RULES = "细则", "细则"
        GUIDE = "指南", "指南"
        OTHER = "其他", "其他"

    class Validity(models.TextChoices):
        VALID = "valid", "现行有效"
        AMENDED = "amended", "已修改"
        REPEALED = "repealed", "已废止"
        EXPIRED = "expired", "失效"

    class Disclosure(models.TextChoices):
        PROACTIVE = "proactive", "主动公开"
        ON_REQUEST = "on_request", "依申请公开"
        WITHHELD = "withheld", "不予公开"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="documents", verbose_name="发布机构"
    )
    index_no = models.CharField("索引号", max_length=80)
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    issuer_code = models.CharField("机关代字", max_length=30, blank=True)
    doc_year = models.PositiveSmallIntegerField("发文年份", null=True, blank=True)
    doc_serial = models.PositiveIntegerField("发文序号", null=True, blank=True)
    written_on = models.DateField("成文日期")
    published_on = models.DateField("发布日期", null=True, blank=True)
    topic = models.ForeignKey(
        "library.Topic", null=True, blank=True, on_delete=models.PROTECT, verbose_name="主题分类"
    )
    genre = models.CharField("体裁", max_length=8, choices=Genre.choices, default=Genre.NOTICE)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    is_normative = models.BooleanField("行政规范性文件", default=False)
    needs_interpretation = models.BooleanField("需要解读", default=False)

    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    effective_from = models.DateField("施行日期", null=True, blank=True)
    effective_until = models.DateField("有效期至", null=True, blank=True)

    disclosure = models.CharField(
        "公开属性", max_length=12, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    disclosure_reason = models.CharField("不公开（依申请公开）理由", max_length=300, blank=True)
    catalog_columns = models.ManyToManyField(
        "library.CatalogColumn", blank=True, related_name="documents", verbose_name="目录栏目"
    )
    standard_areas = models.ManyToManyField(
        "library.StandardCatalogArea",
        blank=True,
        related_name="documents",
        verbose_name="标准目录领域",
    )

    body = models.TextField("正文", blank=True)  # sanitised HTML (gongkai.library.html)
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    summary = models.CharField("内容概述", max_length=100, blank=True)

    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    review_level_done = models.PositiveSmallIntegerField(
        "已完成审核级数", default=0, editable=False
    )
    scheduled_for = models.DateTimeField("定时发布时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField("撤回理由", max_length=300, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息（政策文件）"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "index_no"], name="document_index_no_unique"),
            models.CheckConstraint(
                condition=models.Q(disclosure="proactive") | ~models.Q(disclosure_reason=""),
                name="document_nondisclosure_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "draft",
                        "review1",
                        "review2",
                        "review3",
                        "scheduled",
                        "published",
                        "withdrawn",
                    ]
                ),
                name="document_status_valid",
            ),
        ]
        indexes = [
            # The public list: a region's published, proactively disclosed documents by date.
            models.Index(
                fields=["region", "status", "disclosure", "-published_on"], name="doc_public_idx"
            ),
            models.Index(fields=["region", "unit", "status"], name="doc_unit_idx"),
            models.Index(fields=["region", "topic"], name="doc_topic_idx"),
            models.Index(fields=["region", "validity"], name="doc_validity_idx"),
            models.Index(fields=["region", "updated_at"], name="doc_changes_idx"),
            models.Index(fields=["issuer_code", "doc_year", "doc_serial"], name="doc_number_idx"),
            models.Index(fields=["validity", "effective_until"], name="doc_expiry_idx"),
            models.Index(fields=["status", "scheduled_for"], name="doc_scheduled_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.disclosure == self.Disclosure.PROACTIVE


class IndexCounter(models.Model):
    """The last 索引号 serial used by a unit in a year (locked with SELECT … FOR UPDATE)."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="index_counter_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class DocumentRelation(models.Model):
    """``source`` amends or replaces ``target`` (the target then shows a banner pointing here)."""

    class Kind(models.TextChoices):
        AMENDS = "amends", "修改"
        REPLACES = "replaces", "替代"

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField("关系", max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "文件关系"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.get_kind_display()} {self.target_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    year = timezone.localdate().year
    return f"library/{year}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    extracted_text = models.TextField("提取的文字", blank=True)
    sort = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ["sort", "id"]

    def __str__(self) -> str:
        return self.original_name


class Finding(models.Model):
    """A suspected ID/phone/card/e-mail or secrecy mark found by the check before publication."""

    class Source(models.TextChoices):
        TITLE = "title", "标题"
        BODY = "body", "正文"
        ATTACHMENT = "attachment", "附件"

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        FIXED = "fixed", "已修改"
        RELEASED = "released", "已确认可公开"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField("位置", max_length=12, choices=Source.choices)
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    kind = models.CharField("类型", max_length=20)  # gongkai.core.text.pii kinds
    text = models.CharField("内容", max_length=200)
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    message = models.CharField("说明", max_length=200)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField("确认理由", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "保密审查发现"
        ordering = ["source", "attachment_id", "start"]
        indexes = [models.Index(fields=["document", "status"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()}：{self.text}"

    @property
    def kind_label(self) -> str:
        from gongkai.core.text.pii import KIND_LABELS

        return KIND_LABELS.get(self.kind, self.kind)

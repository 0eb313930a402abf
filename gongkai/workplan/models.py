"""The work-plan ledger (工作要点台账): a year's plan, its tasks, who does each, and progress.

A plan is imported from its document (see `parsing`), reviewed by the openness office, then
published: each (task, unit) pair becomes a Duty in that unit's inbox. Status and overdue are not
stored: `selectors.assignment_states` computes them from the deadline and the reports.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def _source_path(instance: WorkPlan, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"workplan/plans/{uuid.uuid4().hex}.{suffix}"


def _evidence_path(instance: ProgressFile, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"workplan/evidence/{uuid.uuid4().hex}.{suffix}"


class WorkPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        REVIEW = "review", "待审核"
        PUBLISHED = "published", "已发布"
        CLOSED = "closed", "已结束"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=300)
    issuer = models.CharField("发文机关", max_length=200, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    date = models.DateField("成文日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年度")
    source_name = models.CharField("原文件名", max_length=200, blank=True)
    source_file = models.FileField("原文件", upload_to=_source_path, blank=True, max_length=200)
    source_text = models.TextField("原文文字")
    parsed_from = models.CharField("任务来源", max_length=10, blank=True)  # table | body
    warnings = models.JSONField("解析提示", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.REVIEW, db_index=True
    )
    progress_public = models.BooleanField("向社会公开进展", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作要点"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["region", "year", "status"])]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A heading of the plan (一、… / （一）…); ``path`` holds the labels from the top."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="sections")
    path = models.JSONField("层级", default=list)
    key = models.CharField("层级键", max_length=600)  # " / ".join(path), for uniqueness
    order = models.PositiveIntegerField("顺序")

    class Meta:
        verbose_name = verbose_name_plural = "工作要点章节"
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="workplan_section_key_unique")
        ]

    def __str__(self) -> str:
        return self.path[-1] if self.path else "（未分节）"

    @property
    def label(self) -> str:
        return " / ".join(self.path) or "（未分节）"


class Task(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    order = models.PositiveIntegerField("序号")
    number = models.CharField("原序号", max_length=20, blank=True)
    text = models.TextField("任务内容")
    # The plan's own deadline (data of the document); the unit's inbox date is its Duty's.
    due = models.DateField("完成时限", null=True, blank=True)
    due_text = models.CharField("时限原文", max_length=100, blank=True)
    targets = models.JSONField("量化指标", default=list, blank=True)
    # Where the task was read in the source text (0-based line of `WorkPlan.source_text`), to
    # show it side by side with the parsed ledger during review.
    source_line = models.PositiveIntegerField("原文行号", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作任务"
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="workplan_task_order_unique")
        ]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def is_continuing(self) -> bool:
        """持续推进 / 长期坚持 and the like: no one date ends the task."""
        return self.due is None and any(w in self.due_text for w in ("持续", "长期", "常态", "每"))

    @property
    def path(self) -> list[str]:
        return self.section.path if self.section_id else []


class TaskAssignment(models.Model):
    """A unit's part in a task (牵头 or 配合); or, with no unit, a name the office must map."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        SUPPORT = "support", "配合"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("分工", max_length=10, choices=Role.choices, default=Role.LEAD)
    # The name as the plan writes it; for an unresolved name or an open group (相关部门) the
    # assignment has no unit until the office maps the name.
    written = models.CharField("原文写法", max_length=200, blank=True)
    group_name = models.CharField("待明确的单位范围", max_length=200, blank=True)
    duty = models.ForeignKey(
        "core.Duty", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "任务分工"
        ordering = ["task", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit"],
                condition=models.Q(unit__isnull=False),
                name="workplan_assignment_unit_once",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | ~models.Q(group_name=""),
                name="workplan_assignment_unit_or_group",
            ),
        ]

    def __str__(self) -> str:
        who = self.unit.label if self.unit_id else self.group_name
        return f"{who}（{self.get_role_display()}）"

    @property
    def region_id(self) -> int:
        return self.task.plan.region_id


class UnresolvedName(models.Model):
    """A unit name in the plan that matched no unit; the office maps it once."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="unresolved")
    name = models.CharField("原文写法", max_length=200)
    is_group = models.BooleanField("单位范围", default=False)  # 相关部门, 县直有关部门 …
    units = models.ManyToManyField("orgs.Unit", blank=True, related_name="+")
    ignored = models.BooleanField("不指定单位", default=False)
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mapped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待匹配单位名称"
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="workplan_unresolved_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_mapped(self) -> bool:
        return self.mapped_at is not None


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未开始"
        IN_PROGRESS = "in_progress", "推进中"
        DONE = "done", "已完成"
        ONGOING = "ongoing", "持续推进"

    class Review(models.TextChoices):
        PENDING = "pending", "待审核"
        ACCEPTED = "accepted", "已认可"
        SENT_BACK = "sent_back", "已退回"

    assignment = models.ForeignKey(TaskAssignment, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField("进展", max_length=12, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(
        "完成比例", null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField("落实情况")
    # Evidence: links (published library documents, web pages); library document ids follow
    # when the library offers a picker.
    evidence_urls = models.JSONField("佐证链接", default=list, blank=True)
    library_document_ids = models.JSONField("政策文件库文件", default=list, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField("报送时间", db_index=True)
    review = models.CharField(
        "审核", max_length=10, choices=Review.choices, default=Review.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "进展报送"
        ordering = ["assignment", "-reported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True)
                | models.Q(percent__gte=0, percent__lte=100),
                name="workplan_report_percent_0_100",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.reported_at:%Y-%m-%d}"


class ProgressFile(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("文件", upload_to=_evidence_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name

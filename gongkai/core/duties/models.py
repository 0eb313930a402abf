from django.conf import settings
from django.db import models


class Duty(models.Model):
    """Something a unit (and maybe one person in it) must do by a date the calendar computes.

    Every app opens duties through `gongkai.core.duties.services` and never writes `due_on`
    itself: the due date is derived from the rule (`starts_on` + `workdays`, minus `pauses`, plus
    `extension_workdays`) or, for calendar-date rules (31 January, a plan's 年底前), is `fixed_due`.
    """

    class Status(models.TextChoices):
        OPEN = "open", "待办"
        DONE = "done", "已办结"
        CANCELLED = "cancelled", "已撤销"

    class Rule(models.TextChoices):
        WORKDAYS = "workdays", "工作日时限"
        FIXED = "fixed", "固定日期"

    kind = models.CharField("事项类型", max_length=60, db_index=True)  # e.g. "library.review"
    title = models.CharField("事项", max_length=300)
    url = models.CharField("办理链接", max_length=300, blank=True)
    subject_type = models.CharField("关联对象类型", max_length=100, blank=True)
    subject_id = models.CharField("关联对象编号", max_length=64, blank=True)

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="duties")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="duties")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duties",
    )
    # A role code from orgs.roles (e.g. "reviewer"), when anyone holding it in the unit may act.
    role = models.CharField("办理角色", max_length=30, blank=True)
    role_level = models.PositiveSmallIntegerField("审核级别", null=True, blank=True)

    rule = models.CharField("时限规则", max_length=10, choices=Rule.choices)
    starts_on = models.DateField("起算日", null=True, blank=True)
    workdays = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    # [["2026-10-09", "2026-10-20"], …]: see gongkai.core.workdays.Pause
    pauses = models.JSONField("中止期间", default=list, blank=True)
    extension_workdays = models.PositiveSmallIntegerField("延长工作日", default=0)
    fixed_due = models.DateField("固定截止日", null=True, blank=True)
    due_on = models.DateField("截止日", null=True, blank=True, db_index=True)
    due_note = models.CharField("时限说明", max_length=300, blank=True)

    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    reminded_due_soon_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待办事项"
        indexes = [
            models.Index(fields=["unit", "status", "due_on"]),
            models.Index(fields=["assignee", "status", "due_on"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(rule="workdays", starts_on__isnull=False, workdays__isnull=False)
                    | models.Q(rule="fixed", fixed_due__isnull=False)
                ),
                name="duty_rule_has_inputs",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "done", "cancelled"]),
                name="duty_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Notification(models.Model):
    """A reminder delivered in the workspace (and mirrored to other channels by the notifier)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已逾期"
        INFO = "info", "通知"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    duty = models.ForeignKey(
        Duty, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.CharField("内容", max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提醒"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "duty", "kind"],
                condition=models.Q(duty__isnull=False),
                name="notification_once_per_duty_kind",
            )
        ]

    def __str__(self) -> str:
        return self.message

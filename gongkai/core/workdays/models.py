from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """A year whose State Council holiday arrangement is known. Dates in other years are refused."""

    class Source(models.TextChoices):
        PACKAGE = "package", "chinese-calendar 数据包"
        MANUAL = "manual", "后台录入"
        IMPORT = "import", "文件导入"

    year = models.PositiveSmallIntegerField("年份", primary_key=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    notice = models.CharField("依据（国务院办公厅通知）", max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class SpecialDay(models.Model):
    """A day that breaks the Monday–Friday rule: a statutory holiday or a make-up working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（休息）"
        WORKDAY = "workday", "调休上班"

    date = models.DateField("日期", primary_key=True)
    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    name = models.CharField("节日", max_length=40, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "workday"]), name="specialday_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"

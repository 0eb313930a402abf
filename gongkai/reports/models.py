"""The annual report (政府信息公开工作年度报告) of a unit or of the region, for one year.

The numbers live in three layers, merged by ``report_tables``: what Gongkai computed from its own
records (``computed``), what people entered where Gongkai holds no cases (``entered``: licensing,
penalties, fees…; everything, for a report imported from an earlier year), and numbers typed over
computed ones (``overrides``, each with its reason, shown to the reviewer). Prose sections 一, 五,
六 are drafted from the data and edited by people.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.orgs.reviews import ReviewStages

from .form import FORMAT_2019, FORMAT_2021, FORMATS


class AnnualReport(ReviewStages, models.Model):
    class Status(models.TextChoices):
        # gongkai/reports/services/workflow.py is the only writer.
        DRAFT = "draft", "草稿"
        REVIEW1 = "review1", "待一级审核"
        REVIEW2 = "review2", "待二级审核"
        REVIEW3 = "review3", "待三级审核"
        PUBLISHED = "published", "已发布"

    class Scope(models.TextChoices):
        UNIT = "unit", "本单位"
        REGION = "region", "本级政府"

    class Source(models.TextChoices):
        GENERATED = "generated", "据本系统数据生成"
        IMPORTED = "imported", "导入往年报告"

    region = models.ForeignKey("orgs.Region", on_delete=models.PROTECT, related_name="+")
    scope = models.CharField("报告主体", max_length=8, choices=Scope.choices)
    # The unit reported on (scope unit), or the unit that drafts the region's report (its
    # openness office): its clerks draft, its reviewers review, its inbox holds the deadline.
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    # Region reports: the county's own organs only (government and its office), or every unit
    # added up, as many counties publish.
    aggregate_all = models.BooleanField("汇总全县各单位数据", default=False)
    source = models.CharField(
        "来源", max_length=10, choices=Source.choices, default=Source.GENERATED
    )
    format = models.CharField(
        "格式", max_length=4, choices=list(FORMATS.items()), default=FORMAT_2021
    )
    title = models.CharField("标题", max_length=200)

    computed = models.JSONField("系统统计数", default=dict, blank=True)
    entered = models.JSONField("填报数", default=dict, blank=True)
    overrides = models.JSONField("改填数", default=dict, blank=True)
    computed_at = models.DateTimeField("统计时间", null=True, blank=True)
    facts = models.JSONField("起草依据", default=dict, blank=True)  # figures behind the prose

    section1 = models.TextField("一、总体情况", blank=True)
    section5 = models.TextField("五、存在的主要问题及改进情况", blank=True)
    section6 = models.TextField("六、其他需要报告的事项", blank=True)

    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    review_level_done = models.PositiveSmallIntegerField(default=0, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "scope", "unit__sort", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=models.Q(scope="unit"),
                name="reports_one_per_unit_year",
            ),
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=models.Q(scope="region"),
                name="reports_one_per_region_year",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2008, year__lte=2100), name="reports_year_range"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=[FORMAT_2021, FORMAT_2019]),
                name="reports_known_format",
            ),
        ]
        indexes = [models.Index(fields=["region", "year", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_region(self) -> bool:
        return self.scope == self.Scope.REGION

    @property
    def scope_name(self) -> str:
        return self.region.name if self.is_region else self.unit.name

    @property
    def deadline(self) -> dt.date:
        """条例第四十九条: departments by 31 January, the county government by 31 March."""
        return dt.date(self.year + 1, 3, 31) if self.is_region else dt.date(self.year + 1, 1, 31)

    @property
    def on_time(self) -> bool | None:
        if self.published_on is None:
            return None
        return self.published_on <= self.deadline

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT and self.source == self.Source.GENERATED

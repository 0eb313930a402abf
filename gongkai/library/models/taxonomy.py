"""Classification data (主题分类, 法定主动公开内容 columns, 基层标准目录 areas) and region settings.

All of it is data, loaded by a data migration and editable afterwards: the lists vary by
province (LAW.md: "keep it data, not code").
"""

from __future__ import annotations

from django.db import models


class Topic(models.Model):
    """主题分类: the 22 top-level classes of the central government site and their sub-classes."""

    code = models.CharField("代码", max_length=8, unique=True)  # "02", "0201"
    name = models.CharField("名称", max_length=40)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "主题分类"
        ordering = ["code"]

    def __str__(self) -> str:
        if self.parent_id and self.parent is not None:
            return f"{self.parent.name} / {self.name}"
        return self.name


class CatalogColumn(models.Model):
    """A column of 法定主动公开内容 (条例第二十条、第二十一条).

    Rows without a region are the national defaults; a region that adds its own rows uses those
    instead (`selectors.catalog_columns_for`).
    """

    region = models.ForeignKey(
        "orgs.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField("代码", max_length=30)
    name = models.CharField("栏目名称", max_length=60)
    basis = models.CharField("公开依据", max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "法定主动公开内容栏目"
        ordering = ["sort", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"],
                condition=models.Q(region__isnull=False),
                name="catalog_column_code_unique_in_region",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(region__isnull=True),
                name="catalog_column_default_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StandardCatalogArea(models.Model):
    """An area of the 基层政务公开标准目录 (国办发〔2019〕54号)."""

    code = models.CharField("代码", max_length=30, unique=True)
    name = models.CharField("领域", max_length=40)
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "基层政务公开标准目录领域"
        ordering = ["sort", "id"]

    def __str__(self) -> str:
        return self.name


def default_form_targets() -> dict[str, int]:
    # LAW.md, 政策解读 (local): at least 5 forms for documents in the county government's name,
    # 2 for a unit's own documents. Keys are orgs.Unit.Kind values; "default" for the rest.
    return {"government": 5, "office": 5, "default": 2}


class LibrarySettings(models.Model):
    """The library's per-region settings (kept here so that orgs.Region stays the library's
    business-free core)."""

    region = models.OneToOneField(
        "orgs.Region", on_delete=models.CASCADE, related_name="library_settings"
    )
    interpretation_form_targets = models.JSONField(
        "解读形式数量目标", default=default_form_targets, blank=True
    )
    # Local practice, not law: each review step is expected within 3 working days.
    review_workdays = models.PositiveSmallIntegerField("每级审核时限（工作日）", default=3)

    class Meta:
        verbose_name = verbose_name_plural = "政策文件库设置"

    def __str__(self) -> str:
        return f"{self.region} 政策文件库设置"

    def form_target_for(self, unit_kind: str) -> int:
        targets = {**default_form_targets(), **(self.interpretation_form_targets or {})}
        return int(targets.get(unit_kind, targets["default"]))

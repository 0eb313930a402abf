"""The national disclosure column structure (政府信息公开专栏).

The column holds statutory content only: 指南, 制度, 法定主动公开内容, 年报 (条例第十二条、第
四十九条), usually also 依申请公开 and 基层政务公开标准目录 (国办发〔2019〕54号). The slugs
follow the names most county sites already use, so that old links keep working.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    slug: str
    title: str
    summary: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "xxgkzn",
        "政府信息公开指南",
        "公开的范围、方式、途径，申请公开的办法和公开工作机构的联系方式。",
    ),
    Column("xxgkzd", "政府信息公开制度", "本行政区域政府信息公开的工作制度和规范。"),
    Column("fdzdgknr", "法定主动公开内容", "依照条例第十九条至第二十一条应当主动公开的政府信息。"),
    Column("xxgknb", "政府信息公开年报", "各级行政机关上一年度政府信息公开工作年度报告。"),
    Column("ysqgk", "依申请公开", "向行政机关申请获取政府信息的途径、流程和申请表。"),
    Column("jczwgkbzml", "基层政务公开标准目录", "县、乡两级政务公开事项的标准目录。"),
)

BY_SLUG = {c.slug: c for c in COLUMNS}
GUIDE = "xxgkzn"
REQUESTS = "ysqgk"


def column_by_slug(slug: str) -> Column | None:
    return BY_SLUG.get(slug)


# Columns filled from data have their own template (portal/columns/<slug>.html); the others
# use the generic page until their app fills them.
FILLED = frozenset({GUIDE, "xxgkzd", "fdzdgknr", "xxgknb", "ysqgk"})


def column_template(column: Column) -> str:
    return f"portal/columns/{column.slug}.html" if column.slug in FILLED else "portal/column.html"


def column_context(column: Column, region) -> dict:
    """What a filled column shows, read from the policy library (issue 3)."""
    from gongkai.library.public import pages

    if column.slug == "fdzdgknr":
        return {"catalog": pages.catalog_overview(region)}
    if column.slug == "xxgkzd":
        return {"policy_documents": pages.policy_documents(region)}
    if column.slug == "xxgknb" and region is not None:
        from gongkai.reports.selectors import reports_by_year

        return {"report_years": reports_by_year(region)}
    return {}

"""Comparisons over the years (issue 6 item 6): the main figures of the published reports of a
unit or of the region, year by year, and the region-wide table of units for one year.

    report_series(region=…, unit=None)     one row per year with a published report
    region_unit_table(region=…, year=…)    every reporting unit and the region: report status,
                                           publication on time, requests, outcomes, late replies

The series reads the reports as published (``selectors.report_tables``: computed, entered and
overridden figures merged), so an imported report of an earlier year counts like a generated one.
The units table reads the requests themselves (``inforequests.stats``) for the year, so it is
filled in before any report is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.core.errors import GongkaiError
from gongkai.inforequests.outcomes import (
    GROUPS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)
from gongkai.inforequests.stats import request_statistics
from gongkai.orgs.models import Region, Unit

from .compute import REGION_OWN_KINDS
from .form import FORMAT_2019, FORMAT_2021, S3_TOTAL, get_cell
from .models import AnnualReport
from .selectors import report_tables, report_unit_choices

# The outcome groups of section 三 by their short names, in the form's order.
GROUP_NAMES: dict[str, str] = {
    group: name
    for group, name in zip(
        GROUPS,
        ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"),
        strict=True,
    )
}
OUTCOME_KEYS: tuple[str, ...] = (
    "disclosed",
    "partial",
    "withheld",
    "unavailable",
    "rejected",
    "other",
)
OUTCOME_FIGURES: tuple[tuple[str, str], ...] = tuple(
    zip(OUTCOME_KEYS, GROUP_NAMES.values(), strict=True)
)

# The figures of the series, in the order of the page's table: (key, how the page names it).
REQUEST_FIGURES: tuple[tuple[str, str], ...] = (
    ("new", "新收申请"),
    ("carried_in", "上年结转"),
    ("decided", "办结"),
    ("carried_out", "结转下年度"),
)
APPEAL_FIGURES: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation", "行政诉讼"),
)
NORMATIVE_FIGURES: tuple[tuple[str, str], ...] = (
    ("normative_made", "行政规范性文件制发"),
    ("normative_repealed", "行政规范性文件废止"),
    ("normative_in_force", "行政规范性文件现行有效"),
)
FIGURES: tuple[tuple[str, str], ...] = (
    *REQUEST_FIGURES,
    *OUTCOME_FIGURES,
    *APPEAL_FIGURES,
    *NORMATIVE_FIGURES,
)

_NORMATIVE_2021 = ("section2", "第二十条第（一）项", "行政规范性文件")
_NORMATIVE_2019 = ("section2", "第二十条第（一）项", "规范性文件")
_NORMATIVE_COLUMNS = {
    FORMAT_2021: ("本年制发件数", "本年废止件数", "现行有效件数"),
    # The 2019 trial format counts documents made and documents published, not repealed.
    FORMAT_2019: ("本年新制作数量", None, "对外公开总数量"),
}


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _total(node: Any) -> int | float | None:
    """The 总计 of a row, or of a group row as the sum of its sub-rows' 总计 (the form prints
    no total for a group with sub-rows). None when the report holds no such figure."""
    if not isinstance(node, dict):
        return None
    own = _number(node.get(S3_TOTAL))
    if own is not None:
        return own
    parts = [_total(child) for child in node.values() if isinstance(child, dict)]
    parts = [p for p in parts if p is not None]
    return sum(parts) if parts else None


def _sum(values: list[Any]) -> int | float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def report_figures(report: AnnualReport) -> dict[str, Any]:
    """The main figures of one report, keyed as in ``FIGURES`` (None: not in the report).

    行政规范性文件: the 2021 format's row 行政规范性文件 (本年制发件数, 本年废止件数, 现行有效件数).
    A report in the 2019 trial format has the row 规范性文件 with other columns; the closest
    equivalents are used — 本年新制作数量 for 制发 and 对外公开总数量 for 现行有效 — and 废止,
    which that format does not count, is None.
    """
    tables = report_tables(report)
    s3 = tables.get("section3") or {}
    results = s3.get(ROW_RESULTS) or {}
    s4 = tables.get("section4") or {}
    litigation = s4.get("行政诉讼") or {}
    figures: dict[str, Any] = {
        "new": _total(s3.get(ROW_NEW)),
        "carried_in": _total(s3.get(ROW_CARRIED_IN)),
        "decided": _total(results.get(ROW_TOTAL)),
        "carried_out": _total(s3.get(ROW_CARRIED_OUT)),
    }
    for key, group in zip(OUTCOME_KEYS, GROUPS, strict=True):
        figures[key] = _total(results.get(group))
    figures["reconsideration"] = _total(s4.get("行政复议"))
    figures["litigation"] = _sum([_total(v) for v in litigation.values()])
    fmt = FORMAT_2019 if report.format == FORMAT_2019 else FORMAT_2021
    row = _NORMATIVE_2019 if fmt == FORMAT_2019 else _NORMATIVE_2021
    for (key, _), column in zip(NORMATIVE_FIGURES, _NORMATIVE_COLUMNS[fmt], strict=True):
        figures[key] = _number(get_cell(tables, (*row, column))) if column else None
    return figures


def report_series(*, region: Region, unit: Unit | None = None) -> list[dict[str, Any]]:
    """One entry per year with a published report of ``unit`` (scope unit) or, without a unit,
    of the region (its own report), oldest first.

    Each entry: ``year``, ``format``, ``source``, ``report`` (the AnnualReport), the figures of
    ``FIGURES`` (see ``report_figures`` for the 2019 trial format), ``published_on`` and
    ``on_time`` (None for an imported report, whose publication date Gongkai does not know).
    """
    qs = AnnualReport.objects.filter(region=region, status=AnnualReport.Status.PUBLISHED)
    if unit is None:
        qs = qs.filter(scope=AnnualReport.Scope.REGION)
    else:
        qs = qs.filter(scope=AnnualReport.Scope.UNIT, unit=unit)
    series = []
    for report in qs.select_related("unit", "region").order_by("year"):
        series.append(
            {
                "year": report.year,
                "format": report.format,
                "source": report.source,
                "report": report,
                **report_figures(report),
                "published_on": report.published_on,
                "on_time": report.on_time,
            }
        )
    return series


def chart_data(series: list[dict[str, Any]]) -> dict[str, Any]:
    """What report-charts.js draws: the years and, per chart, its series (JSON-safe)."""
    years = [str(entry["year"]) for entry in series]

    def lines(figures: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
        return [{"name": name, "data": [e[key] for e in series]} for key, name in figures]

    return {
        "years": years,
        "charts": [
            {
                "id": "requests",
                "title": "政府信息公开申请",
                "type": "line",
                "series": lines(REQUEST_FIGURES),
            },
            {
                "id": "outcomes",
                "title": "申请办理结果",
                "type": "bar",
                "stack": True,
                "series": lines(OUTCOME_FIGURES),
            },
            {
                "id": "appeals",
                "title": "行政复议和行政诉讼",
                "type": "bar",
                "series": lines(APPEAL_FIGURES),
            },
            {
                "id": "normative",
                "title": "行政规范性文件",
                "type": "line",
                "series": [
                    {"name": name.removeprefix("行政规范性文件"), "data": [e[key] for e in series]}
                    for key, name in NORMATIVE_FIGURES
                ],
            },
        ],
    }


# --- the region-wide table of units for one year ------------------------------------------------

TIMING_LABELS = {
    "on_time": "按时发布",
    "late": "逾期发布",
    "overdue": "逾期未发布",
    "pending": "未到发布期限",
    "imported": "已导入（发布日期不详）",
}
NO_REPORT = "未编制"


def deadline_for(year: int, *, is_region: bool) -> dt.date:
    """条例第四十九条: departments by 31 January, the county government by 31 March."""
    return dt.date(year + 1, 3, 31) if is_region else dt.date(year + 1, 1, 31)


def publication_timing(report: AnnualReport | None, deadline: dt.date, today: dt.date) -> str:
    """How a report stands against its deadline (a code of ``TIMING_LABELS``)."""
    published = report is not None and report.status == AnnualReport.Status.PUBLISHED
    if published and report.published_on is None:
        return "imported"
    if published:
        return "on_time" if report.published_on <= deadline else "late"
    return "overdue" if today > deadline else "pending"


def _request_figures(stats: dict[str, Any] | None) -> dict[str, Any]:
    if stats is None:  # nobody to count (a region without a government or office unit)
        return {
            "new": 0,
            "decided": 0,
            "outcomes": [0] * len(GROUPS),
            "replied_on_time": 0,
            "replied_late": 0,
        }
    s3 = stats["三"]
    results = s3[ROW_RESULTS]
    return {
        "new": s3[ROW_NEW][S3_TOTAL],
        "decided": results[ROW_TOTAL][S3_TOTAL],
        "outcomes": [_total(results[group]) or 0 for group in GROUPS],
        "replied_on_time": stats["timing"]["on_time"],
        "replied_late": stats["timing"]["late"],
    }


def _row(
    *,
    name: str,
    unit: Unit | None,
    report: AnnualReport | None,
    deadline: dt.date,
    today: dt.date,
    stats: dict[str, Any] | None,
) -> dict[str, Any]:
    timing = publication_timing(report, deadline, today)
    return {
        "name": name,
        "unit": unit,
        "is_region": unit is None,
        "report": report,
        "status": report.stage_label if report is not None else NO_REPORT,
        "published_on": report.published_on if report is not None else None,
        "deadline": deadline,
        "timing": timing,
        "timing_label": TIMING_LABELS[timing],
        **_request_figures(stats),
    }


def region_unit_table(
    *, region: Region, year: int, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """For ``year``: the region's own report first, then every reporting unit, each with its
    report's status (未编制 if none), publication date and timeliness against 条例第四十九条's
    deadline, and from the requests themselves the year's new requests, decisions by outcome
    group (``outcomes``, in ``OUTCOME_FIGURES`` order) and replies on time / late.

    The region's row counts the requests of the government and its office (the scope of the
    county's own report); each unit's its own. Three queries per unit (request_statistics).
    """
    today = today or timezone.localdate()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    reports = AnnualReport.objects.filter(region=region, year=year).select_related("unit")
    by_unit: dict[int, AnnualReport] = {}
    own: AnnualReport | None = None
    for report in reports:
        if report.is_region:
            own = report
        else:
            by_unit[report.unit_id] = report
    rows = []
    own_units = list(
        Unit.objects.filter(region=region, is_active=True, kind__in=REGION_OWN_KINDS).order_by(
            "sort", "pk"
        )
    )
    rows.append(
        _row(
            name=f"{region.name}（本级）",
            unit=None,
            report=own,
            deadline=deadline_for(year, is_region=True),
            today=today,
            stats=request_statistics(units=own_units, start=start, end=end) if own_units else None,
        )
    )
    for unit in report_unit_choices(region):
        rows.append(
            _row(
                name=unit.name,
                unit=unit,
                report=by_unit.get(unit.pk),
                deadline=deadline_for(year, is_region=False),
                today=today,
                stats=request_statistics(unit=unit, start=start, end=end),
            )
        )
    return rows


def table_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts for the top of the table and the column totals of its rows."""
    summary: dict[str, Any] = {
        "rows": len(rows),
        "timing": {code: 0 for code in TIMING_LABELS},
        "missing": sum(1 for r in rows if r["report"] is None),
    }
    for r in rows:
        summary["timing"][r["timing"]] += 1
    for key in ("new", "decided", "replied_on_time", "replied_late"):
        summary[key] = sum(r[key] for r in rows)
    summary["outcomes"] = [sum(r["outcomes"][i] for r in rows) for i in range(len(GROUPS))]
    return summary


def parse_year(raw: str | None, *, default: int) -> int:
    """The year asked for in a query string (?year=2025): 2008 (the Regulation's first year of
    reports) to this year."""
    text = (raw or "").strip()
    if not text:
        return default
    this_year = timezone.localdate().year
    if not text.isascii() or not text.isdigit() or not 2008 <= int(text) <= this_year:
        raise GongkaiError(
            f"年度应为 2008 年至 {this_year} 年之间的四位数字，收到“{text[:20]}”。请重新选择年度。",
            field="year",
        )
    return int(text)


def comparison_unit(region: Region, code: str) -> Unit | None:
    """The unit of ``region`` with this code that has a comparison page: a reporting unit, or a
    unit (since merged or closed, say) with a published report of its own."""
    unit = Unit.objects.filter(region=region, code=code).first()
    if unit is None:
        return None
    if report_unit_choices(region).filter(pk=unit.pk).exists():
        return unit
    published = AnnualReport.objects.filter(
        unit=unit, scope=AnnualReport.Scope.UNIT, status=AnnualReport.Status.PUBLISHED
    )
    return unit if published.exists() else None

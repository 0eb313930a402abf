"""What Gongkai computes for a report from its own records (through the other apps' selectors).

report_scope_units(report)      which units' records count
compute_tables(report)          sections 二 (the library part), 三 and 四, as form.py's JSON
gather_facts(report)            the figures the drafted prose cites (published, requests, fees…)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.inforequests.services import amount_yuan
from gongkai.inforequests.stats import fee_statistics, request_statistics
from gongkai.library.selectors import report_figures
from gongkai.orgs.models import Unit
from gongkai.workplan.selectors import lookback, plans_for_report

from .form import FORMAT_2021, empty_tables, set_cell

# The county government's own report covers the government and its office (条例第四十九条:
# the office reports for the government); the openness office sits inside the latter.
REGION_OWN_KINDS = (Unit.Kind.GOVERNMENT, Unit.Kind.OFFICE)
# Units that publish a report of their own: every department, township and zone. Public
# enterprises disclose under their own rules (条例第五十五条), without this report.
REPORTING_KINDS = (Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP, Unit.Kind.ZONE, Unit.Kind.OTHER)


def report_scope_units(report: Any) -> list[Unit]:
    if not report.is_region:
        return [report.unit]
    units = Unit.objects.filter(region=report.region, is_active=True)
    if not report.aggregate_all:
        units = units.filter(kind__in=REGION_OWN_KINDS)
    return list(units.order_by("sort", "pk"))


def _period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def compute_tables(report: Any) -> dict[str, Any]:
    """The computed numbers; the cells entered by people are left at 0 here."""
    units = report_scope_units(report)
    start, end = _period(report.year)
    tables = empty_tables(FORMAT_2021)
    library = report_figures(unit_ids=[u.pk for u in units], year=report.year)
    row = ("section2", "第二十条第（一）项", "行政规范性文件")
    set_cell(tables, (*row, "本年制发件数"), library["normative_made"])
    set_cell(tables, (*row, "本年废止件数"), library["normative_repealed"])
    set_cell(tables, (*row, "现行有效件数"), library["normative_in_force"])
    stats = request_statistics(units=units, start=start, end=end)
    tables["section3"] = stats["三"]
    tables["section4"] = stats["四"]
    return tables


def gather_facts(report: Any) -> dict[str, Any]:
    """The figures behind the drafted prose, kept with the report (JSON-safe)."""
    units = report_scope_units(report)
    start, end = _period(report.year)
    stats = request_statistics(units=units, start=start, end=end)
    fees = fee_statistics(units=units, start=start, end=end)
    facts: dict[str, Any] = {
        "library": report_figures(unit_ids=[u.pk for u in units], year=report.year),
        "requests": {
            "new": stats["三"]["一、本年新收政府信息公开申请数量"]["总计"],
            "carried_in": stats["三"]["二、上年结转政府信息公开申请数量"]["总计"],
            "decided": stats["三"]["三、本年度办理结果"]["（七）总计"]["总计"],
            "carried_out": stats["三"]["四、结转下年度继续办理"]["总计"],
            "on_time": stats["timing"]["on_time"],
            "late": stats["timing"]["late"],
            "average_workdays": stats["timing"]["average_workdays"],
        },
        "appeals": {
            "reconsideration": stats["四"]["行政复议"]["总计"],
            "litigation": sum(v["总计"] for v in stats["四"]["行政诉讼"].values()),
            "corrected": stats["四"]["行政复议"]["结果纠正"]
            + sum(v["结果纠正"] for v in stats["四"]["行政诉讼"].values()),
        },
        "fees": {
            "notices": fees["notices"],
            "paid": fees["paid"],
            "amount_yuan": amount_yuan(fees["amount"]),
        },
        "workplan": [],
    }
    unit_ids = {u.pk for u in units}
    for plan in plans_for_report(region=report.region, year=report.year):
        back = lookback(plan, today=min(end, timezone.localdate()))
        if report.is_region:
            facts["workplan"].append({"title": plan.title, "summary": back.summary()})
            continue
        parts = [p for score in back.units if score.unit.pk in unit_ids for p in score.parts]
        if parts:
            count = {
                k: sum(1 for p in parts if p.outcome == k)
                for k in ("on_time", "late", "ongoing", "not_done")
            }
            facts["workplan"].append({"title": plan.title, "parts": len(parts), **count})
    return facts

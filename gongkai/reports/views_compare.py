"""Comparisons over the years (issue 6 item 6).

Public (portal, ``urls_compare``): the region's and each unit's main figures over the years, as
a table (the content) and as charts (decoration, drawn by static/js/report-charts.js from the
``json_script`` data; without JavaScript the table still shows everything).
Staff (workspace, ``urls_compare_staff``): the office's table of every unit for one year.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.policy import public, staff_rule

from .comparisons import (
    APPEAL_FIGURES,
    NORMATIVE_FIGURES,
    OUTCOME_FIGURES,
    REQUEST_FIGURES,
    TIMING_LABELS,
    chart_data,
    comparison_unit,
    parse_year,
    region_unit_table,
    report_series,
    table_summary,
)
from .form import FORMAT_2019
from .models import AnnualReport
from .selectors import report_unit_choices

FIGURE_GROUPS = (
    ("政府信息公开申请", REQUEST_FIGURES),
    ("申请办理结果", OUTCOME_FIGURES),
    ("行政复议和行政诉讼", APPEAL_FIGURES),
    ("主动公开：行政规范性文件", NORMATIVE_FIGURES),
)


def _region(request: HttpRequest) -> Region:
    region = getattr(request, "region", None)
    if region is None:
        raise Http404("公开平台尚未设置行政区域。")
    return region


def _table_rows(series: list[dict]) -> list[dict]:
    """The figures as table rows (one per figure, a cell per year), grouped as on the form."""
    groups = []
    for title, figures in FIGURE_GROUPS:
        rows = [
            {"label": label, "cells": [entry[key] for entry in series]} for key, label in figures
        ]
        groups.append({"title": title, "rows": rows})
    return groups


def _compare_page(request: HttpRequest, region: Region, unit: Unit | None) -> HttpResponse:
    series = report_series(region=region, unit=unit)
    units = [] if unit is not None else list(report_unit_choices(region))
    return render(
        request,
        "reports/compare.html",
        {
            "subject": unit.name if unit is not None else region.name,
            "unit": unit,
            "units": units,
            "series": series,
            "groups": _table_rows(series),
            "chart": chart_data(series),
            "has_2019": any(e["format"] == FORMAT_2019 for e in series),
        },
    )


@public
@require_GET
def region_compare(request: HttpRequest) -> HttpResponse:
    return _compare_page(request, _region(request), None)


@public
@require_GET
def unit_compare(request: HttpRequest, unit_code: str) -> HttpResponse:
    region = _region(request)
    unit = comparison_unit(region, unit_code)
    if unit is None:
        raise Http404("没有这个单位，请从本县单位列表中选择。")
    return _compare_page(request, region, unit)


def _year_choices(region: Region) -> list[int]:
    this_year = timezone.localdate().year
    years = set(range(max(2008, this_year - 9), this_year + 1))
    years |= set(AnnualReport.objects.filter(region=region).values_list("year", flat=True))
    return sorted(years, reverse=True)


@staff_rule("reports.manage", get_object=lambda request: getattr(request, "region", None))
@require_GET
def units_table(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    if region is None:  # a system administrator on a deployment without any region
        raise Http404("尚未设置行政区域。")
    default = timezone.localdate().year - 1
    error = ""
    try:
        year = parse_year(request.GET.get("year"), default=default)
    except GongkaiError as exc:
        error, year = exc.message, None
    rows = region_unit_table(region=region, year=year) if year else []
    summary = table_summary(rows) if rows else None
    timing_counts = [
        (code, label, summary["timing"][code])
        for code, label in TIMING_LABELS.items()
        if summary and summary["timing"][code]
    ]
    return render(
        request,
        "reports/units_table.html",
        {
            "year": year,
            "selected": year or default,
            "years": _year_choices(region),
            "error": error,
            "rows": rows,
            "summary": summary,
            "timing_counts": timing_counts,
            "outcome_labels": [label for _, label in OUTCOME_FIGURES],
        },
        status=400 if error else 200,
    )

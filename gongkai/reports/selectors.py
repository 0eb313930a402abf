"""Reads of annual reports: the merged tables, the checks, the JSON, access helpers, series."""

from __future__ import annotations

import copy
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs import policy
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.roles import Role

from .checks import Finding, check_carried_over, check_tables
from .form import (
    SECTION2_ENTERED_2021,
    TABLE_SECTIONS,
    Path,
    cell_paths,
    empty_tables,
    get_cell,
    key_path,
    path_key,
    path_label,
    set_cell,
)
from .models import AnnualReport

# Section 二's 规章 row: a county cannot make 规章 (立法法第九十三条: the provinces and the cities
# with districts do), so Gongkai computes nothing there; a city deployment enters its figures.
RULES_ROW = ("section2", "第二十条第（一）项", "规章")
ENTERED_PATHS: frozenset[Path] = frozenset(
    {
        *SECTION2_ENTERED_2021,
        *((*RULES_ROW, c) for c in ("本年制发件数", "本年废止件数", "现行有效件数")),
    }
)


def is_entered(path: Path) -> bool:
    return tuple(path) in ENTERED_PATHS


def report_tables(report: AnnualReport) -> dict[str, Any]:
    """Sections 二, 三, 四 as published: computed, then entered figures, then overrides."""
    tables = copy.deepcopy(report.computed) if report.computed else empty_tables(report.format)
    for key, value in (report.entered or {}).items():
        set_cell(tables, key_path(key), value)
    for key, entry in (report.overrides or {}).items():
        set_cell(tables, key_path(key), entry["value"])
    return tables


def previous_report(report: AnnualReport) -> AnnualReport | None:
    qs = AnnualReport.objects.filter(year=report.year - 1, scope=report.scope)
    if report.is_region:
        qs = qs.filter(region_id=report.region_id)
    else:
        qs = qs.filter(unit_id=report.unit_id)
    return qs.first()


def report_findings(report: AnnualReport) -> list[Finding]:
    tables = report_tables(report)
    findings = check_tables(tables, report.format)
    last = previous_report(report)
    if last is not None:
        findings += check_carried_over(tables, report_tables(last))
    return findings


def overridden_cells(report: AnnualReport) -> list[dict[str, Any]]:
    """Numbers typed over computed ones, with the reason — shown to the reviewer."""
    rows = []
    for key, entry in (report.overrides or {}).items():
        path = key_path(key)
        rows.append(
            {
                "key": key,
                "place": path_label(path),
                "computed": get_cell(report.computed, path),
                "value": entry["value"],
                "reason": entry["reason"],
                "by": entry.get("by", ""),
                "at": entry.get("at", ""),
            }
        )
    return rows


def report_json(report: AnnualReport) -> dict[str, Any]:
    """The report as JSON: tables keyed by the form's labels (form.py), prose, checks."""
    tables = report_tables(report)
    findings = report_findings(report)
    data: dict[str, Any] = {
        "title": report.title,
        "format": report.format,
        "year": report.year,
        "scope": {
            "kind": report.scope,
            "name": report.scope_name,
            "unit_code": "" if report.is_region else report.unit.code,
            "region_code": report.region.code,
            "aggregate_all": report.aggregate_all,
        },
        "status": report.status,
        "source": report.source,
        "deadline": report.deadline.isoformat(),
        "published_on": report.published_on.isoformat() if report.published_on else None,
    }
    for key in ("section1", "section2", "section3", "section4", "section5", "section6"):
        data[key] = tables[key] if key in TABLE_SECTIONS else getattr(report, key)
    data["overrides"] = [
        {k: v for k, v in row.items() if k != "key"} for row in overridden_cells(report)
    ]
    data["checks"] = {"ok": not findings, "findings": [f.as_json() for f in findings]}
    return data


def cell_rows(report: AnnualReport) -> list[dict[str, Any]]:
    """Every cell of the form with its source (computed / entered / overridden) for the editor."""
    tables = report_tables(report)
    rows = []
    for path in cell_paths(report.format):
        key = path_key(path)
        source = "computed"
        if key in (report.overrides or {}):
            source = "overridden"
        elif is_entered(path) or report.source == AnnualReport.Source.IMPORTED:
            source = "entered"
        rows.append({"key": key, "path": path, "value": get_cell(tables, path), "source": source})
    return rows


# --- access ------------------------------------------------------------------------------------


def access_report_by_id(*, user: Any, report_id: int, rule: str = "reports.view") -> AnnualReport:
    report = (
        AnnualReport.objects.select_related("unit", "region", "submitted_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not policy.can(user, rule, report):
        raise Http404
    return report


def reports_for_staff(*, user: Any, region: Region, year: int | None = None) -> QuerySet:
    qs = AnnualReport.objects.filter(region=region).select_related("unit", "region")
    if year:
        qs = qs.filter(year=year)
    if policy.is_office_for(user, region.pk):
        return qs
    units = policy.unit_ids(user, *Role.values)
    return qs.filter(unit_id__in=units)


def reports_public(region: Region, *, year: int | None = None) -> QuerySet:
    qs = AnnualReport.objects.filter(region=region, status=AnnualReport.Status.PUBLISHED)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("unit", "region").order_by("-year", "-scope", "unit__sort", "unit_id")


def reports_by_year(region: Region) -> list[tuple[int, list[AnnualReport]]]:
    """The published reports, newest year first; in a year the region's own report first."""
    years: dict[int, list[AnnualReport]] = {}
    for report in reports_public(region):
        years.setdefault(report.year, []).append(report)
    return list(years.items())


def report_public(region: Region, report_id: int) -> AnnualReport:
    report = reports_public(region).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def report_unit_choices(region: Region) -> QuerySet[Unit]:
    from .compute import REPORTING_KINDS

    return Unit.objects.filter(region=region, is_active=True, kind__in=REPORTING_KINDS).order_by(
        "sort", "pk"
    )

"""年度报告 JSON API (public): the published annual reports of a region, and one report with its
tables keyed by the national form's labels (the same JSON as `gongkai report annual`), so that
an upper-level office can gather the reports of every county without copying tables by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from gongkai.core.errors import GongkaiError
from gongkai.reports.selectors import report_json, report_public, reports_public

from .library import _region

router = Router(tags=["年度报告"])
PUBLIC = {"x-gongkai-access": "public"}


class ErrorOut(Schema):
    detail: str


class ReportSummaryOut(Schema):
    id: int
    title: str
    year: int
    scope: str
    unit_code: str
    format: str
    source: str
    published_on: dt.date | None
    on_time: bool | None
    url: str
    json_url: str


@router.get(
    "/",
    response={200: list[ReportSummaryOut], 400: ErrorOut},
    openapi_extra=PUBLIC,
    summary="已发布的年度报告",
)
def report_list(request: HttpRequest, year: int | None = None, region: str | None = None):
    """本地区已发布（含导入的往年）政府信息公开工作年度报告，按年度从新到旧。"""
    if year is not None and not 2008 <= year <= 2100:
        raise GongkaiError("年度应在 2008 至 2100 之间。")
    reports = reports_public(_region(request, region), year=year)
    return [
        {
            "id": r.pk,
            "title": r.title,
            "year": r.year,
            "scope": r.scope,
            "unit_code": "" if r.is_region else r.unit.code,
            "format": r.format,
            "source": r.source,
            "published_on": r.published_on,
            "on_time": r.on_time,
            "url": request.build_absolute_uri(reverse("portal:reports:report", args=[r.pk])),
            "json_url": request.build_absolute_uri(reverse("api:report_detail", args=[r.pk])),
        }
        for r in reports
    ]


@router.get(
    "/{int:report_id}",
    response={200: dict[str, Any], 400: ErrorOut, 404: ErrorOut},
    openapi_extra=PUBLIC,
    summary="一份年度报告（表格按国家模板的行列名称）",
    url_name="report_detail",
)
def report_detail(request: HttpRequest, report_id: int, region: str | None = None):
    """报告全文：第一、五、六部分文字，第二、三、四部分表格（键为模板的行列名称），数据检查结果。"""
    try:
        report = report_public(_region(request, region), report_id)
    except Http404:
        return Status(404, {"detail": f"没有编号为 {report_id} 的已发布年度报告。"})
    return report_json(report)

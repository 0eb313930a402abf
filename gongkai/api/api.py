"""The JSON API. Public data needs no login; staff endpoints use the login session (with CSRF
for writes) and ask the same permission policy as the workspace.

Each endpoint declares its access with `access=` in `openapi_extra`, which the URL-walk test
reads: "public" or the name of a rule in gongkai.orgs.policy.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from gongkai.core.duties.selectors import counts, duties_assigned_to, rank
from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import CalendarYearMissing, get_calendar
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.policy import can

api = NinjaAPI(
    title="Gongkai 公开平台 API",
    version="1",
    description="公开平台 JSON 接口。公开数据无需登录；工作人员接口使用登录会话，写操作校验 CSRF。",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN; the intranet has none
)

PUBLIC = {"x-gongkai-access": "public"}


def staff(rule: str) -> dict:
    return {"x-gongkai-access": rule}


class ErrorOut(Schema):
    detail: str


class RegionOut(Schema):
    code: str
    name: str
    short_name: str


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    code: str
    parent_id: int | None


class WorkdaysAddOut(Schema):
    start: dt.date
    workdays: int
    due: dt.date


class WorkdaysBetweenOut(Schema):
    start: dt.date
    end: dt.date
    workdays: int


class DutyOut(Schema):
    id: int
    kind: str
    title: str
    unit: str
    due_on: dt.date | None
    urgency: str
    workdays_left: int | None
    url: str


class InboxOut(Schema):
    counts: dict[str, int]
    duties: list[DutyOut]


FIELD_LABELS = {"start": "起始日期", "end": "截止日期", "workdays": "工作日数", "region": "区域"}


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    problems = []
    for error in exc.errors:
        field = next((str(p) for p in reversed(error.get("loc", [])) if isinstance(p, str)), "")
        label = FIELD_LABELS.get(field, field or "参数")
        kind = error.get("type", "")
        if kind == "missing":
            problems.append(f"缺少{label}")
        elif "date" in kind:
            problems.append(f"{label}应为 YYYY-MM-DD 格式的日期")
        elif "int" in kind:
            problems.append(f"{label}应为整数")
        else:
            problems.append(f"{label}格式不正确")
    return api.create_response(request, {"detail": "；".join(problems) + "。"}, status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(request, {"detail": "请先登录工作台。"}, status=401)


@api.exception_handler(GongkaiError)
def _gongkai_error(request, exc: GongkaiError):
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(CalendarYearMissing)
def _calendar_missing(request, exc: CalendarYearMissing):
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.get("/regions", response=list[RegionOut], tags=["机构"], openapi_extra=PUBLIC)
def regions(request: HttpRequest):
    """本平台承载的行政区域。"""
    return list(Region.objects.order_by("sort", "id"))


@api.get(
    "/units",
    response={200: list[UnitOut], 404: ErrorOut},
    tags=["机构"],
    openapi_extra=PUBLIC,
)
def units(request: HttpRequest, region: str | None = None):
    """一个区域的单位（默认当前站点所属区域），含类型和单位代码。"""
    target = Region.objects.filter(code=region).first() if region else request.region
    if target is None:
        return Status(404, {"detail": f"没有代码为 {region} 的区域。"})
    rows = Unit.objects.filter(region=target, is_active=True).order_by("sort", "id")
    return [
        UnitOut(
            id=u.pk,
            name=u.name,
            short_name=u.short_name,
            kind=u.kind,
            kind_label=u.get_kind_display(),
            code=u.code,
            parent_id=u.parent_id,
        )
        for u in rows
    ]


@api.get("/workdays/add", response=WorkdaysAddOut, tags=["工作日"], openapi_extra=PUBLIC)
def workdays_add(request: HttpRequest, start: dt.date, workdays: int):
    """起算日之后第 N 个工作日（起算日当天不计入，民法典第二百零一条）。"""
    if not 0 <= workdays <= 366:
        raise GongkaiError("工作日数应在 0 到 366 之间。")
    return {"start": start, "workdays": workdays, "due": get_calendar().add(start, workdays)}


@api.get("/workdays/between", response=WorkdaysBetweenOut, tags=["工作日"], openapi_extra=PUBLIC)
def workdays_between(request: HttpRequest, start: dt.date, end: dt.date):
    """start 之后至 end（含）的工作日数。"""
    if abs((end - start).days) > 3660:
        raise GongkaiError("两个日期相隔不能超过十年。")
    return {"start": start, "end": end, "workdays": get_calendar().between(start, end)}


@api.get(
    "/me/duties",
    response={200: InboxOut, 403: ErrorOut},
    auth=django_auth,
    tags=["工作台"],
    openapi_extra=staff("workspace.enter"),
)
def my_duties(request: HttpRequest):
    """当前登录人员的待办事项，按紧急程度排序。"""
    if not can(request.user, "workspace.enter"):
        return Status(403, {"detail": "您没有进入工作台的权限。"})
    rows = rank(duties_assigned_to(user=request.user), today=timezone.localdate())
    return {
        "counts": counts(rows),
        "duties": [
            DutyOut(
                id=r.duty.pk,
                kind=r.duty.kind,
                title=r.duty.title,
                unit=r.duty.unit.label,
                due_on=r.duty.due_on,
                urgency=r.urgency.value,
                workdays_left=r.workdays_left,
                url=r.duty.url,
            )
            for r in rows
        ],
    }


api.add_router("/library", "gongkai.api.library.router")  # 政策文件库 (issue 3)
api.add_router("/reports", "gongkai.api.reports.router")  # 年度报告 (issue 6)

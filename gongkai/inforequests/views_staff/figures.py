"""Statistics (the annual report's sections 三 and 四 for a period) and the 条例第四十四条 demand
view: what several applicants asked for, and proposing it for proactive disclosure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can, is_office_for, staff_rule, unit_ids

from .. import selectors, services, stats
from ..demand import demand_clusters
from ._shared import _int, _region


def _parse_period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = services.today()
    default_start = dt.date(today.year, 1, 1)
    try:
        start = dt.date.fromisoformat(request.GET.get("start") or default_start.isoformat())
        end = dt.date.fromisoformat(request.GET.get("end") or today.isoformat())
    except ValueError:
        raise GongkaiError("统计期间的日期应写成 YYYY-MM-DD。") from None
    return start, end


def _scope(request: HttpRequest) -> tuple[Any, Any]:
    """(region, unit) the person asked for and may see; the office defaults to the region."""
    region = _region(request)
    unit_id = _int(request.GET.get("unit"))
    if unit_id:
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None or not can(request.user, "inforequest.stats", unit):
            raise Http404("没有找到该单位。")
        return None, unit
    if region is not None and is_office_for(request.user, region.pk):
        return region, None
    own = sorted(unit_ids(request.user))
    if not own:
        raise Http404("没有可以统计的单位。")
    return None, Unit.objects.get(pk=own[0])


@staff_rule("inforequest.list")
def stats_view(request: HttpRequest) -> HttpResponse:
    region, unit = _scope(request)
    context: dict[str, Any] = {
        "units": selectors.visible_units(user=request.user, region=_region(request)),
        "unit": unit,
        "region": region or _region(request),
    }
    status = 200
    try:
        start, end = _parse_period(request)
        data = stats.request_statistics(region=region, unit=unit, start=start, end=end)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        status = 400
        today = services.today()
        start, end = dt.date(today.year, 1, 1), today
        data = stats.request_statistics(region=region, unit=unit, start=start, end=end)
    context.update(
        {
            "data": data,
            "start": start,
            "end": end,
            "rows": [
                (kind, label, [cells[c] for c in data["columns"]] if cells else [])
                for kind, label, cells in stats.result_rows(data)
            ],
            "appeal_rows": [
                ("行政复议", list(data["四"]["行政复议"].values())),
                *(
                    (f"行政诉讼：{name}", list(cells.values()))
                    for name, cells in data["四"]["行政诉讼"].items()
                ),
            ],
            "columns": data["columns"],
            "invariant": stats.check_invariant(data),
        }
    )
    return render(request, "inforequests/staff/stats.html", context, status=status)


# --- 条例第四十四条 ------------------------------------------------------------------------------


@staff_rule("inforequest.list")
def demand_view(request: HttpRequest) -> HttpResponse:
    region, unit = _scope(request)
    clusters, files = demand_clusters(region=region, unit=unit)
    context = {
        "clusters": clusters,
        "files": files,
        "unit": unit,
        "units": selectors.visible_units(user=request.user, region=_region(request)),
        "proposals": selectors.disclosure_proposals(region=(unit.region if unit else region))[:50],
    }
    return render(request, "inforequests/staff/demand.html", context)


@staff_rule("inforequest.list")
@require_POST
def demand_propose(request: HttpRequest) -> HttpResponse:
    unit = Unit.objects.filter(pk=_int(request.POST.get("unit"))).first()
    if unit is None or not can(request.user, "inforequest.stats", unit):
        raise Http404("没有找到该单位。")
    released = None
    file_id = _int(request.POST.get("file"))
    if file_id:
        from ..models import ReleasedFile

        released = ReleasedFile.objects.filter(pk=file_id, request__unit=unit).first()
        if released is None:
            raise Http404("没有找到该文件。")
    try:
        services.disclosure_propose(
            unit=unit,
            actor=request.user,
            topic=request.POST.get("topic", ""),
            reason=request.POST.get("reason", ""),
            released_file=released,
            request_count=_int(request.POST.get("count")) or 0,
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已提出主动公开建议，已在该单位的待办中提醒。")
    return redirect(f"{request.path.rsplit('propose/', 1)[0]}?unit={unit.pk}")

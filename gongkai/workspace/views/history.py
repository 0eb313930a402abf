"""操作记录: an object's audit history, for the staff who may see the object, with exports."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import path

from gongkai.core.audit.selectors import history_csv, history_entries, history_json
from gongkai.orgs.policy import staff_rule


def _target(request: HttpRequest, object_type: str, object_id: str) -> tuple[str, str]:
    return object_type, object_id


@staff_rule("history.view", get_object=_target)
def history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    entries = history_entries(user=request.user, object_type=object_type, object_id=object_id)
    export = request.GET.get("format", "")
    if export in ("csv", "json"):
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"history-{object_type}-{object_id}")
        if export == "csv":
            response = HttpResponse(history_csv(entries), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                history_json(entries), content_type="application/json; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
        return response
    if export not in ("", "html"):
        return HttpResponseBadRequest("不支持的导出格式，请选择 csv 或 json。".encode())
    return render(
        request,
        "workspace/history/detail.html",
        {
            "entries": entries,
            "object_type": object_type,
            "object_id": object_id,
            "object_repr": entries[-1].event.object_repr if entries else "",
        },
    )


urlpatterns = [
    path("<str:object_type>/<str:object_id>/", history, name="history"),
]

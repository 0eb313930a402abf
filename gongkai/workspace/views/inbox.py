"""我的待办 / 本单位待办: one list of duties from every app, most urgent first."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from gongkai.core.duties.selectors import counts, duties_assigned_to, duties_of_units, rank
from gongkai.core.workdays import Urgency
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can, office_region_ids, staff_rule, unit_ids
from gongkai.orgs.roles import Role

URGENCIES = [Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.NORMAL]
ROLE_LABELS = dict(Role.choices)


def inbox_units(*, user: Any) -> list[Unit]:
    """Units whose duties the person may list: their own, or for 公开办 every unit of the region."""
    qs = Unit.objects.select_related("region")
    if user.is_superuser:
        return list(qs.filter(is_active=True))
    own = unit_ids(user)
    regions = office_region_ids(user)
    if regions:
        return list(qs.filter(region_id__in=regions, is_active=True) | qs.filter(pk__in=own))
    return list(qs.filter(pk__in=own))


def _who(duty) -> str:
    if duty.assignee_id:
        return str(duty.assignee)
    if duty.role:
        label = ROLE_LABELS.get(duty.role, duty.role)
        return f"{label}（{duty.role_level}级）" if duty.role_level else label
    return "本单位"


def _page(request, *, rows, scope: str, extra: dict | None = None):
    context = {
        "rows": [{"row": r, "duty": r.duty, "who": _who(r.duty)} for r in rows],
        "counts": counts(rows),
        "urgencies": [(u, u.label) for u in URGENCIES],
        "scope": scope,
        "today": timezone.localdate(),
    }
    context.update(extra or {})
    return render(request, "workspace/inbox/inbox.html", context)


@staff_rule("workspace.enter")
def inbox(request):
    today = timezone.localdate()
    rows = rank(duties_assigned_to(user=request.user), today=today)
    return _page(request, rows=rows, scope="mine")


@staff_rule("workspace.enter")
def unit_inbox(request):
    today = timezone.localdate()
    choices = inbox_units(user=request.user)
    own = unit_ids(request.user)
    default = next((u for u in choices if u.pk in own), choices[0] if choices else None)
    selected = default
    raw = request.GET.get("unit", "").strip()
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            messages.error(request, "单位编号无效，已显示您所在单位的待办。")
        else:
            selected = next((u for u in choices if u.pk == wanted), None)
            if selected is None or not can(request.user, "unit.view", selected):
                raise PermissionDenied
    rows = rank(duties_of_units(unit_ids={selected.pk}), today=today) if selected else []
    return _page(
        request,
        rows=rows,
        scope="unit",
        extra={"unit_choices": choices, "selected_unit": selected},
    )


urlpatterns = [
    path("", inbox, name="inbox"),
    path("unit/", unit_inbox, name="unit_inbox"),
]

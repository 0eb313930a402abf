"""The list of requests and the case page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core.workdays import CalendarYearMissing, get_calendar
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can, office_region_ids, staff_rule

from .. import selectors, services
from ..clock import ConsultationKind
from ..fees import FeeMethod
from ..models import Delivery, InfoRequest, LetterTemplate
from ..outcomes import AppealKind, AppealResult, ReplyType, outcome_choices
from ._shared import _case, _region

S = InfoRequest.Status


@staff_rule("inforequest.list")
def request_list(request: HttpRequest) -> HttpResponse:
    units = list(selectors.visible_units(user=request.user, region=_region(request)))
    unit_id = request.GET.get("unit") or ""
    unit_id = int(unit_id) if unit_id.isdigit() and int(unit_id) in {u.pk for u in units} else None
    status = request.GET.get("status") or "open"
    query = (request.GET.get("q") or "").strip()[:40]
    qs = selectors.requests_for(
        user=request.user, region=_region(request), unit_id=unit_id, status=status, query=query
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = services.today()
    try:
        calendar = get_calendar()
        rows = [
            {
                "r": r,
                "urgency": calendar.urgency(r.due_on, today).value
                if r.due_on and r.is_open
                else "",
            }
            for r in page
        ]
    except CalendarYearMissing:
        rows = [{"r": r, "urgency": ""} for r in page]
    register_units = [u for u in units if can(request.user, "inforequest.register", u)]
    office = bool(office_region_ids(request.user)) or request.user.is_superuser
    context = {
        "rows": rows,
        "page": page,
        "units": units,
        "unit_id": unit_id,
        "status": status,
        "query": query,
        "statuses": [("open", "未办结（按答复期限）"), *S.choices, ("all", "全部")],
        "can_register": bool(register_units),
        "office": office,
    }
    return render(request, "inforequests/staff/list.html", context)


def case_context(request: HttpRequest, case: InfoRequest) -> dict[str, Any]:
    user = request.user
    view = selectors.clock_view(case)
    handle = can(user, "inforequest.handle", case)
    allowed = {verb for verb, (states, _) in services.TRANSITIONS.items() if case.status in states}
    reply = getattr(case, "reply", None)
    region_units = Unit.objects.filter(region_id=case.region_id, is_active=True).exclude(
        pk=case.unit_id
    )
    return {
        "case": case,
        "clock": view.result,
        "clock_error": view.error,
        "personal": can(user, "inforequest.view_personal", case),
        "handle": handle,
        "can_extend": can(user, "inforequest.extend", case),
        "can_transfer": can(user, "inforequest.transfer", case),
        "can_clear": can(user, "inforequest.clear_finding", case),
        "allowed": allowed,
        "events": list(case.clock.order_by("seq")),
        "attachments": list(case.attachments.all()),
        "released": list(case.released.all()),
        "reply": reply,
        "letters": list(case.letters.all()),
        "deliveries": list(case.deliveries.all()),
        "fee": getattr(case, "fee", None),
        "appeals": list(case.appeals.all()),
        "flags": list(case.flags.select_related("related")),
        "today": services.today().isoformat(),
        "outcome_groups": outcome_choices(include_closing=False),
        "reply_types": ReplyType.choices,
        "consultation_kinds": [(k.value, k.label) for k in ConsultationKind],
        "fee_methods": [(m.value, m.label) for m in FeeMethod],
        "delivery_methods": Delivery.Method.choices,
        "appeal_kinds": AppealKind.choices,
        "appeal_results": AppealResult.choices,
        "letter_keys": LetterTemplate.Key.choices,
        "transfer_units": region_units if can(user, "inforequest.transfer", case) else [],
        "withheld_rows": range(3),
    }


@staff_rule("inforequest.view", get_object=_case)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.gongkai_object
    return render(request, "inforequests/staff/case.html", case_context(request, case))

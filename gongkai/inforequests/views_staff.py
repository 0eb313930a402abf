"""依申请公开 in the staff workspace: the list, registration, the case page and its actions,
letters, templates, statistics and the 条例第四十四条 demand view. Views only call services and
selectors; every action is a POST form whose errors come back as a Chinese message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.core.workdays import CalendarYearMissing, get_calendar
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can, is_office_for, office_region_ids, staff_rule, unit_ids

from . import selectors, services, stats
from .clock import Channel, ConsultationKind
from .demand import demand_clusters
from .fees import FeeMethod
from .letters import PLACEHOLDERS
from .models import Delivery, InfoRequest, LetterTemplate
from .outcomes import (
    AppealKind,
    AppealResult,
    ApplicantKind,
    ReplyType,
    outcome_choices,
)

S = InfoRequest.Status


def _case(request: HttpRequest, pk: int, **kwargs) -> InfoRequest:
    return selectors.access_request_by_id(user=request.user, request_id=pk)


def _region(request: HttpRequest):
    return getattr(request, "region", None)


# --- the list ----------------------------------------------------------------------------------


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


# --- registration ---------------------------------------------------------------------------------

APPLICANT_FIELDS = [
    "applicant_kind",
    "name",
    "id_type",
    "id_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "form_wanted",
    "way_wanted",
]


def _files(request: HttpRequest) -> list[tuple[str, bytes]]:
    out = []
    for f in request.FILES.getlist("files"):
        if f.size > services.MAX_ATTACHMENT_BYTES:
            raise GongkaiError(
                f"附件“{f.name}”超过 10 MB，请压缩后再上传。",
                field="files",
            )
        out.append((f.name, f.read()))
    return out


def applicant_from_post(post) -> dict[str, Any]:
    data = {name: post.get(name, "") for name in APPLICANT_FIELDS}
    if post.get("applicant_type") == "natural":
        data["applicant_kind"] = ApplicantKind.NATURAL
    elif post.get("applicant_type") == "org" and data["applicant_kind"] == ApplicantKind.NATURAL:
        data["applicant_kind"] = ""
    return data


def form_choices() -> dict[str, Any]:
    return {
        "org_kinds": [(k.value, k.label) for k in ApplicantKind if k != ApplicantKind.NATURAL],
        "id_types": InfoRequest.IdType.choices,
        "forms_wanted": InfoRequest.FormWanted.choices,
        "ways_wanted": InfoRequest.WayWanted.choices,
    }


@staff_rule("inforequest.list")
def request_register(request: HttpRequest) -> HttpResponse:
    units = [
        u
        for u in selectors.visible_units(user=request.user, region=_region(request))
        if can(request.user, "inforequest.register", u)
    ]
    if not units:
        raise Http404("您没有可以登记申请的单位。")
    values: dict[str, Any] = {"channel": "in_person", "received_on": services.today().isoformat()}
    error = None
    if request.method == "POST":
        values = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), None)
        try:
            created = services.info_request_register(
                region=unit.region if unit else units[0].region,
                unit=unit,
                applicant=applicant_from_post(request.POST),
                channel=request.POST.get("channel", ""),
                received_on=request.POST.get("received_on") or None,
                submitted_on=request.POST.get("submitted_on") or None,
                receipt_note=request.POST.get("receipt_note", ""),
                files=_files(request),
                actor=request.user,
            )
        except GongkaiError as exc:
            error = exc
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已登记，查询码 {created.tracking_code}。")
            return redirect("workspace:inforequests:case", pk=created.pk)
    context = {
        "units": units,
        "values": values,
        "error": error,
        "channels": [(c.value, c.label, c.receipt_rule) for c in Channel],
        **form_choices(),
    }
    return render(
        request, "inforequests/staff/register.html", context, status=400 if error else 200
    )


# --- the case page ---------------------------------------------------------------------


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


# --- actions: one POST view per verb --------------------------------------------------------------


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _withheld(post) -> list[dict[str, str]]:
    parts = post.getlist("withheld_part")
    reasons = post.getlist("withheld_reason")
    return [{"part": p, "reason": r} for p, r in zip(parts, reasons, strict=False)]


def _released(request: HttpRequest, case: InfoRequest):
    file_id = _int(request.POST.get("file"))
    if file_id is None:
        raise GongkaiError("请选择文件。")
    return selectors.access_released_file_by_id(user=request.user, request=case, file_id=file_id)


def _appeal(request: HttpRequest, case: InfoRequest):
    appeal_id = _int(request.POST.get("appeal"))
    if appeal_id is None:
        raise GongkaiError("请选择记录。")
    return selectors.access_appeal_by_id(user=request.user, request=case, appeal_id=appeal_id)


def _upload(request: HttpRequest) -> tuple[str, bytes]:
    f = request.FILES.get("file")
    if f is None:
        raise GongkaiError("请选择要上传的文件。", field="file")
    if f.size > services.MAX_ATTACHMENT_BYTES:
        raise GongkaiError("文件超过 10 MB，请压缩后再上传。", field="file")
    return f.name, f.read()


def _release(request: HttpRequest, case: InfoRequest) -> str:
    name, content = _upload(request)
    released = services.info_request_release_file(
        request=case, actor=request.user, name=name, content=content
    )
    if released.findings:
        return (
            f"已上传“{released.name}”；发现 {len(released.findings)} 处疑似个人信息或密级标志，"
            "须删除后重新上传或经保密审查员审查通过，才能答复。"
        )
    return f"已上传“{released.name}”，未发现个人信息或密级标志。"


def _transfer_unit(request: HttpRequest, case: InfoRequest):
    unit_id = _int(request.POST.get("unit"))
    return Unit.objects.filter(pk=unit_id, region_id=case.region_id).first() if unit_id else None


ActionFn = Callable[[HttpRequest, InfoRequest], str]
P = lambda r, name: r.POST.get(name, "")  # noqa: E731

ACTIONS: dict[str, tuple[str, ActionFn]] = {
    "accept": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_accept(request=c, actor=r.user, note=P(r, "note"))
            and "已审核，转入办理。"
        ),
    ),
    "request_correction": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_request_correction(
                request=c,
                actor=r.user,
                date=P(r, "date"),
                items=P(r, "items"),
                period_workdays=_int(P(r, "period_workdays")) if P(r, "period_workdays") else None,
            )
            and "已记录补正通知，答复期限暂停，待申请人补正。"
        ),
    ),
    "receive_correction": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_receive_correction(
                request=c, actor=r.user, date=P(r, "date"), description=P(r, "description")
            )
            and "已记录收到补正，答复期限自收到补正之日重新计算。"
        ),
    ),
    "start_consultation": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_start_consultation(
                request=c, actor=r.user, date=P(r, "date"), kind=P(r, "kind"), party=P(r, "party")
            )
            and "已记录征求意见，征求意见期间不计入答复期限。"
        ),
    ),
    "end_consultation": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_end_consultation(
                request=c, actor=r.user, date=P(r, "date"), opinion=P(r, "opinion")
            )
            and "已记录征求意见结束。"
        ),
    ),
    "extend": (
        "inforequest.extend",
        lambda r, c: (
            services.info_request_extend(
                request=c,
                actor=r.user,
                date=P(r, "date"),
                workdays=_int(P(r, "workdays"))
                if _int(P(r, "workdays")) is not None
                else P(r, "workdays"),
                reason=P(r, "reason"),
            )
            and "已延长答复期限。"
        ),
    ),
    "send_fee_notice": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_send_fee_notice(
                request=c,
                actor=r.user,
                method=P(r, "method"),
                sent_on=P(r, "sent_on"),
                pages=_int(P(r, "pages")),
                received_on=P(r, "received_on") or None,
            )
            and "已发出收费通知，缴费前答复期限暂停。"
        ),
    ),
    "record_payment": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_record_payment(request=c, actor=r.user, date=P(r, "date"))
            and "已记录缴费。"
        ),
    ),
    "release_file": ("inforequest.handle", lambda r, c: _release(r, c)),
    "clear_file": (
        "inforequest.clear_finding",
        lambda r, c: (
            services.info_request_clear_file(
                released=_released(r, c), actor=r.user, note=P(r, "note")
            )
            and "已审查通过该文件。"
        ),
    ),
    "remove_file": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_remove_file(released=_released(r, c), actor=r.user)
            or "已删除该文件。"
        ),
    ),
    "reply": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_reply(
                request=c,
                actor=r.user,
                outcome=P(r, "outcome"),
                reply_type=P(r, "reply_type"),
                date=P(r, "date"),
                facts=P(r, "facts"),
                withheld=_withheld(r.POST),
                other_agency=P(r, "other_agency"),
            )
            and "已作出答复。请生成告知书并记录送达。"
        ),
    ),
    "close_abandoned": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_close_abandoned(
                request=c, actor=r.user, date=P(r, "date") or None
            )
            and "已终止办理（视为放弃申请）。"
        ),
    ),
    "withdraw": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_withdraw(
                request=c, actor=r.user, date=P(r, "date"), note=P(r, "note")
            )
            and "已记录申请人撤回。"
        ),
    ),
    "transfer": (
        "inforequest.transfer",
        lambda r, c: (
            services.info_request_transfer(
                request=c, actor=r.user, unit=_transfer_unit(r, c), reason=P(r, "reason")
            )
            and "已转办，答复期限不变。"
        ),
    ),
    "deliver": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_deliver(
                request=c,
                actor=r.user,
                method=P(r, "method"),
                date=P(r, "date"),
                tracking_no=P(r, "tracking_no"),
                note=P(r, "note"),
            )
            and "已记录送达。"
        ),
    ),
    "archive": (
        "inforequest.handle",
        lambda r, c: (
            services.info_request_archive(
                request=c,
                actor=r.user,
                public=P(r, "public") == "1",
                consent=P(r, "consent") == "1",
            )
            and "已归档。"
        ),
    ),
    "letter": (
        "inforequest.handle",
        lambda r, c: (
            lambda letter: (
                f"已生成《{letter.title}》。"
                + (f"（{letter.pdf_error}）" if letter.pdf_error else "")
            )
        )(services.letter_generate(request=c, actor=r.user, key=P(r, "key") or None)),
    ),
    "appeal": (
        "inforequest.handle",
        lambda r, c: (
            services.appeal_record(
                request=c,
                actor=r.user,
                kind=P(r, "kind"),
                body=P(r, "body"),
                filed_on=P(r, "filed_on"),
                result=P(r, "result") or AppealResult.PENDING,
                decided_on=P(r, "decided_on") or None,
                note=P(r, "note"),
            )
            and "已登记。"
        ),
    ),
    "appeal_update": (
        "inforequest.handle",
        lambda r, c: (
            services.appeal_update(
                appeal=_appeal(r, c),
                actor=r.user,
                result=P(r, "result"),
                decided_on=P(r, "decided_on") or None,
                note=P(r, "note"),
            )
            and "已更新结果。"
        ),
    ),
}


def _make_action(name: str, rule: str, fn: ActionFn):
    @staff_rule(rule, get_object=_case)
    @require_POST
    def action(request: HttpRequest, pk: int) -> HttpResponse:
        case = request.gongkai_object
        try:
            text = fn(request, case)
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, text)
        return redirect("workspace:inforequests:case", pk=case.pk)

    action.__name__ = f"case_{name}"
    return action


ACTION_VIEWS = {name: _make_action(name, rule, fn) for name, (rule, fn) in ACTIONS.items()}


# --- files ------------------------------------------------------------------------------------


def _send(field, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("文件不存在。") from None
    return FileResponse(handle, as_attachment=True, filename=name)


@staff_rule("inforequest.view_personal", get_object=_case)
def attachment_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    attachment = request.gongkai_object.attachments.filter(pk=file_pk).first()
    if attachment is None:
        raise Http404("没有找到该附件。")
    return _send(attachment.file, attachment.name)


@staff_rule("inforequest.view", get_object=_case)
def released_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    released = selectors.access_released_file_by_id(
        user=request.user, request=request.gongkai_object, file_id=file_pk
    )
    return _send(released.file, released.name)


@staff_rule("inforequest.view", get_object=_case)
def letter_download(request: HttpRequest, pk: int, letter_pk: int, fmt: str) -> HttpResponse:
    letter = request.gongkai_object.letters.filter(pk=letter_pk).first()
    if letter is None or fmt not in ("docx", "pdf"):
        raise Http404("没有找到该告知书。")
    field = letter.docx if fmt == "docx" else letter.pdf
    if not field:
        raise Http404(letter.pdf_error or "没有该格式的文件。")
    return _send(field, f"{letter.request.tracking_code}-{letter.title}.{fmt}")


# --- letter templates (the office) ------------------------------------------------------------


def _region_of_office(request: HttpRequest, *args, **kwargs):
    region = _region(request)
    if region is None:
        raise Http404("没有行政区域。")
    return region


@staff_rule("inforequest.templates", get_object=_region_of_office)
def template_list(request: HttpRequest) -> HttpResponse:
    region = request.gongkai_object
    services.letter_templates_seed(region=region)
    templates = LetterTemplate.objects.filter(region=region).order_by("id")
    return render(request, "inforequests/staff/templates.html", {"templates": templates})


def _template(request: HttpRequest, pk: int):
    template = LetterTemplate.objects.select_related("region").filter(pk=pk).first()
    if template is None or not can(request.user, "inforequest.templates", template.region):
        raise Http404("没有找到该模板。")
    return template


@staff_rule("inforequest.templates", get_object=_template)
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = request.gongkai_object
    values = {"title": template.title, "body": template.body}
    status = 200
    if request.method == "POST":
        values = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        try:
            services.letter_template_update(
                template=template, actor=request.user, title=values["title"], body=values["body"]
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, "模板已保存。")
            return redirect("workspace:inforequests:templates")
    context = {"template": template, "values": values, "placeholders": PLACEHOLDERS.items()}
    return render(request, "inforequests/staff/template_edit.html", context, status=status)


# --- statistics ------------------------------------------------------------------------------


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
        from .models import ReleasedFile

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

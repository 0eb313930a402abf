"""The decision and after: reply (条例第三十六条、第三十七条), closing an abandoned request,
withdrawal, transfer to another unit, delivery and archiving (第四十五条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.core.workdays import CalendarYearMissing, get_calendar
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can

from ..clock import ClockStatus
from ..models import Appeal, Delivery, InfoRequest, Reply
from ..outcomes import CLOSING_OUTCOMES, OUTCOME, ReplyType
from ._common import S, _choice, _clean, _date, _lock, _require, _today
from .clocking import _record_event, _tolerant, clock_result, events_of
from .duties import _sync_duty
from .workflow import _check, _move


def _decide(
    request: InfoRequest,
    verb: str,
    *,
    actor: Any,
    outcome: str,
    reply_type: str,
    day: dt.date,
    event: dict,
    facts: str = "",
    withheld: list | None = None,
    other_agency: str = "",
) -> Reply:
    result = _record_event(request, event, actor=actor)
    Reply.objects.create(
        request=request,
        outcome=outcome,
        reply_type=reply_type,
        replied_on=day,
        facts=facts,
        withheld=withheld or [],
        other_agency=other_agency,
        decided_by=actor,
    )
    request.outcome = outcome
    request.decided_on = day
    request.on_time = result.on_time if result is not None else None
    try:
        request.workdays_taken = get_calendar().between(request.received_on, day)
    except CalendarYearMissing:  # pragma: no cover - the clock already checked the year
        request.workdays_taken = None
    _move(
        request,
        verb,
        actor=actor,
        result=result,
        extra_fields=["outcome", "decided_on", "on_time", "workdays_taken"],
        details={
            "办理结果": OUTCOME[outcome].full_label,
            "按期": result.on_time if result is not None else None,
        },
    )
    return request.reply


@transaction.atomic
def info_request_reply(
    *,
    request: InfoRequest,
    actor: Any,
    outcome: str,
    reply_type: str,
    date: dt.date | str,
    facts: str = "",
    withheld: list[dict[str, str]] | None = None,
    other_agency: str = "",
) -> Reply:
    """答复 (条例第三十六条、第三十七条) with one outcome of the annual report's table."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "reply")
    if outcome not in OUTCOME:
        raise GongkaiError("请选择办理结果。", field="outcome")
    if outcome in CLOSING_OUTCOMES:
        raise GongkaiError(
            "逾期不补正、逾期不缴费的，请使用“终止办理（视为放弃）”，由系统核对期限。",
            field="outcome",
        )
    info = OUTCOME[outcome]
    if reply_type not in ReplyType.values:
        raise GongkaiError("请选择答复类型（条例第三十六条）。", field="reply_type")
    if reply_type not in info.reply_types:
        allowed = "；".join(ReplyType(t).label for t in info.reply_types)
        raise GongkaiError(
            f"办理结果“{info.full_label}”应使用以下答复类型之一：{allowed}。", field="reply_type"
        )
    day = _date(
        date, label="答复日期", field="date", today=_today(), not_before=request.received_on
    )
    facts = _clean(
        facts,
        label="答复内容（事实与理由）",
        field="facts",
        max_length=5000,
        required=outcome != "disclosed",
    )
    other_agency = _clean(
        other_agency, label="负责公开的机关", field="other_agency", max_length=200, required=False
    )
    if reply_type == ReplyType.NOT_OURS and not other_agency:
        raise GongkaiError(
            "告知不属于本机关负责公开的，能够确定负责机关的请填写其名称和联系方式（条例第三十六条第五项）；"
            "不能确定的请填写“无法确定”。",
            field="other_agency",
        )
    rows = []
    for row in withheld or []:
        part = (row.get("part") or "").strip()
        reason = (row.get("reason") or "").strip()
        if part or reason:
            if not part or not reason:
                raise GongkaiError("不予公开的部分和理由须成对填写。", field="withheld")
            rows.append({"part": part[:300], "reason": reason[:300]})
    if outcome == "partial" and not rows:
        raise GongkaiError(
            "部分公开须写明不予公开的部分及理由（条例第三十七条）。", field="withheld"
        )
    if outcome != "partial" and rows:
        raise GongkaiError("只有部分公开才填写不予公开的部分。", field="withheld")
    if outcome == "unavailable_unclear" and not any(
        e["event"] == "correction_received" for e in events_of(request)
    ):
        raise GongkaiError(
            "“补正后申请内容仍不明确”只适用于已经补正的申请；未补正的请先告知补正（条例第三十条）。",
            field="outcome",
        )
    blocked = [f.name for f in request.released.all() if f.blocked]
    if blocked:
        raise GongkaiError(
            f"答复文件“{'、'.join(blocked)}”中有疑似个人信息或密级标志尚未审查通过，"
            "请删除后重新上传，或由保密审查员审查通过后再答复。",
            field="files",
        )
    return _decide(
        request,
        "reply",
        actor=actor,
        outcome=outcome,
        reply_type=reply_type,
        day=day,
        event={"event": "replied", "date": day.isoformat(), "outcome": info.full_label},
        facts=facts,
        withheld=rows,
        other_agency=other_agency,
    )


@transaction.atomic
def info_request_close_abandoned(
    *, request: InfoRequest, actor: Any, date: dt.date | str | None = None
) -> Reply:
    """条例第三十条 / 国办函〔2020〕109号: not corrected / not paid in time — deemed abandoned."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "close_abandoned")
    today = _today()
    day = _date(
        date or today, label="终止日期", field="date", today=today, not_before=request.received_on
    )
    result = clock_result(request, today=day)
    if result.status != ClockStatus.ABANDONED:
        deadline = result.deadlines.correction_due or result.deadlines.fee_payment_due
        raise GongkaiError(
            f"期限尚未届满（至 {deadline}），不能视为放弃申请；请在期限届满后再终止办理。",
            field="date",
        )
    outcome = "other_no_correction" if request.status == S.CORRECTION else "other_no_fee"
    return _decide(
        request,
        "close_abandoned",
        actor=actor,
        outcome=outcome,
        reply_type=ReplyType.OTHER,
        day=day,
        event={"event": "closed", "date": day.isoformat(), "reason": OUTCOME[outcome].label},
        facts=OUTCOME[outcome].label,
    )


@transaction.atomic
def info_request_withdraw(
    *, request: InfoRequest, actor: Any, date: dt.date | str, note: str = ""
) -> Reply:
    """The applicant withdrew: counted as 其他处理 — 其他 in the annual report."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "withdraw")
    day = _date(
        date, label="撤回日期", field="date", today=_today(), not_before=request.received_on
    )
    note = _clean(note, label="撤回情况", field="note", max_length=300, required=False)
    return _decide(
        request,
        "withdraw",
        actor=actor,
        outcome="other",
        reply_type=ReplyType.OTHER,
        day=day,
        event={"event": "withdrawn", "date": day.isoformat()},
        facts="申请人撤回申请。" + (f"{note}" if note else ""),
    )


@transaction.atomic
def info_request_transfer(
    *, request: InfoRequest, actor: Any, unit: Unit | None, reason: str
) -> InfoRequest:
    """转办 by the office to the unit that holds the information; the clock continues."""
    request = _lock(request)
    if actor is None or not can(actor, "inforequest.transfer", request):
        raise PermissionDenied("只有公开办可以在单位之间转办申请。")
    _check(request, "transfer")
    if unit is None or unit.region_id != request.region_id or not unit.is_active:
        raise GongkaiError("请选择本地区的在用单位。", field="unit")
    if unit.pk == request.unit_id:
        raise GongkaiError("申请已在该单位办理，请选择另一个单位。", field="unit")
    reason = _clean(reason, label="转办理由", field="reason", max_length=300)
    old_unit = request.unit
    request.unit = unit
    request.save(update_fields=["unit"])
    Appeal.objects.filter(request=request).update(unit=unit)
    result = _tolerant(request, today=_today())
    _sync_duty(request, result, actor=actor, cancel=True)
    audit_record(
        actor=actor,
        verb="inforequest.transfer",
        obj=request,
        before={"unit": old_unit.name},
        after={"unit": unit.name, "due_on": request.due_on},
        details={"理由": reason, "说明": "转办不影响答复期限"},
        unit=unit,
    )
    return request


@transaction.atomic
def info_request_deliver(
    *,
    request: InfoRequest,
    actor: Any,
    method: str,
    date: dt.date | str,
    tracking_no: str = "",
    note: str = "",
) -> Delivery:
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "deliver")
    method = _choice(method, Delivery.Method.choices, label="送达方式", field="method")
    day = _date(date, label="送达日期", field="date", today=_today(), not_before=request.decided_on)
    tracking_no = _clean(
        tracking_no,
        label="邮件单号",
        field="tracking_no",
        max_length=60,
        required=method == Delivery.Method.POST,
    )
    note = _clean(note, label="备注", field="note", max_length=200, required=False)
    delivery = Delivery.objects.create(
        request=request,
        method=method,
        delivered_on=day,
        tracking_no=tracking_no,
        note=note,
        recorded_by=actor,
    )
    _move(
        request,
        "deliver",
        actor=actor,
        details={"方式": delivery.get_method_display(), "日期": day, "单号": tracking_no},
    )
    return delivery


@transaction.atomic
def info_request_archive(
    *, request: InfoRequest, actor: Any, public: bool = False, consent: bool = False
) -> InfoRequest:
    """归档 (条例第四十五条). The public archive: opt-in per case, with the applicant's consent."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "archive")
    if request.status == S.REPLIED and request.outcome not in (*CLOSING_OUTCOMES, "other"):
        raise GongkaiError("答复尚未送达：请先记录送达，再归档。")
    if public and not consent:
        raise GongkaiError(
            "在公开档案中展示须经申请人同意；请确认已取得同意，或不勾选公开展示。", field="consent"
        )
    request.public_archive = bool(public)
    request.applicant_consent = bool(consent)
    request.archived_on = _today()
    return _move(
        request,
        "archive",
        actor=actor,
        extra_fields=["public_archive", "applicant_consent", "archived_on"],
        details={"公开展示": bool(public)},
    )

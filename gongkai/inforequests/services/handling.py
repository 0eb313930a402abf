"""Review and handling: accepting, correction (条例第三十条), consultation (第三十二条、第三十四条),
extension (第三十三条), and the processing fee (国办函〔2020〕109号)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.orgs.policy import can

from ..clock import ConsultationKind
from ..fees import FeeMethod, fee_compute
from ..models import FeeNotice, InfoRequest
from ._common import _choice, _clean, _date, _lock, _require, _today
from .clocking import _record_event
from .workflow import _check, _move


@transaction.atomic
def info_request_accept(*, request: InfoRequest, actor: Any, note: str = "") -> InfoRequest:
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "accept")
    note = _clean(note, label="审核意见", field="note", max_length=300, required=False)
    return _move(request, "accept", actor=actor, details={"审核意见": note} if note else None)


@transaction.atomic
def info_request_request_correction(
    *,
    request: InfoRequest,
    actor: Any,
    date: dt.date | str,
    items: str,
    period_workdays: int | None = None,
) -> InfoRequest:
    """条例第三十条: once, within 7 working days of receipt; the clock refuses otherwise."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "request_correction")
    day = _date(
        date, label="补正通知日期", field="date", today=_today(), not_before=request.received_on
    )
    items = _clean(items, label="需要补正的事项", field="items", max_length=1000)
    event: dict[str, Any] = {"event": "correction_requested", "date": day.isoformat()}
    if period_workdays is not None:
        if not isinstance(period_workdays, int) or not 1 <= period_workdays <= 60:
            raise GongkaiError("补正期限应为 1 至 60 个工作日。", field="period_workdays")
        event["correction_period_workdays"] = period_workdays
    event["note"] = items
    result = _record_event(request, event, actor=actor)
    return _move(
        request,
        "request_correction",
        actor=actor,
        result=result,
        details={"补正事项": items, "补正期限": result.deadlines.correction_due},
    )


@transaction.atomic
def info_request_receive_correction(
    *,
    request: InfoRequest,
    actor: Any,
    date: dt.date | str | None = None,
    description: str = "",
    ip: str | None = None,
) -> InfoRequest:
    """The corrected request: the reply clock starts again from its receipt (条例第三十条).

    ``actor`` None: the applicant corrected online through the status page (received that day)."""
    request = _lock(request)
    if actor is not None:
        _require(actor, "inforequest.handle", request)
    _check(request, "receive_correction")
    today = _today()
    day = (
        today
        if actor is None
        else _date(date or today, label="收到补正日期", field="date", today=today)
    )
    text = _clean(
        description,
        label="补正后的申请内容",
        field="description",
        max_length=5000,
        required=actor is None,
    )
    before = {}
    fields = []
    if text:
        before = {"description": request.description}
        request.description = text
        fields = ["description"]
    result = _record_event(
        request, {"event": "correction_received", "date": day.isoformat()}, actor=actor
    )
    return _move(
        request,
        "receive_correction",
        actor=actor,
        result=result,
        ip=ip,
        extra_fields=fields,
        before=before,
        details={"补正内容": text} if text else None,
    )


@transaction.atomic
def info_request_start_consultation(
    *, request: InfoRequest, actor: Any, date: dt.date | str, kind: str, party: str
) -> InfoRequest:
    """条例第三十二条 (third party) / 第三十四条 (co-producing agency): the clock pauses."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "start_consultation")
    day = _date(
        date, label="征求意见日期", field="date", today=_today(), not_before=request.received_on
    )
    kind = _choice(
        kind, [(k.value, k.label) for k in ConsultationKind], label="征求意见对象类型", field="kind"
    )
    party = _clean(party, label="征求意见对象", field="party", max_length=100)
    result = _record_event(
        request,
        {"event": "consultation_started", "date": day.isoformat(), "kind": kind, "party": party},
        actor=actor,
    )
    return _move(request, "start_consultation", actor=actor, result=result, details={"对象": party})


@transaction.atomic
def info_request_end_consultation(
    *, request: InfoRequest, actor: Any, date: dt.date | str, opinion: str = ""
) -> InfoRequest:
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "end_consultation")
    day = _date(
        date, label="收到意见日期", field="date", today=_today(), not_before=request.received_on
    )
    opinion = _clean(opinion, label="意见摘要", field="opinion", max_length=500, required=False)
    event = {"event": "consultation_ended", "date": day.isoformat()}
    if opinion:
        event["note"] = opinion
    result = _record_event(request, event, actor=actor)
    return _move(
        request,
        "end_consultation",
        actor=actor,
        result=result,
        details={"意见": opinion} if opinion else None,
    )


@transaction.atomic
def info_request_extend(
    *, request: InfoRequest, actor: Any, date: dt.date | str, workdays: int, reason: str
) -> InfoRequest:
    """条例第三十三条: once, at most 20 working days, approved by the head of the disclosure office
    (the unit head, or the county office) — the person recording it is the approver."""
    request = _lock(request)
    if actor is None or not can(actor, "inforequest.extend", request):
        raise PermissionDenied(
            "延长答复期限须经政府信息公开工作机构负责人（单位负责人或公开办）同意。"
        )
    _check(request, "extend")
    day = _date(
        date, label="延期告知日期", field="date", today=_today(), not_before=request.received_on
    )
    if isinstance(workdays, bool) or not isinstance(workdays, int):
        raise GongkaiError("延长的工作日数应为整数。", field="workdays")
    reason = _clean(reason, label="延期理由", field="reason", max_length=300)
    approver = (
        f"{actor}（{'公开办' if can(actor, 'inforequest.transfer', request) else '单位负责人'}）"
    )
    result = _record_event(
        request,
        {
            "event": "extended",
            "date": day.isoformat(),
            "workdays": workdays,
            "approver": approver,
            "note": reason,
        },
        actor=actor,
    )
    return _move(
        request,
        "extend",
        actor=actor,
        result=result,
        details={"延长": workdays, "理由": reason, "批准人": approver},
    )


def nth_request_this_month(request: InfoRequest) -> int:
    """国办函〔2020〕109号 按件: the applicant's requests this calendar month, this one included."""
    month_start = request.received_on.replace(day=1)
    same = InfoRequest.objects.filter(
        region_id=request.region_id, received_on__gte=month_start
    ).filter(received_on__lte=request.received_on)
    mine = same.filter(id_key=request.id_key) | same.filter(phone_key=request.phone_key)
    earlier = mine.exclude(received_on=request.received_on, pk__gt=request.pk)
    return earlier.distinct().count()


@transaction.atomic
def info_request_send_fee_notice(
    *,
    request: InfoRequest,
    actor: Any,
    method: str,
    sent_on: dt.date | str,
    pages: int | None = None,
    received_on: dt.date | str | None = None,
) -> FeeNotice:
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "send_fee_notice")
    today = _today()
    sent = _date(
        sent_on, label="发出日期", field="sent_on", today=today, not_before=request.received_on
    )
    got = (
        _date(
            received_on, label="申请人收到日期", field="received_on", today=today, not_before=sent
        )
        if received_on
        else sent
    )
    try:
        method = FeeMethod(method)
    except ValueError:
        raise GongkaiError("请选择收费方式：按件计收或按量计收。", field="method") from None
    if method is FeeMethod.BY_COUNT:
        quantity = nth_request_this_month(request)
    else:
        if isinstance(pages, bool) or not isinstance(pages, int) or pages < 1:
            raise GongkaiError("按量计收请填写本申请提供信息的页数（正整数）。", field="pages")
        quantity = pages
    fee = fee_compute(method=method, quantity=quantity)
    if fee.free:
        raise GongkaiError(
            f"按{method.label}计算不收费（{fee.lines[-1].text}），无需发出收费通知。",
            field="method",
        )
    event = {"event": "fee_notice_sent", "date": sent.isoformat(), "amount": str(fee.amount)}
    if got != sent:
        event["received_on"] = got.isoformat()
    result = _record_event(request, event, actor=actor)
    notice = FeeNotice.objects.create(
        request=request,
        method=method.value,
        quantity=quantity,
        explanation=fee.text_lines,
        amount=fee.amount,
        sent_on=sent,
        received_on=got,
        sent_by=actor,
    )
    _move(
        request,
        "send_fee_notice",
        actor=actor,
        result=result,
        details={"金额": fee.amount, "说明": fee.text_lines},
    )
    return notice


@transaction.atomic
def info_request_record_payment(
    *, request: InfoRequest, actor: Any, date: dt.date | str
) -> InfoRequest:
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    _check(request, "record_payment")
    notice = request.fee
    day = _date(date, label="缴费日期", field="date", today=_today(), not_before=notice.sent_on)
    result = _record_event(request, {"event": "fee_paid", "date": day.isoformat()}, actor=actor)
    notice.paid_on = day
    notice.save(update_fields=["paid_on"])
    return _move(
        request, "record_payment", actor=actor, result=result, details={"金额": notice.amount}
    )

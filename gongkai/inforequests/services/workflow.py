"""The transition table (条例第四十五条: 登记、审核、办理、答复、归档). No code sets
``InfoRequest.status`` outside ``_move``."""

from __future__ import annotations

from typing import Any

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError

from ..clock import ClockResult
from ..models import InfoRequest
from ._common import S, _today
from .clocking import _tolerant
from .duties import _sync_duty

# verb -> (states it may start from, state it leads to; None = unchanged)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "accept": ((S.REVIEW,), S.HANDLING),
    "request_correction": ((S.REVIEW, S.HANDLING), S.CORRECTION),
    "receive_correction": ((S.CORRECTION,), S.REVIEW),
    "start_consultation": ((S.HANDLING,), S.CONSULTING),
    "end_consultation": ((S.CONSULTING,), S.HANDLING),
    "extend": ((S.HANDLING, S.CONSULTING), None),
    "send_fee_notice": ((S.HANDLING,), S.AWAITING_FEE),
    "record_payment": ((S.AWAITING_FEE,), S.HANDLING),
    "reply": ((S.REVIEW, S.HANDLING), S.REPLIED),
    "close_abandoned": ((S.CORRECTION, S.AWAITING_FEE), S.REPLIED),
    "withdraw": (tuple(InfoRequest.OPEN_STATUSES), S.REPLIED),
    "transfer": (tuple(InfoRequest.OPEN_STATUSES), None),
    "deliver": ((S.REPLIED, S.DELIVERED), S.DELIVERED),
    "archive": ((S.REPLIED, S.DELIVERED), S.ARCHIVED),
}


VERB_NAMES = {
    "accept": "审核通过",
    "request_correction": "告知补正",
    "receive_correction": "记录收到补正",
    "start_consultation": "征求意见",
    "end_consultation": "结束征求意见",
    "extend": "延长答复期限",
    "send_fee_notice": "发出收费通知",
    "record_payment": "记录缴费",
    "reply": "作出答复",
    "close_abandoned": "终止办理（视为放弃）",
    "withdraw": "记录撤回",
    "transfer": "转办",
    "deliver": "记录送达",
    "archive": "归档",
}


def _check(request: InfoRequest, verb: str) -> None:
    allowed, _ = TRANSITIONS[verb]
    if request.status not in allowed:
        raise GongkaiError(
            f"该申请当前为“{request.get_status_display()}”，不能{VERB_NAMES[verb]}。",
            code="bad_state",
        )


def _move(
    request: InfoRequest,
    verb: str,
    *,
    actor: Any,
    result: ClockResult | None = None,
    details: dict | None = None,
    ip: str | None = None,
    extra_fields: list[str] | None = None,
    before: dict | None = None,
) -> InfoRequest:
    _, target = TRANSITIONS[verb]
    old = request.status
    if target is not None:
        request.status = target
    request.save(update_fields=["status", *(extra_fields or [])])
    if result is None:
        result = _tolerant(request, today=_today())
    _sync_duty(request, result, actor=actor)
    audit_record(
        actor=actor,
        verb=f"inforequest.{verb}",
        obj=request,
        before={"status": old, **(before or {})},
        after={"status": request.status, "due_on": request.due_on},
        details=details,
        ip=ip,
        actor_label=None if actor is not None else "申请人（网上）",
    )
    return request

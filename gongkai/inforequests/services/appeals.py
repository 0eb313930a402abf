"""行政复议、行政诉讼 about a replied request (counted in section 四 of the annual report)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError

from ..models import Appeal, InfoRequest
from ..outcomes import AppealKind, AppealResult
from ._common import _choice, _clean, _date, _lock, _require, _today


def _appeal_fields(kind, body, filed_on, result, decided_on, note, *, request: InfoRequest):
    today = _today()
    kind = _choice(
        kind, AppealKind.choices, label="类型（行政复议/直接起诉/复议后起诉）", field="kind"
    )
    body = _clean(body, label="复议机关或人民法院", field="body", max_length=100)
    filed = _date(
        filed_on,
        label="申请（起诉）日期",
        field="filed_on",
        today=today,
        not_before=request.received_on,
    )
    result = _choice(
        result or AppealResult.PENDING, AppealResult.choices, label="结果", field="result"
    )
    decided = None
    if result != AppealResult.PENDING:
        decided = _date(
            decided_on, label="决定（裁判）日期", field="decided_on", today=today, not_before=filed
        )
    elif decided_on:
        raise GongkaiError("尚未审结的不填写决定日期。", field="decided_on")
    note = _clean(note, label="备注", field="note", max_length=300, required=False)
    return kind, body, filed, result, decided, note


@transaction.atomic
def appeal_record(
    *,
    request: InfoRequest,
    actor: Any,
    kind: str,
    body: str,
    filed_on: dt.date | str,
    result: str = AppealResult.PENDING,
    decided_on: dt.date | str | None = None,
    note: str = "",
) -> Appeal:
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    if request.is_open:
        raise GongkaiError("申请尚未答复，不能登记行政复议或行政诉讼。")
    kind, body, filed, result, decided, note = _appeal_fields(
        kind, body, filed_on, result, decided_on, note, request=request
    )
    appeal = Appeal.objects.create(
        request=request,
        kind=kind,
        body=body,
        filed_on=filed,
        result=result,
        decided_on=decided,
        note=note,
        region=request.region,
        unit=request.unit,
    )
    audit_record(
        actor=actor,
        verb="inforequest.appeal",
        obj=request,
        after={
            "类型": appeal.get_kind_display(),
            "机关": body,
            "日期": filed,
            "结果": appeal.get_result_display(),
        },
    )
    return appeal


@transaction.atomic
def appeal_update(
    *,
    appeal: Appeal,
    actor: Any,
    result: str,
    decided_on: dt.date | str | None = None,
    note: str = "",
) -> Appeal:
    _require(actor, "inforequest.handle", appeal.request)
    _, _, _, result, decided, note = _appeal_fields(
        appeal.kind, appeal.body, appeal.filed_on, result, decided_on, note, request=appeal.request
    )
    before = {"result": appeal.result, "decided_on": appeal.decided_on}
    appeal.result, appeal.decided_on, appeal.note = result, decided, note or appeal.note
    appeal.save(update_fields=["result", "decided_on", "note"])
    audit_record(
        actor=actor,
        verb="inforequest.appeal_update",
        obj=appeal.request,
        before=before,
        after={"result": result, "decided_on": decided},
    )
    return appeal

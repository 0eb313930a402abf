"""Writes of information requests. Every change goes through one of these functions.

The workflow (条例第四十五条: 登记、审核、办理、答复、归档) is the table ``TRANSITIONS``: each verb,
the states it may start from and the state it leads to. No code sets ``InfoRequest.status``
outside ``_move``. Every clock event is appended through ``_record_event``, which asks the clock
(gongkai.inforequests.clock.compute) first — an impossible sequence is refused with the clock's
Chinese message and nothing is written — then refreshes the cached due date and the case's duty
in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import duty_cancel, duty_close, duty_open, duty_set_clock
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.core.text import pii
from gongkai.core.workdays import CalendarYearMissing, get_calendar
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.policy import can

from . import letters
from .clock import (
    Channel,
    ClockError,
    ClockResult,
    ClockStatus,
    ConsultationKind,
    Deadlines,
    ErrorCode,
    compute,
    event_from_dict,
)
from .codes import new_tracking_code
from .fees import FeeMethod, fee_compute
from .models import (
    Appeal,
    Attachment,
    ClockEntry,
    Delivery,
    DisclosureProposal,
    FeeNotice,
    Flag,
    InfoRequest,
    Letter,
    LetterTemplate,
    ReleasedFile,
    Reply,
)
from .outcomes import (
    CLOSING_OUTCOMES,
    OUTCOME,
    AppealKind,
    AppealResult,
    ApplicantKind,
    ReplyType,
)
from .similarity import bigrams, jaccard

S = InfoRequest.Status

register_verbs(
    {
        "inforequest.register": "登记申请",
        "inforequest.accept": "审核通过，转入办理",
        "inforequest.request_correction": "告知补正",
        "inforequest.receive_correction": "收到补正",
        "inforequest.start_consultation": "征求意见",
        "inforequest.end_consultation": "征求意见结束",
        "inforequest.extend": "延长答复期限",
        "inforequest.send_fee_notice": "发出收费通知",
        "inforequest.record_payment": "记录缴费",
        "inforequest.reply": "作出答复",
        "inforequest.close_abandoned": "视为放弃，终止办理",
        "inforequest.withdraw": "申请人撤回",
        "inforequest.transfer": "转办",
        "inforequest.deliver": "送达",
        "inforequest.archive": "归档",
        "inforequest.release_file": "上传答复文件",
        "inforequest.clear_file": "审查通过答复文件",
        "inforequest.remove_file": "删除答复文件",
        "inforequest.letter": "生成告知书",
        "inforequest.appeal": "登记行政复议/诉讼",
        "inforequest.appeal_update": "更新行政复议/诉讼结果",
        "inforequest.template_update": "修改文书模板",
        "inforequest.propose": "建议主动公开",
    }
)

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

# Office practice, not statutory: days to deliver a reply and to archive a delivered case.
DELIVER_WORKDAYS = 3
ARCHIVE_WORKDAYS = 10

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_SUFFIXES = {"pdf", "jpg", "jpeg", "png", "doc", "docx", "txt"}
RELEASED_SUFFIXES = {"pdf", "docx", "txt"}
_MAGIC = {
    "pdf": (b"%PDF",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG",),
    "docx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
}

REPEAT_THRESHOLD = 0.6  # character-bigram Jaccard at or above which a request is flagged


def mass_threshold() -> int:
    """More than this many requests by one applicant in a calendar month are flagged (item 8).
    Default 10: 国办函〔2020〕109号 starts charging at the 11th request of a month."""
    return int(getattr(settings, "GONGKAI_INFOREQUEST_MASS_PER_MONTH", 10))


# --- small helpers --------------------------------------------------------------------------------


def today() -> dt.date:
    """Today in the site's time zone; the one place the app asks (tests pin it)."""
    return timezone.localdate()


def _today() -> dt.date:
    return today()


def _who(actor: Any) -> str:
    return str(actor) if actor is not None else "申请人"


def _clean(value: Any, *, label: str, field: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if required and not text:
        raise GongkaiError(f"请填写{label}。", field=field)
    if len(text) > max_length:
        raise GongkaiError(
            f"{label}不能超过 {max_length} 个字（现在 {len(text)} 个字），请精简。", field=field
        )
    return text


def _choice(value: Any, choices, *, label: str, field: str) -> str:
    values = [c[0] for c in choices]
    if value not in values:
        raise GongkaiError(f"请选择{label}。", field=field)
    return value


def _date(value: Any, *, label: str, field: str, today: dt.date, not_before=None) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise GongkaiError(f"{label}应写成 YYYY-MM-DD，如 2026-09-28。", field=field) from None
    if not isinstance(value, dt.date):
        raise GongkaiError(f"请填写{label}。", field=field)
    if value > today:
        raise GongkaiError(f"{label} {value} 晚于今天，不能记录将来的日期。", field=field)
    if not_before is not None and value < not_before:
        raise GongkaiError(f"{label} {value} 早于 {not_before}，请核对。", field=field)
    return value


def phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")[-11:]


def id_key(number: str) -> str:
    return re.sub(r"[\s\-]", "", number or "").upper()


# --- the clock --------------------------------------------------------------------------------


def events_of(request: InfoRequest) -> list[dict]:
    return [entry.event for entry in request.clock.order_by("seq")]


def clock_result(
    request: InfoRequest, *, today: dt.date | None = None, extra: list[dict] | None = None
) -> ClockResult:
    """The clock's result for the case's events (plus ``extra``), at ``today``."""
    raw = events_of(request) + list(extra or [])
    events = [event_from_dict(item, index) for index, item in enumerate(raw)]
    try:
        calendar = get_calendar()
    except CalendarYearMissing as exc:  # pragma: no cover - the calendar loads lazily
        raise GongkaiError(str(exc)) from None
    return compute(events, calendar, today=today)


def _tolerant(request: InfoRequest, *, today: dt.date, extra: list[dict] | None = None):
    """The clock's result, or None when only the calendar is missing a year (e.g. a request
    received in December before next year's holidays are published): the event is still
    recorded — refusing to register a request would be worse — and the due date shows as
    unknown, with the calendar's message, until the year is entered."""
    try:
        return clock_result(request, today=today, extra=extra)
    except ClockError as exc:
        if exc.code != ErrorCode.CALENDAR_YEAR_MISSING:
            raise
        return None


def _record_event(request: InfoRequest, event: dict, *, actor: Any) -> ClockResult | None:
    """Append one clock event after the clock accepted it; refresh caches. Raises ClockError."""
    today = max(_today(), dt.date.fromisoformat(event["date"]))
    result = _tolerant(request, today=today, extra=[event])
    seq = request.clock.count()
    ClockEntry.objects.create(
        request=request,
        seq=seq,
        date=dt.date.fromisoformat(event["date"]),
        event=event,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _refresh_cache(request, result)
    return result


def _refresh_cache(request: InfoRequest, result: ClockResult | None) -> bool:
    """Store the clock's due date and status on the case; True when they changed."""
    if result is None:
        if request.due_on is None:
            return False
        request.due_on = None
        request.save(update_fields=["due_on"])
        return True
    due = result.due
    if due is None:
        d = result.deadlines
        due = d.correction_due or d.consultation_answer_due or d.fee_payment_due
        due = due or result.abandoned_on
    if (request.due_on, request.clock_status) == (due, result.status.value):
        return False
    request.due_on = due
    request.clock_status = result.status.value
    request.save(update_fields=["due_on", "clock_status"])
    return True


@transaction.atomic
def refresh_clock(*, request: InfoRequest, today: dt.date | None = None) -> ClockResult:
    """Recompute the cached clock fields as time passes (overdue, abandoned, consent by silence)."""
    request = _lock(request)
    result = _tolerant(request, today=today or _today())
    if _refresh_cache(request, result) and request.is_open:
        _sync_duty(request, result, actor=None)
    return result


# --- duties -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _DutySpec:
    kind: str
    title: str
    starts_on: dt.date | None = None
    workdays: int | None = None
    fixed_due: dt.date | None = None
    pauses: tuple[tuple[dt.date, dt.date], ...] = ()
    extension: int = 0


def _pauses(result: ClockResult) -> tuple[tuple[dt.date, dt.date], ...]:
    return tuple(
        (step.data["start"], step.data["end"])
        for step in result.steps
        if step.kind in ("pause", "consent_by_silence") and "start" in step.data
    )


def _duty_spec(request: InfoRequest, result: ClockResult | None) -> _DutySpec | None:
    code = request.tracking_code
    status = request.status
    if result is None and request.is_open:
        # The calendar lacks a year: a working-day duty from the last event; the duty shows the
        # calendar's message and is recomputed when the year is entered.
        last = request.clock.order_by("-seq").first()
        start = last.date if last else request.received_on
        return _DutySpec(
            f"inforequest.{status}", f"办理依申请公开申请 {code}", starts_on=start, workdays=20
        )
    if result is None:
        result = ClockResult(
            due=None,
            status=ClockStatus.CLOSED,
            steps=[],
            deadlines=Deadlines(),
            received_on=request.received_on,
            clock_start=None,
        )
    deadlines = result.deadlines
    if status in (S.REVIEW, S.HANDLING) and result.clock_start is not None:
        kind, title = (
            ("inforequest.review", f"审核依申请公开申请 {code}")
            if status == S.REVIEW
            else ("inforequest.handle", f"办理依申请公开申请 {code}")
        )
        return _DutySpec(
            kind,
            title,
            starts_on=result.clock_start,
            workdays=20,
            pauses=_pauses(result),
            extension=result.extension_workdays,
        )
    if status == S.CORRECTION:
        due = deadlines.correction_due or result.abandoned_on or _today()
        return _DutySpec(
            "inforequest.correction", f"等待补正 {code}（逾期未补正的终止办理）", fixed_due=due
        )
    if status == S.CONSULTING:
        due = deadlines.consultation_answer_due or result.due or _today()
        return _DutySpec(
            "inforequest.consultation", f"征求意见 {code}（收到意见后记录）", fixed_due=due
        )
    if status == S.AWAITING_FEE:
        due = deadlines.fee_payment_due or result.abandoned_on or _today()
        return _DutySpec(
            "inforequest.fee", f"等待缴费 {code}（逾期未缴费的终止办理）", fixed_due=due
        )
    if status == S.REPLIED and request.decided_on:
        return _DutySpec(
            "inforequest.deliver",
            f"送达答复 {code}",
            starts_on=request.decided_on,
            workdays=DELIVER_WORKDAYS,
        )
    if status == S.DELIVERED:
        last = request.deliveries.order_by("-delivered_on").first()
        start = last.delivered_on if last else request.decided_on or _today()
        return _DutySpec(
            "inforequest.archive", f"归档 {code}", starts_on=start, workdays=ARCHIVE_WORKDAYS
        )
    return None


def _sync_duty(
    request: InfoRequest, result: ClockResult | None, *, actor: Any, cancel: bool = False
) -> None:
    """One open duty per case, for the step it is in, due when the clock says."""
    spec = _duty_spec(request, result)
    current = list(
        Duty.objects.filter(
            subject_type=InfoRequest._meta.label_lower,
            subject_id=str(request.pk),
            status=Duty.Status.OPEN,
        ).order_by("pk")
    )
    keep = None
    for duty in current:
        same = (
            spec is not None
            and keep is None
            and duty.kind == spec.kind
            and duty.unit_id == request.unit_id
            and duty.starts_on == spec.starts_on
            and duty.fixed_due == spec.fixed_due
        )
        if same:
            keep = duty
        elif cancel or duty.unit_id != request.unit_id:
            duty_cancel(duty=duty, actor=actor)
        else:
            duty_close(duty=duty, actor=actor)
    if spec is None:
        return
    if keep is None:
        keep = duty_open(
            kind=spec.kind,
            title=spec.title,
            unit=request.unit,
            subject=request,
            url=reverse("workspace:inforequests:case", args=[request.pk]),
            starts_on=spec.starts_on,
            workdays=spec.workdays,
            fixed_due=spec.fixed_due,
            actor=actor,
        )
    if spec.workdays is not None:
        pauses = [[s.isoformat(), e.isoformat()] for s, e in sorted(spec.pauses)]
        if pauses != keep.pauses or spec.extension != keep.extension_workdays:
            duty_set_clock(
                duty=keep, pauses=list(spec.pauses), extension_workdays=spec.extension, actor=actor
            )


# --- moving the case -------------------------------------------------------------------------


def _lock(request: InfoRequest) -> InfoRequest:
    return (
        InfoRequest.objects.select_for_update().select_related("unit", "region").get(pk=request.pk)
    )


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


# --- intake (条例第二十九条、第三十一条) ---------------------------------------------------


def _check_file(name: str, content: bytes, *, suffixes: set[str], what: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in suffixes:
        allowed = "、".join(sorted(suffixes))
        raise GongkaiError(
            f"{what}“{name}”的类型不支持，请上传 {allowed} 格式的文件。", field="files"
        )
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise GongkaiError(
            f"{what}“{name}”超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB，请压缩后再上传。",
            field="files",
        )
    if not content:
        raise GongkaiError(f"{what}“{name}”是空文件。", field="files")
    magic = _MAGIC.get(suffix)
    if magic and not content.startswith(magic):
        raise GongkaiError(
            f"{what}“{name}”的内容与扩展名不符（不是真正的 .{suffix} 文件），请重新导出后上传。",
            field="files",
        )
    return suffix


def _validate_applicant(data: dict[str, Any]) -> dict[str, Any]:
    kind = _choice(
        data.get("applicant_kind"),
        ApplicantKind.choices,
        label="申请人类型",
        field="applicant_kind",
    )
    natural = kind == ApplicantKind.NATURAL
    name = _clean(
        data.get("name"),
        label="申请人姓名" if natural else "单位名称",
        field="name",
        max_length=100,
    )
    id_type = _choice(
        data.get("id_type"), InfoRequest.IdType.choices, label="证件类型", field="id_type"
    )
    id_number = _clean(data.get("id_number"), label="证件号码", field="id_number", max_length=40)
    key = id_key(id_number)
    if id_type == InfoRequest.IdType.RESIDENT_ID and not pii.is_valid_id_number(key):
        raise GongkaiError(
            "身份证号码不正确：应为 18 位，最后一位为数字或 X，请核对后重新填写。",
            field="id_number",
        )
    if id_type == InfoRequest.IdType.CREDIT_CODE and not re.fullmatch(r"[0-9A-Z]{18}", key):
        raise GongkaiError("统一社会信用代码应为 18 位数字或大写字母。", field="id_number")
    if natural and id_type == InfoRequest.IdType.CREDIT_CODE:
        raise GongkaiError(
            "自然人请选择身份证件，统一社会信用代码用于法人或其他组织。", field="id_type"
        )
    phone = _clean(data.get("phone"), label="联系电话", field="phone", max_length=30)
    digits = phone_key(phone)
    if not re.fullmatch(r"[0-9+\-\s（）()转]{7,30}", phone) or len(digits) < 7:
        raise GongkaiError("联系电话不正确，请填写手机号码或带区号的固定电话。", field="phone")
    email = _clean(
        data.get("email"), label="电子邮箱", field="email", max_length=254, required=False
    )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise GongkaiError("电子邮箱格式不正确，如 name@example.com。", field="email") from None
    address = _clean(
        data.get("address"), label="通信地址", field="address", max_length=200, required=False
    )
    postcode = _clean(
        data.get("postcode"), label="邮政编码", field="postcode", max_length=10, required=False
    )
    if postcode and not re.fullmatch(r"\d{6}", postcode):
        raise GongkaiError("邮政编码应为 6 位数字。", field="postcode")
    contact_person = _clean(
        data.get("contact_person"),
        label="联系人",
        field="contact_person",
        max_length=60,
        required=not natural,
    )
    description = _clean(
        data.get("description"), label="所需信息的描述", field="description", max_length=5000
    )
    if len(description) < 5:
        raise GongkaiError(
            "所需信息的描述太短：请写明信息的名称、文号或便于查询的其他特征（条例第二十九条）。",
            field="description",
        )
    form_wanted = _choice(
        data.get("form_wanted"),
        InfoRequest.FormWanted.choices,
        label="获取信息的形式",
        field="form_wanted",
    )
    way_wanted = _choice(
        data.get("way_wanted"),
        InfoRequest.WayWanted.choices,
        label="获取信息的方式",
        field="way_wanted",
    )
    if way_wanted == InfoRequest.WayWanted.POST and not address:
        raise GongkaiError("选择邮寄的，请填写通信地址。", field="address")
    if way_wanted == InfoRequest.WayWanted.EMAIL and not email:
        raise GongkaiError("选择电子邮件的，请填写电子邮箱。", field="email")
    return {
        "applicant_kind": kind,
        "name": name,
        "id_type": id_type,
        "id_number": id_number,
        "id_key": key,
        "phone": phone,
        "phone_key": digits,
        "email": email,
        "address": address,
        "postcode": postcode,
        "contact_person": contact_person,
        "description": description,
        "form_wanted": form_wanted,
        "way_wanted": way_wanted,
    }


@transaction.atomic
def info_request_register(
    *,
    region: Region,
    unit: Unit | None,
    applicant: dict[str, Any],
    channel: str,
    received_on: dt.date | str | None = None,
    submitted_on: dt.date | str | None = None,
    receipt_note: str = "",
    files: list[tuple[str, bytes]] | None = None,
    actor: Any = None,
    ip: str | None = None,
) -> InfoRequest:
    """登记: a request filed online (``actor`` None) or registered by staff (any channel).

    条例第三十一条: the receipt date depends on the channel; online the system confirms at once
    (the applicant gets the tracking code as the receipt), so it is the day of submission.
    """
    today = _today()
    if unit is None or unit.region_id != region.pk or not unit.is_active:
        raise GongkaiError("请选择受理申请的单位（掌握该信息的机关）。", field="unit")
    if actor is not None and not can(actor, "inforequest.register", unit):
        raise PermissionDenied("您不能为该单位登记申请。")
    fields = _validate_applicant(applicant)
    channel = _choice(
        channel, [(c.value, c.label) for c in Channel], label="申请渠道", field="channel"
    )
    if actor is None:
        channel = Channel.ONLINE
        received = submitted = today
        receipt_note = "网上提交，系统当即出具回执（查询码），双方确认"
    else:
        received = _date(
            received_on or today, label="收到申请日期", field="received_on", today=today
        )
        submitted = (
            _date(submitted_on, label="提交日期", field="submitted_on", today=today)
            if submitted_on
            else None
        )
        if submitted and submitted > received:
            raise GongkaiError(
                "提交日期晚于收到申请日期；收到日期按条例第三十一条确定，不会早于提交日期。",
                field="submitted_on",
            )
        receipt_note = _clean(
            receipt_note,
            label="收到日期的确认情况",
            field="receipt_note",
            max_length=200,
            required=channel == Channel.LETTER,
        )
    files = list(files or [])
    if len(files) > MAX_ATTACHMENTS:
        raise GongkaiError(f"附件最多 {MAX_ATTACHMENTS} 个。", field="files")
    for name, content in files:
        _check_file(name, content, suffixes=ATTACHMENT_SUFFIXES, what="附件")
    event = {"event": "received", "date": received.isoformat(), "channel": str(channel)}
    if submitted:
        event["submitted_on"] = submitted.isoformat()
    # Ask the clock before writing anything (an unknown year of the receipt date is refused;
    # a due date in a year not entered yet is tolerated, see _tolerant).
    try:
        compute([event_from_dict(event, 0)], get_calendar(), today=max(today, received))
    except ClockError as exc:
        if exc.code != ErrorCode.CALENDAR_YEAR_MISSING or not get_calendar().knows(received.year):
            raise
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = InfoRequest.objects.create(
                    region=region,
                    unit=unit,
                    tracking_code=new_tracking_code(received.year),
                    channel=channel,
                    submitted_on=submitted,
                    received_on=received,
                    receipt_note=receipt_note,
                    registered_by=actor,
                    **fields,
                )
            break
        except IntegrityError:  # pragma: no cover - 55 random bits: a collision is theoretical
            continue
    else:  # pragma: no cover
        raise GongkaiError("生成查询码失败，请重试。")
    for name, content in files:
        Attachment.objects.create(
            request=request,
            file=ContentFile(content, name=name),
            name=name[:200],
            size=len(content),
        )
    result = _record_event(request, event, actor=actor)
    _sync_duty(request, result, actor=actor)
    audit_record(
        actor=actor,
        verb="inforequest.register",
        obj=request,
        after={"status": request.status, "received_on": received, "due_on": request.due_on},
        details={"渠道": Channel(channel).label, "附件": len(files)},
        ip=ip,
        actor_label=None if actor is not None else "申请人（网上）",
    )
    _flag(request)
    return request


def _flag(request: InfoRequest) -> None:
    """Item 8: evidence of a repeat or of many requests this month, for the handler to weigh."""
    same = InfoRequest.objects.filter(region_id=request.region_id).exclude(pk=request.pk)
    same_applicant = same.filter(id_key=request.id_key) | same.filter(phone_key=request.phone_key)
    mine = bigrams(request.description)
    best = None
    for other in same_applicant.exclude(outcome="").only("pk", "description", "tracking_code"):
        score = jaccard(mine, bigrams(other.description))
        if score >= REPEAT_THRESHOLD and (best is None or score > best[0]):
            best = (score, other)
    if best is not None:
        score, other = best
        Flag.objects.create(
            request=request,
            kind=Flag.Kind.REPEAT,
            related=other,
            score=round(score, 3),
            message=(
                f"与同一申请人已答复的申请 {other.tracking_code} 的描述相似度为 {score:.0%}；"
                "如确属重复申请，可按条例第三十六条第六项告知不予重复处理。"
            ),
        )
    month_start = request.received_on.replace(day=1)
    count = (
        same_applicant.filter(received_on__gte=month_start, received_on__lte=request.received_on)
        .distinct()
        .count()
        + 1
    )
    limit = mass_threshold()
    if count > limit:
        Flag.objects.create(
            request=request,
            kind=Flag.Kind.MASS,
            score=count,
            message=(
                f"该申请人本月（{month_start:%Y年%m月}）已提出 {count} 件申请，超过 {limit} 件；"
                "可依条例第三十五条要求说明理由，或依国办函〔2020〕109号按件收费。"
            ),
        )


# --- review and handling ------------------------------------------------------------------------


def _require(actor: Any, rule: str, request: InfoRequest) -> None:
    if actor is not None and not can(actor, rule, request):
        raise PermissionDenied()


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


# --- released files (scanned like the library) -------------------------------------------------


@transaction.atomic
def info_request_release_file(
    *, request: InfoRequest, actor: Any, name: str, content: bytes
) -> ReleasedFile:
    """A file to provide with the reply; its text is scanned (core.text.pii) for personal data
    and secrecy marks, and the reply is refused until every finding is cleared."""
    from gongkai.core.files import extract

    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    if not request.is_open:
        raise GongkaiError("该申请已答复，不能再添加答复文件。")
    name = _clean(name, label="文件名", field="file", max_length=200)
    _check_file(name, content, suffixes=RELEASED_SUFFIXES, what="文件")
    doc = extract(content, name)
    findings = [
        {"kind": f.kind, "label": f.label, "text": f.text, "message": f.message, "start": f.start}
        for f in pii.scan(doc.text)
    ]
    released = ReleasedFile.objects.create(
        request=request,
        file=ContentFile(content, name=name),
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        pages=max(doc.pages or 1, 1),
        text=doc.text[:200_000],
        findings=findings,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="inforequest.release_file",
        obj=request,
        after={"file": name, "findings": len(findings)},
    )
    return released


@transaction.atomic
def info_request_clear_file(*, released: ReleasedFile, actor: Any, note: str) -> ReleasedFile:
    request = _lock(released.request)
    if actor is None or not can(actor, "inforequest.clear_finding", request):
        raise PermissionDenied("只有本单位的保密审查员或单位负责人可以审查通过答复文件。")
    if not released.findings:
        raise GongkaiError("该文件没有需要处理的检查发现。")
    if released.cleared_at is not None:
        raise GongkaiError("该文件已审查通过。")
    note = _clean(note, label="审查意见", field="note", max_length=300)
    released.cleared_by = actor
    released.cleared_at = timezone.now()
    released.cleared_note = note
    released.save(update_fields=["cleared_by", "cleared_at", "cleared_note"])
    audit_record(
        actor=actor,
        verb="inforequest.clear_file",
        obj=request,
        after={"file": released.name, "note": note},
    )
    return released


@transaction.atomic
def info_request_remove_file(*, released: ReleasedFile, actor: Any) -> None:
    request = _lock(released.request)
    _require(actor, "inforequest.handle", request)
    if not request.is_open:
        raise GongkaiError("该申请已答复，答复文件不能删除。")
    if released.proposals.exists():
        raise GongkaiError("该文件已被建议主动公开，不能删除。")
    name = released.name
    released.file.delete(save=False)
    released.delete()
    audit_record(actor=actor, verb="inforequest.remove_file", obj=request, before={"file": name})


# --- the decision ------------------------------------------------------------------------------


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


# --- letters -----------------------------------------------------------------------------------


def letter_templates_seed(*, region: Region) -> int:
    """Create the default templates the region does not have yet; returns how many."""
    created = 0
    for key, (title, body) in letters.DEFAULT_TEMPLATES.items():
        _, made = LetterTemplate.objects.get_or_create(
            region=region, key=key, defaults={"title": title, "body": body}
        )
        created += made
    return created


@transaction.atomic
def letter_template_update(
    *, template: LetterTemplate, actor: Any, title: str, body: str
) -> LetterTemplate:
    if actor is None or not can(actor, "inforequest.templates", template.region):
        raise PermissionDenied("只有公开办可以修改文书模板。")
    title = _clean(title, label="标题", field="title", max_length=100)
    body = (body or "").replace("\r\n", "\n")
    letters.check_template(body)
    if len(body) > 10000:
        raise GongkaiError("模板正文不能超过 10000 个字。", field="body")
    before = {"title": template.title, "body": template.body}
    template.title, template.body, template.updated_by = title, body, actor
    template.save(update_fields=["title", "body", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        verb="inforequest.template_update",
        obj=template,
        before=before,
        after={"title": title, "body": body},
        region=template.region,
    )
    return template


def letter_values(request: InfoRequest, *, key: str) -> dict[str, Any]:
    from .selectors import clock_view

    reply = getattr(request, "reply", None)
    values: dict[str, Any] = {
        "申请人": request.name,
        "查询码": request.tracking_code,
        "收到日期": letters.chinese_date(request.received_on),
        "申请内容": request.description,
        "单位": request.unit.name,
        "救济途径": letters.APPEAL_ROUTES,
        "公开办": request.region.office_name or f"{request.region.name}政府信息公开工作机构",
    }
    if reply is not None:
        info = reply.outcome_info
        values.update(
            {
                "答复日期": letters.chinese_date(reply.replied_on),
                "办理结果": info.label if info.number else info.short_group,
                "答复类型": reply.get_reply_type_display(),
                "事实与理由": reply.facts,
                "不予公开部分": "\n".join(
                    f"{i}. {row['part']}：{row['reason']}"
                    for i, row in enumerate(reply.withheld, 1)
                ),
                "负责机关": f"负责公开该信息的机关：{reply.other_agency}"
                if reply.other_agency
                else "",
            }
        )
    view = clock_view(request)
    result = view.result
    if result is not None:
        if result.deadlines.correction_due:
            values["补正期限"] = letters.chinese_date(result.deadlines.correction_due)
        if result.extension_workdays:
            values["延期天数"] = result.extension_workdays
        if result.due:
            values["答复期限"] = letters.chinese_date(result.due)
    for entry in request.clock.order_by("seq"):
        if entry.event["event"] == "correction_requested":
            values["补正事项"] = entry.event.get("note", "")
    fee = FeeNotice.objects.filter(request=request).first()
    if fee is not None:
        values["收费说明"] = "\n".join(fee.explanation)
        if result is not None and result.deadlines.fee_payment_due:
            values["缴费期限"] = letters.chinese_date(result.deadlines.fee_payment_due)
    return values


def letter_key_for(request: InfoRequest) -> str:
    reply = getattr(request, "reply", None)
    if reply is not None:
        return reply.outcome_info.letter
    if request.status == S.CORRECTION:
        return "correction"
    if request.status == S.AWAITING_FEE:
        return "fee"
    if any(e["event"] == "extended" for e in events_of(request)):
        return "extension"
    raise GongkaiError("该申请尚未答复，也没有需要告知的补正、延期或收费事项，暂不能生成告知书。")


@transaction.atomic
def letter_generate(*, request: InfoRequest, actor: Any, key: str | None = None) -> Letter:
    """Render the region's template for the case and store the .docx (and .pdf when possible)."""
    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    key = key or letter_key_for(request)
    if key not in LetterTemplate.Key.values:
        raise GongkaiError("请选择文书类型。", field="key")
    letter_templates_seed(region=request.region)
    template = LetterTemplate.objects.get(region=request.region, key=key)
    values = letter_values(request, key=key)
    body = letters.render(template.body, values)
    reply = getattr(request, "reply", None)
    day = reply.replied_on if reply is not None and reply.outcome_info.letter == key else _today()
    date_text = letters.chinese_date(day)
    docx_bytes = letters.to_docx(
        title=template.title, body=body, unit_name=request.unit.name, date_text=date_text
    )
    letter = Letter(request=request, key=key, title=template.title, body=body, created_by=actor)
    letter.docx.save(f"{request.tracking_code}-{key}.docx", ContentFile(docx_bytes), save=False)
    try:
        pdf_bytes = letters.to_pdf(
            title=template.title, body=body, unit_name=request.unit.name, date_text=date_text
        )
        letter.pdf.save(f"{request.tracking_code}-{key}.pdf", ContentFile(pdf_bytes), save=False)
    except GongkaiError as exc:
        letter.pdf_error = exc.message[:300]
    letter.save()
    audit_record(
        actor=actor,
        verb="inforequest.letter",
        obj=request,
        after={"letter": template.title, "pdf": bool(letter.pdf)},
    )
    return letter


# --- 行政复议、行政诉讼 -------------------------------------------------------------------------


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


# --- 条例第四十四条: from requests to proactive disclosure ----------------------------------


@transaction.atomic
def disclosure_propose(
    *,
    unit: Unit,
    actor: Any,
    topic: str,
    reason: str,
    released_file: ReleasedFile | None = None,
    request_count: int = 0,
) -> DisclosureProposal:
    """A proposal for the unit to publish proactively what several applicants asked for; opens a
    ``library.propose`` duty in the unit's inbox. The library takes it from there."""
    if actor is None or not can(actor, "inforequest.stats", unit):
        raise PermissionDenied()
    topic = _clean(topic, label="主题", field="topic", max_length=200)
    reason = _clean(reason, label="理由", field="reason", max_length=2000)
    if released_file is not None and released_file.request.unit_id != unit.pk:
        raise GongkaiError("该文件不是本单位答复时提供的文件。", field="released_file")
    if released_file is not None and released_file.proposals.filter(status="open").exists():
        raise GongkaiError("该文件已有待处理的主动公开建议。", field="released_file")
    proposal = DisclosureProposal.objects.create(
        region=unit.region,
        unit=unit,
        released_file=released_file,
        topic=topic,
        reason=reason,
        request_count=max(int(request_count or 0), 0),
        proposed_by=actor,
    )
    duty_open(
        kind="library.propose",
        title=f"建议主动公开：{topic}"[:300],
        unit=unit,
        subject=proposal,
        url=reverse("workspace:inforequests:demand"),
        starts_on=_today(),
        workdays=20,
        actor=actor,
    )
    audit_record(
        actor=actor,
        verb="inforequest.propose",
        obj=proposal,
        after={"topic": topic, "file": released_file.name if released_file else None},
        unit=unit,
    )
    return proposal


def amount_yuan(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")

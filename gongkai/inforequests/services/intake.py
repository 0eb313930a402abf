"""Intake (条例第二十九条、第三十一条): registering a request, checking the applicant's data,
and flagging repeat and mass requests (item 8)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.core.text import pii
from gongkai.core.workdays import get_calendar
from gongkai.orgs.models import Region, Unit
from gongkai.orgs.policy import can

from ..clock import Channel, ClockError, ErrorCode, compute, event_from_dict
from ..codes import new_tracking_code
from ..models import Attachment, Flag, InfoRequest
from ..outcomes import ApplicantKind
from ..similarity import bigrams, jaccard
from ._common import (
    ATTACHMENT_SUFFIXES,
    MAX_ATTACHMENTS,
    _check_file,
    _choice,
    _clean,
    _date,
    _today,
    id_key,
    phone_key,
)
from .clocking import _record_event
from .duties import _sync_duty

REPEAT_THRESHOLD = 0.6  # character-bigram Jaccard at or above which a request is flagged


def mass_threshold() -> int:
    """More than this many requests by one applicant in a calendar month are flagged (item 8).
    Default 10: 国办函〔2020〕109号 starts charging at the 11th request of a month."""
    return int(getattr(settings, "GONGKAI_INFOREQUEST_MASS_PER_MONTH", 10))


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

"""The events the statutory clock is computed from, and reading them from JSON.

Every event carries the date the office records for it. For ``Received`` that is the receipt
date of 条例第三十一条 (in person: the day submitted; registered post: the day signed for; ordinary
letter: the day the office confirmed with the applicant; online, e-mail or fax: the day both
sides confirmed); the day the applicant sent it may be kept in ``submitted_on`` for information
and never moves the clock.

JSON form, one object per event (``gongkai inforequests clock EVENTS.json``)::

    {"event": "received", "date": "2026-09-28", "channel": "online"}
    {"event": "correction_requested", "date": "...", "correction_period_workdays": 15}
    {"event": "correction_received", "date": "..."}
    {"event": "consultation_started", "date": "...", "kind": "third_party", "party": "..."}
        (kind: "third_party" 第三方, or "agency" 相关行政机关)
    {"event": "consultation_ended", "date": "..."}
    {"event": "extended", "date": "<notice date>", "workdays": 10, "approver": "..."}
    {"event": "fee_notice_sent", "date": "...", "received_on": "...", "amount": "120"}
    {"event": "fee_paid", "date": "..."}
    {"event": "replied", "date": "...", "outcome": "..."}
    {"event": "withdrawn", "date": "..."}
    {"event": "closed", "date": "...", "reason": "..."}
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from .errors import ClockError, ErrorCode

# 条例第三十条 leaves the correction period to the notice ("合理的补正期限"); this is the period
# assumed when the notice does not state one. Kept here as the single default; callers may pass
# their own (a provincial rule or the office's practice).
DEFAULT_CORRECTION_PERIOD_WORKDAYS = 15


class Channel(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    REGISTERED_POST = "registered_post"
    LETTER = "letter"
    FAX = "fax"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def receipt_rule(self) -> str:
        return CHANNEL_RECEIPT_RULES[self]


CHANNEL_LABELS = {
    Channel.ONLINE: "网上申请",
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_POST: "邮寄（需签收）",
    Channel.LETTER: "平常信函",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
}

# 条例第三十一条, item by item.
CHANNEL_RECEIPT_RULES = {
    Channel.IN_PERSON: "以提交之日为收到申请之日，条例第三十一条第一项",
    Channel.REGISTERED_POST: "以本机关签收之日为收到申请之日，条例第三十一条第二项",
    Channel.LETTER: "以政府信息公开工作机构与申请人确认之日为收到申请之日，条例第三十一条第二项",
    Channel.ONLINE: "以双方确认之日为收到申请之日，条例第三十一条第三项",
    Channel.FAX: "以双方确认之日为收到申请之日，条例第三十一条第三项",
    Channel.EMAIL: "通过互联网渠道提交，以双方确认之日为收到申请之日，条例第三十一条第三项",
}


class ConsultationKind(enum.StrEnum):
    THIRD_PARTY = "third_party"  # 条例第三十二条
    AGENCY = "agency"  # 条例第三十四条: a co-producing agency; silence is consent

    @property
    def label(self) -> str:
        return {"third_party": "第三方", "agency": "相关行政机关"}[self.value]


@dataclass(frozen=True)
class ClockEvent:
    """One recorded fact about the case. ``name`` is the JSON ``event`` value."""

    date: dt.date
    name: ClassVar[str] = ""
    label: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"event": self.name}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, enum.Enum):
                value = value.value
            data[JSON_NAMES.get((self.name, field.name), field.name)] = value
        return data


@dataclass(frozen=True)
class Received(ClockEvent):
    channel: Channel = Channel.ONLINE
    submitted_on: dt.date | None = None
    name: ClassVar[str] = "received"
    label: ClassVar[str] = "收到申请"


@dataclass(frozen=True)
class CorrectionRequested(ClockEvent):
    # None: the default period (DEFAULT_CORRECTION_PERIOD_WORKDAYS or the caller's).
    period_workdays: int | None = None
    name: ClassVar[str] = "correction_requested"
    label: ClassVar[str] = "补正通知"


@dataclass(frozen=True)
class CorrectionReceived(ClockEvent):
    name: ClassVar[str] = "correction_received"
    label: ClassVar[str] = "收到补正"


@dataclass(frozen=True)
class ConsultationStarted(ClockEvent):
    kind: ConsultationKind = ConsultationKind.THIRD_PARTY
    party: str = ""
    name: ClassVar[str] = "consultation_started"
    label: ClassVar[str] = "开始征求意见"


@dataclass(frozen=True)
class ConsultationEnded(ClockEvent):
    name: ClassVar[str] = "consultation_ended"
    label: ClassVar[str] = "征求意见结束"


@dataclass(frozen=True)
class Extended(ClockEvent):
    """``date`` is the day the applicant was told of the extension (条例第三十三条)."""

    workdays: int = 0
    approver: str = ""
    name: ClassVar[str] = "extended"
    label: ClassVar[str] = "延长答复期限"


@dataclass(frozen=True)
class FeeNoticeSent(ClockEvent):
    """``received_on``: the day the applicant received the notice (default: the day it was sent)."""

    received_on: dt.date | None = None
    amount: Decimal | None = None
    name: ClassVar[str] = "fee_notice_sent"
    label: ClassVar[str] = "收费通知"


@dataclass(frozen=True)
class FeePaid(ClockEvent):
    name: ClassVar[str] = "fee_paid"
    label: ClassVar[str] = "缴纳费用"


@dataclass(frozen=True)
class Replied(ClockEvent):
    outcome: str = ""
    name: ClassVar[str] = "replied"
    label: ClassVar[str] = "作出答复"


@dataclass(frozen=True)
class Withdrawn(ClockEvent):
    name: ClassVar[str] = "withdrawn"
    label: ClassVar[str] = "申请人撤回"


@dataclass(frozen=True)
class Closed(ClockEvent):
    reason: str = ""
    name: ClassVar[str] = "closed"
    label: ClassVar[str] = "终止办理"


TERMINAL = (Replied, Withdrawn, Closed)

EVENT_TYPES: dict[str, type[ClockEvent]] = {
    cls.name: cls
    for cls in (
        Received,
        CorrectionRequested,
        CorrectionReceived,
        ConsultationStarted,
        ConsultationEnded,
        Extended,
        FeeNoticeSent,
        FeePaid,
        Replied,
        Withdrawn,
        Closed,
    )
}

# Where the JSON key differs from the attribute.
JSON_NAMES = {("correction_requested", "period_workdays"): "correction_period_workdays"}


# --- reading JSON -----------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError("应写成 YYYY-MM-DD，如 2026-09-28")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("不是存在的日期") from None


def _parse_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise ValueError("应为整数")
    return value


def _parse_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("应为文字")
    return value.strip()


def _parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError('应为金额，如 "120" 或 "120.50"')
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError('应为金额，如 "120" 或 "120.50"') from None
    if not amount.is_finite() or amount < 0:
        raise ValueError("应为不小于 0 的金额")
    return amount


def _enum_parser(enum_cls: type[enum.StrEnum]) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        try:
            return enum_cls(value)
        except ValueError:
            allowed = "、".join(member.value for member in enum_cls)
            raise ValueError(f"应为以下之一：{allowed}") from None

    return parse


# event -> {json key: (attribute, parser, required)}
_FIELD_SPECS: dict[str, dict[str, tuple[str, Callable[[Any], Any], bool]]] = {
    "received": {
        "channel": ("channel", _enum_parser(Channel), True),
        "submitted_on": ("submitted_on", _parse_date, False),
    },
    "correction_requested": {
        "correction_period_workdays": ("period_workdays", _parse_int, False),
    },
    "correction_received": {},
    "consultation_started": {
        "kind": ("kind", _enum_parser(ConsultationKind), False),
        "party": ("party", _parse_text, False),
    },
    "consultation_ended": {},
    "extended": {
        "workdays": ("workdays", _parse_int, True),
        "approver": ("approver", _parse_text, False),
    },
    "fee_notice_sent": {
        "received_on": ("received_on", _parse_date, False),
        "amount": ("amount", _parse_amount, False),
    },
    "fee_paid": {},
    "replied": {"outcome": ("outcome", _parse_text, False)},
    "withdrawn": {},
    "closed": {"reason": ("reason", _parse_text, False)},
}

# Keys tolerated on every event and ignored by the clock (a person's note).
_IGNORED_KEYS = {"note", "comment"}


def _where(index: int) -> str:
    return f"第 {index + 1} 个事件"


def event_from_dict(data: Any, index: int) -> ClockEvent:
    """One event from its JSON object; ``ClockError`` with a Chinese message when malformed."""
    where = _where(index)
    if not isinstance(data, dict):
        raise ClockError(
            ErrorCode.BAD_EVENT,
            f'{where}应为 JSON 对象，如 {{"event": "received", "date": "2026-09-28", '
            f'"channel": "online"}}。',
            event_index=index,
        )
    name = data.get("event")
    if name is None:
        raise ClockError(ErrorCode.MISSING_FIELD, f"{where}缺少“event”（事件名称）。", index)
    cls = EVENT_TYPES.get(name) if isinstance(name, str) else None
    if cls is None:
        allowed = "、".join(EVENT_TYPES)
        raise ClockError(
            ErrorCode.UNKNOWN_EVENT,
            f"{where}的事件名称“{name}”无法识别，可用：{allowed}。",
            index,
        )
    where = f"{where}（{cls.label}）"
    specs = _FIELD_SPECS[name]
    unknown = sorted(set(data) - {"event", "date"} - set(specs) - _IGNORED_KEYS)
    if unknown:
        allowed = "、".join(["date", *specs]) or "date"
        raise ClockError(
            ErrorCode.UNKNOWN_FIELD,
            f"{where}含有无法识别的字段：{'、'.join(unknown)}。此事件可用的字段：{allowed}。",
            index,
        )
    if "date" not in data:
        raise ClockError(ErrorCode.MISSING_FIELD, f"{where}缺少“date”（日期）。", index)
    try:
        date = _parse_date(data["date"])
    except ValueError as exc:
        raise ClockError(
            ErrorCode.BAD_DATE, f"{where}的日期“{data['date']}”无效：{exc}。", index
        ) from None
    kwargs: dict[str, Any] = {"date": date}
    for key, (attribute, parse, required) in specs.items():
        if key not in data or data[key] is None:
            if required:
                raise ClockError(ErrorCode.MISSING_FIELD, f"{where}缺少“{key}”。", index)
            continue
        try:
            kwargs[attribute] = parse(data[key])
        except ValueError as exc:
            code = ErrorCode.BAD_DATE if parse is _parse_date else ErrorCode.BAD_VALUE
            raise ClockError(code, f"{where}的“{key}”值“{data[key]}”无效：{exc}。", index) from None
    return cls(**kwargs)


def events_from_json(data: Any) -> list[ClockEvent]:
    """The events of a JSON document: a list of event objects (or ``{"events": [...]}``)."""
    if isinstance(data, dict) and "events" in data:
        data = data["events"]
    if not isinstance(data, list):
        raise ClockError(
            ErrorCode.BAD_INPUT,
            "事件文件应为 JSON 数组，每个元素是一个事件，如 "
            '[{"event": "received", "date": "2026-09-28", "channel": "online"}]。',
        )
    return [event_from_dict(item, index) for index, item in enumerate(data)]

"""The reply deadline of an information request, derived from its events. Pure: no database.

The rules (《政府信息公开条例》 2019, and 国办函〔2020〕109号 for fees):

* 第三十三条: reply within 20 working days of receipt. The receipt day is not counted
  (民法典第二百零一条), so the period ends on the 20th working day after it.
* 第三十条: a correction (补正) notice goes out once, within 7 working days of receipt, with a
  reasonable period (``DEFAULT_CORRECTION_PERIOD_WORKDAYS`` unless the notice states one). While
  it is awaited the reply clock does not run; it starts afresh from the day the corrected request
  is received (what happened on the clock before is irrelevant, the extension included). Not
  corrected by the deadline: deemed abandoned — the status is ``abandoned`` once ``today`` is
  past the deadline. A late correction is accepted with a note, because the article abandons
  only a request not corrected "without good reason" (无正当理由逾期不补正).
* 第三十二条、第三十三条第二款: consultation of a third party pauses the clock; the third party
  answers within 15 working days (shown as a deadline). Without an end event the pause is open:
  the status is ``paused_consultation`` and there is no due date until it ends. A third party that
  answers late is flagged; the pause lasts until the end the office recorded.
* 第三十四条: a co-producing agency answers within 15 working days and silence is consent, so an
  agency consultation without an end event ends by itself on its 15th working day (once a later
  event or ``today`` has passed that day). An answer recorded later is noted and changes nothing.
* 第三十三条: one extension, 1–20 working days, approved by the head of the disclosure office;
  the applicant must be told on or before the due date in force. The extension adds its working
  days to the due date in force.
* 国办函〔2020〕109号: a fee notice pauses the clock until payment; the applicant pays within 20
  working days counted from the day after receiving the notice, else the request is deemed
  abandoned. A payment recorded after that is refused as impossible.
* A pause from S to E removes the working days after S up to and including E (see
  ``gongkai.core.workdays.calendar``). A pause that starts on or after the due date in force
  does not move it: the office was already late.

Only one pause is open at a time (one consultation, or the fee notice): concurrent consultations
of several parties are recorded as one consultation.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.core.workdays import Calendar, CalendarYearMissing, Pause

from .errors import ClockError, ErrorCode
from .events import (
    DEFAULT_CORRECTION_PERIOD_WORKDAYS,
    TERMINAL,
    ClockEvent,
    Closed,
    ConsultationEnded,
    ConsultationKind,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Extended,
    FeeNoticeSent,
    FeePaid,
    Received,
    Replied,
    Withdrawn,
)

REPLY_WORKDAYS = 20  # 条例第三十三条第一款
CORRECTION_NOTICE_WORKDAYS = 7  # 条例第三十条
CONSULTATION_ANSWER_WORKDAYS = 15  # 条例第三十二条、第三十四条
EXTENSION_MAX_WORKDAYS = 20  # 条例第三十三条第一款
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号


class ClockStatus(enum.StrEnum):
    RUNNING = "running"
    OVERDUE = "overdue"
    AWAITING_CORRECTION = "awaiting_correction"
    PAUSED_CONSULTATION = "paused_consultation"
    AWAITING_PAYMENT = "awaiting_payment"
    ABANDONED = "abandoned"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    ClockStatus.RUNNING: "办理中",
    ClockStatus.OVERDUE: "已超过答复期限",
    ClockStatus.AWAITING_CORRECTION: "等待补正",
    ClockStatus.PAUSED_CONSULTATION: "征求意见中（答复期限暂停）",
    ClockStatus.AWAITING_PAYMENT: "等待缴费（答复期限暂停）",
    ClockStatus.ABANDONED: "视为放弃申请",
    ClockStatus.REPLIED: "已答复",
    ClockStatus.WITHDRAWN: "申请人已撤回",
    ClockStatus.CLOSED: "已终止办理",
}


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    return value


@dataclass(frozen=True)
class Step:
    """One line of the derivation: a Chinese sentence and the same facts as fields.

    ``kind`` is a stable English name (received, clock_started, correction_requested,
    correction_received, correction_abandoned, consultation_started, pause, consent_by_silence,
    consultation_answer_late, third_party_overdue, extended, fee_notice_sent, fee_abandoned,
    replied, withdrawn, closed, due). ``short`` is the phrase used in the one-line summary.
    """

    kind: str
    date: dt.date
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    short: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "date": self.date.isoformat(),
            "text": self.text,
            **_json(self.data),
        }


@dataclass(frozen=True)
class Deadlines:
    correction_notice_by: dt.date | None = None  # 条例第三十条: 7 working days after receipt
    correction_due: dt.date | None = None  # the applicant's correction period ends
    consultation_answer_due: dt.date | None = None  # 条例第三十二条/第三十四条: 15 working days
    due_if_no_answer: dt.date | None = None  # agency consultation: the due date if silent
    fee_payment_due: dt.date | None = None  # 国办函〔2020〕109号: 20 working days

    def to_dict(self) -> dict[str, str]:
        return {key: value.isoformat() for key, value in vars(self).items() if value}


@dataclass(frozen=True)
class ClockResult:
    due: dt.date | None
    status: ClockStatus
    steps: list[Step]
    deadlines: Deadlines
    received_on: dt.date
    clock_start: dt.date | None  # the receipt, or the receipt of the corrected request
    extension_workdays: int = 0
    paused_workdays: int = 0  # working days the closed pauses moved the due date by
    remaining_workdays: int | None = None  # at ``today`` (negative when late) or when paused
    on_time: bool | None = None  # replied on or before the due date
    late_workdays: int | None = None  # replied after the due date: by how many working days
    abandoned_on: dt.date | None = None  # the deadline after which it was deemed abandoned
    today: dt.date | None = None

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def summary(self) -> str:
        """The derivation in one line, e.g. 收到申请 2026-09-28；…；答复期限 2026-11-11."""
        return "；".join(step.short for step in self.steps if step.short)

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat() if self.due else None,
            "status": self.status.value,
            "status_label": self.status_label,
            "received_on": self.received_on.isoformat(),
            "clock_start": self.clock_start.isoformat() if self.clock_start else None,
            "extension_workdays": self.extension_workdays,
            "paused_workdays": self.paused_workdays,
            "remaining_workdays": self.remaining_workdays,
            "on_time": self.on_time,
            "late_workdays": self.late_workdays,
            "abandoned_on": self.abandoned_on.isoformat() if self.abandoned_on else None,
            "today": self.today.isoformat() if self.today else None,
            "deadlines": self.deadlines.to_dict(),
            "summary": self.summary,
            "steps": [step.to_dict() for step in self.steps],
        }


def _d(day: dt.date) -> str:
    return day.isoformat()


@dataclass
class _OpenPause:
    kind: str  # "third_party" | "agency" | "fee"
    start: dt.date
    answer_due: dt.date  # consultation: 15 working days; fee: the payment deadline
    party: str = ""


class _Clock:
    def __init__(self, calendar: Calendar, default_correction_period: int):
        self.cal = calendar
        self.default_correction_period = default_correction_period
        self.steps: list[Step] = []
        self.index: int | None = None
        self.event: ClockEvent | None = None
        self.received: Received | None = None
        self.start: dt.date | None = None  # None while a correction is awaited
        self.pauses: list[Pause] = []
        self.paused_workdays = 0
        self.extension: Extended | None = None
        self.open: _OpenPause | None = None
        self.correction: CorrectionRequested | None = None
        self.correction_due: dt.date | None = None
        self.correction_done = False
        self.agency_answer_pending = False  # an agency pause ended by silence, answer not yet in
        self.fee_noticed = False
        self.terminal: ClockEvent | None = None
        self.abandoned_on: dt.date | None = None
        self.correction_notice_by: dt.date | None = None

    # --- helpers ----------------------------------------------------------------------------

    def fail(self, code: ErrorCode, message: str) -> ClockError:
        if self.index is not None and self.event is not None:
            where = f"第 {self.index + 1} 个事件（{self.event.label}，{_d(self.event.date)}）"
            message = f"{where}：{message}"
        return ClockError(code, message, self.index)

    def step(self, kind: str, date: dt.date, text: str, short: str = "", **data: Any) -> None:
        self.steps.append(Step(kind=kind, date=date, text=text, data=data, short=short))

    @property
    def workdays(self) -> int:
        return REPLY_WORKDAYS + (self.extension.workdays if self.extension else 0)

    def due_as_of(self, day: dt.date | None = None) -> dt.date:
        """The due date in force; an open pause counts as ending on ``day``."""
        assert self.start is not None
        pauses = list(self.pauses)
        if self.open is not None and day is not None:
            pauses.append(Pause(self.open.start, day))
        return self.cal.add(self.start, self.workdays, pauses)

    def close_pause(self, end: dt.date) -> tuple[int, int, dt.date, dt.date]:
        """End the open pause on ``end``: (days paused, days the due moved, old due, new due)."""
        assert self.open is not None
        old_due = self.due_as_of()  # without the open pause
        pause = Pause(self.open.start, end, self.open.kind)
        self.pauses.append(pause)
        self.open = None
        new_due = self.due_as_of()
        moved = self.cal.between(old_due, new_due)
        self.paused_workdays += moved
        return self.cal.paused_workdays(pause), moved, old_due, new_due

    # --- events -----------------------------------------------------------------------------

    def on_received(self, event: Received) -> None:
        self.received = event
        self.start = event.date
        self.correction_notice_by = self.cal.add(event.date, CORRECTION_NOTICE_WORKDAYS)
        channel = event.channel
        submitted = ""
        if event.submitted_on and event.submitted_on != event.date:
            submitted = f"，申请人提交于 {_d(event.submitted_on)}"
        self.step(
            "received",
            event.date,
            f"{_d(event.date)} 收到申请（{channel.label}{submitted}；{channel.receipt_rule}）",
            f"收到申请 {_d(event.date)}",
            channel=channel,
            channel_label=channel.label,
            submitted_on=event.submitted_on,
        )
        due = self.due_as_of()
        self.step(
            "clock_started",
            event.date,
            f"答复期限自收到申请次日起算 {REPLY_WORKDAYS} 个工作日（条例第三十三条；"
            f"民法典第二百零一条，当日不计入），至 {_d(due)}；"
            f"如需补正，最迟于 {_d(self.correction_notice_by)} 一次性告知（条例第三十条）",
            start=event.date,
            workdays=REPLY_WORKDAYS,
            due=due,
            correction_notice_by=self.correction_notice_by,
        )

    def on_correction_requested(self, event: CorrectionRequested) -> None:
        assert self.received is not None
        if self.correction is not None:
            raise self.fail(
                ErrorCode.SECOND_CORRECTION,
                f"已于 {_d(self.correction.date)} 发出过补正通知；"
                "条例第三十条规定补正应一次性告知，"
                "不能再次要求补正。",
            )
        self.require_clock_running("补正通知")
        count = self.cal.between(self.received.date, event.date)
        if count > CORRECTION_NOTICE_WORKDAYS:
            raise self.fail(
                ErrorCode.CORRECTION_TOO_LATE,
                f"补正通知是收到申请（{_d(self.received.date)}）后第 {count} 个工作日发出的，"
                f"条例第三十条要求在 {CORRECTION_NOTICE_WORKDAYS} 个工作日内"
                f"（最迟 {_d(self.correction_notice_by)}）一次性告知。",
            )
        period = event.period_workdays
        if period is None:
            period = self.default_correction_period
            period_note = f"通知未载明期限，按默认 {period} 个工作日"
        else:
            period_note = f"补正期限 {period} 个工作日"
        if period < 1:
            raise self.fail(
                ErrorCode.CORRECTION_PERIOD_INVALID,
                f"补正期限应为至少 1 个工作日，收到的是 {period}。",
            )
        self.correction = event
        self.correction_due = self.cal.add(event.date, period)
        self.start = None
        self.step(
            "correction_requested",
            event.date,
            f"{_d(event.date)} 发出补正通知（收到申请后第 {count} 个工作日，"
            f"条例第三十条：{CORRECTION_NOTICE_WORKDAYS} 个工作日内一次性告知）；{period_note}，"
            f"至 {_d(self.correction_due)}；等待补正期间不计算答复期限，收到补正后重新起算",
            f"{_d(event.date)} 通知补正（期限至 {_d(self.correction_due)}）",
            workday_of_receipt=count,
            period_workdays=period,
            correction_due=self.correction_due,
        )

    def on_correction_received(self, event: CorrectionReceived) -> None:
        if self.correction is None or self.correction_done:
            raise self.fail(
                ErrorCode.CORRECTION_NOT_REQUESTED,
                "没有待补正的通知：收到补正之前应先记录补正通知（条例第三十条），且补正只有一次。",
            )
        assert self.correction_due is not None
        late = event.date > self.correction_due
        self.correction_done = True
        # 条例第三十条: 答复期限自行政机关收到补正的申请之日起计算 — a fresh clock.
        self.start = event.date
        self.pauses = []
        self.paused_workdays = 0
        self.extension = None
        due = self.due_as_of()
        late_note = ""
        if late:
            late_note = (
                f"（晚于补正期限 {_d(self.correction_due)}；条例第三十条仅对无正当理由逾期不补正的"
                "视为放弃，本机关已接受补正）"
            )
        self.step(
            "correction_received",
            event.date,
            f"{_d(event.date)} 收到补正后的申请{late_note}，答复期限重新起算"
            f"（条例第三十条）：{REPLY_WORKDAYS} 个工作日，至 {_d(due)}",
            f"{_d(event.date)} 收到补正，重新起算",
            start=event.date,
            workdays=REPLY_WORKDAYS,
            due=due,
            late=late,
        )

    def on_consultation_started(self, event: ConsultationStarted) -> None:
        self.require_clock_running("征求意见")
        answer_due = self.cal.add(event.date, CONSULTATION_ANSWER_WORKDAYS)
        due_before = self.due_as_of()
        party = event.party or event.kind.label
        self.open = _OpenPause(event.kind.value, event.date, answer_due, party)
        self.agency_answer_pending = False
        if event.kind is ConsultationKind.AGENCY:
            rule = (
                f"条例第三十四条：被征求意见机关应在 {CONSULTATION_ANSWER_WORKDAYS} 个工作日内"
                f"提出意见，至 {_d(answer_due)}，逾期未提出意见的视为同意公开"
            )
        else:
            rule = (
                f"条例第三十二条：第三方应自收到征求意见书之日起 {CONSULTATION_ANSWER_WORKDAYS} "
                f"个工作日内提出意见，至 {_d(answer_due)}"
            )
        late_note = ""
        if event.date >= due_before:
            late_note = f"；开始征求意见时已到答复期限 {_d(due_before)}，不能因此顺延"
        self.step(
            "consultation_started",
            event.date,
            f"{_d(event.date)} 征求{party}意见（{rule}）；征求意见所需时间不计算在答复期限内"
            f"（条例第三十三条第二款）{late_note}",
            consultation_kind=event.kind,
            party=party,
            answer_due=answer_due,
            due_before=due_before,
        )

    def on_consultation_ended(self, event: ConsultationEnded) -> None:
        if self.open is None or self.open.kind == "fee":
            if self.agency_answer_pending:
                self.agency_answer_pending = False
                self.step(
                    "consultation_answer_late",
                    event.date,
                    f"{_d(event.date)} 收到相关行政机关意见，晚于答复期限；"
                    "已依条例第三十四条视为同意公开，答复期限不变",
                )
                return
            raise self.fail(
                ErrorCode.CONSULTATION_NOT_STARTED,
                "没有正在进行的征求意见：结束征求意见之前应先记录开始征求意见。",
            )
        self.end_consultation(event.date, by_silence=False)

    def end_consultation(self, end: dt.date, *, by_silence: bool) -> None:
        assert self.open is not None
        opened = self.open
        late = not by_silence and end > opened.answer_due
        workdays, moved, old_due, new_due = self.close_pause(end)
        what = "征求第三方意见" if opened.kind == "third_party" else "征求相关行政机关意见"
        if opened.party and opened.party not in ("第三方", "相关行政机关"):
            what = f"征求{opened.party}意见"
        if moved == workdays:
            effect = f"答复期限顺延至 {_d(new_due)}"
        elif moved == 0:
            effect = f"开始时已到答复期限，答复期限仍为 {_d(new_due)}"
        else:  # pragma: no cover - one pause at a time and pauses after the clock start
            effect = f"答复期限顺延 {moved} 个工作日，至 {_d(new_due)}"
        if by_silence:
            text = (
                f"{opened.party}至 {_d(end)}"
                f"（第 {CONSULTATION_ANSWER_WORKDAYS} 个工作日）未提出意见，"
                f"视为同意公开（条例第三十四条）；{_d(opened.start)} 至 {_d(end)} {what}，"
                f"暂停 {workdays} 个工作日，{effect}"
            )
            kind = "consent_by_silence"
        else:
            late_note = ""
            if late:
                late_note = (
                    f"（第三方答复晚于 {_d(opened.answer_due)}；"
                    "条例第三十二条：第三方逾期未提出意见的，"
                    "由行政机关依照条例规定决定是否公开）"
                )
            text = (
                f"{_d(opened.start)} 至 {_d(end)} {what}{late_note}，"
                f"暂停 {workdays} 个工作日，{effect}"
            )
            kind = "pause"
        self.step(
            kind,
            end,
            text,
            f"{_d(opened.start)} 至 {_d(end)} {what}暂停 {workdays} 个工作日",
            reason=opened.kind,
            start=opened.start,
            end=end,
            workdays=workdays,
            moved_workdays=moved,
            answer_due=opened.answer_due,
            late=late,
            due_before=old_due,
            due=new_due,
        )
        if by_silence:
            self.agency_answer_pending = True

    def on_extended(self, event: Extended) -> None:
        self.require_clock_running("延长答复期限", allow_consultation=True)
        if self.extension is not None:
            raise self.fail(
                ErrorCode.SECOND_EXTENSION,
                f"已于 {_d(self.extension.date)} 延长过答复期限"
                f"（{self.extension.workdays} 个工作日）；"
                "条例第三十三条只允许延长一次。",
            )
        if not 1 <= event.workdays <= EXTENSION_MAX_WORKDAYS:
            raise self.fail(
                ErrorCode.EXTENSION_OUT_OF_RANGE,
                f"延长的期限应为 1 至 {EXTENSION_MAX_WORKDAYS} 个工作日"
                f"（条例第三十三条：最长不得超过 20 个工作日），收到的是 {event.workdays}。",
            )
        due_in_force = self.due_as_of(event.date)
        if event.date > due_in_force:
            raise self.fail(
                ErrorCode.EXTENSION_AFTER_DUE,
                f"延期告知日 {_d(event.date)} 晚于当时的答复期限 {_d(due_in_force)}；"
                "延长答复期限应在期限届满前告知申请人（条例第三十三条）。",
            )
        self.extension = event
        approver = (
            f"经{event.approver}同意" if event.approver else "经政府信息公开工作机构负责人同意"
        )
        short = f"{_d(event.date)} 延期 {event.workdays} 个工作日"
        if self.open is None:
            new_due = self.due_as_of()
            effect = f"答复期限由 {_d(due_in_force)} 延至 {_d(new_due)}"
            short += f"至 {_d(new_due)}"
        else:
            new_due = None
            effect = "征求意见结束后据此计算答复期限"
        self.step(
            "extended",
            event.date,
            f"{_d(event.date)} {approver}延长答复期限 {event.workdays} 个工作日并告知申请人"
            f"（条例第三十三条：延长一次，最长 {EXTENSION_MAX_WORKDAYS} 个工作日）；{effect}",
            short,
            workdays=event.workdays,
            approver=event.approver,
            notice_date=event.date,
            due_before=due_in_force if self.open is None else None,
            due=new_due,
        )

    def on_fee_notice_sent(self, event: FeeNoticeSent) -> None:
        if self.fee_noticed and self.open is not None and self.open.kind == "fee":
            raise self.fail(
                ErrorCode.FEE_NOTICE_PENDING,
                f"已于 {_d(self.open.start)} 发出收费通知，尚未缴费，不能再次发出。",
            )
        if self.fee_noticed:
            raise self.fail(
                ErrorCode.SECOND_FEE_NOTICE,
                "本申请已发出过收费通知并已缴费；一件申请只收取一次信息处理费。",
            )
        self.require_clock_running("收费通知")
        received_on = event.received_on or event.date
        if received_on < event.date:
            raise self.fail(
                ErrorCode.BAD_VALUE,
                f"申请人收到收费通知的日期 {_d(received_on)} 早于发出日期 {_d(event.date)}。",
            )
        pay_due = self.cal.add(received_on, FEE_PAYMENT_WORKDAYS)
        due_before = self.due_as_of()
        self.fee_noticed = True
        self.open = _OpenPause("fee", event.date, pay_due)
        amount = f"，金额 {event.amount} 元" if event.amount is not None else ""
        received_note = (
            f"申请人于 {_d(received_on)} 收到通知，" if received_on != event.date else ""
        )
        self.step(
            "fee_notice_sent",
            event.date,
            f"{_d(event.date)} 发出收费通知{amount}；{received_note}应自收到通知次日起 "
            f"{FEE_PAYMENT_WORKDAYS} 个工作日内缴纳，至 {_d(pay_due)}，逾期未缴纳的视为放弃申请"
            "（国办函〔2020〕109号）；缴费前答复期限暂停",
            amount=event.amount,
            notice_received_on=received_on,
            payment_due=pay_due,
            due_before=due_before,
        )

    def on_fee_paid(self, event: FeePaid) -> None:
        if self.open is None or self.open.kind != "fee":
            raise self.fail(
                ErrorCode.FEE_NOT_NOTICED,
                "没有待缴费的收费通知：记录缴费之前应先记录收费通知。",
            )
        start = self.open.start
        pay_due = self.open.answer_due
        workdays, moved, old_due, new_due = self.close_pause(event.date)
        effect = (
            f"答复期限顺延至 {_d(new_due)}"
            if moved
            else f"发出通知时已到答复期限，答复期限仍为 {_d(new_due)}"
        )
        self.step(
            "pause",
            event.date,
            f"{_d(start)} 至 {_d(event.date)} 等待缴纳信息处理费（{_d(event.date)} 缴费，"
            f"期限 {_d(pay_due)}），暂停 {workdays} 个工作日，{effect}",
            f"{_d(start)} 至 {_d(event.date)} 等待缴费暂停 {workdays} 个工作日",
            reason="fee",
            start=start,
            end=event.date,
            workdays=workdays,
            moved_workdays=moved,
            payment_due=pay_due,
            due_before=old_due,
            due=new_due,
        )

    def on_terminal(self, event: ClockEvent) -> None:
        if self.open is not None:
            if self.open.kind == "fee":
                self.close_pause(event.date)  # the clock stood still until the case ended
            else:
                self.end_consultation(event.date, by_silence=False)
        self.terminal = event
        if isinstance(event, Replied):
            outcome = f"（{event.outcome}）" if event.outcome else ""
            text = f"{_d(event.date)} 作出答复{outcome}"
            short = f"{_d(event.date)} 答复"
            due = None
            if self.start is not None:
                due = self.due_as_of()
                if event.date <= due:
                    text += f"，在答复期限 {_d(due)} 内"
                    short += f"（答复期限 {_d(due)}，按期）"
                else:
                    late = self.cal.between(due, event.date)
                    text += f"，超过答复期限 {_d(due)} {late} 个工作日"
                    short += f"（答复期限 {_d(due)}，逾期 {late} 个工作日）"
            self.step("replied", event.date, text, short, outcome=event.outcome, due=due)
        elif isinstance(event, Withdrawn):
            self.step(
                "withdrawn",
                event.date,
                f"{_d(event.date)} 申请人撤回申请",
                f"{_d(event.date)} 撤回",
            )
        elif isinstance(event, Closed):
            reason = f"（{event.reason}）" if event.reason else ""
            self.step(
                "closed",
                event.date,
                f"{_d(event.date)} 终止办理{reason}",
                f"{_d(event.date)} 终止办理",
                reason=event.reason,
            )

    # --- state checks -------------------------------------------------------------------------

    def require_clock_running(self, what: str, *, allow_consultation: bool = False) -> None:
        if self.start is None:
            raise self.fail(
                ErrorCode.AWAITING_CORRECTION,
                f"正在等待补正（期限至 {_d(self.correction_due)}），答复期限尚未重新起算，"
                f"不能记录{what}；请先记录收到补正，或终止办理。",
            )
        if self.open is not None and self.open.kind == "fee":
            raise self.fail(
                ErrorCode.AWAITING_PAYMENT,
                f"已于 {_d(self.open.start)} 发出收费通知，尚未缴费（期限至 "
                f"{_d(self.open.answer_due)}），不能记录{what}；请先记录缴费，或终止办理。",
            )
        if self.open is not None and not allow_consultation:
            raise self.fail(
                ErrorCode.CONSULTATION_OPEN,
                f"{_d(self.open.start)} 开始的征求意见尚未结束，不能记录{what}；"
                "请先记录征求意见结束（同时征求多方意见的，记为一次征求意见）。",
            )

    def pass_deadlines(self, day: dt.date, event: ClockEvent | None) -> None:
        """What the law made of the time up to ``day``: consent by silence, abandonment."""
        opened = self.open
        if opened is not None and opened.kind == "agency" and day > opened.answer_due:
            self.end_consultation(opened.answer_due, by_silence=True)
        if (
            self.start is None
            and self.correction_due is not None
            and day > self.correction_due
            and not isinstance(event, CorrectionReceived)
            and self.abandoned_on is None
        ):
            if event is not None and not isinstance(event, TERMINAL):
                return  # require_clock_running explains that a correction is still awaited
            self.abandoned_on = self.correction_due
            self.step(
                "correction_abandoned",
                self.correction_due,
                f"申请人至 {_d(self.correction_due)} 未补正，视为放弃申请（条例第三十条）",
                f"至 {_d(self.correction_due)} 未补正，视为放弃",
                correction_due=self.correction_due,
            )
        opened = self.open
        if opened is not None and opened.kind == "fee" and day > opened.answer_due:
            if isinstance(event, FeePaid):
                raise self.fail(
                    ErrorCode.FEE_PAID_LATE,
                    f"缴费日期晚于缴费期限 {_d(opened.answer_due)}；逾期未缴纳的，申请已视为放弃"
                    "（国办函〔2020〕109号），不能再记录缴费。",
                )
            if event is not None and not isinstance(event, TERMINAL):
                return  # require_clock_running explains that payment is awaited
            self.abandoned_on = opened.answer_due
            self.close_pause(opened.answer_due)
            self.step(
                "fee_abandoned",
                opened.answer_due,
                f"申请人至 {_d(opened.answer_due)} 未缴纳信息处理费，"
                "视为放弃申请（国办函〔2020〕109号）",
                f"至 {_d(opened.answer_due)} 未缴费，视为放弃",
                payment_due=opened.answer_due,
            )

    # --- the whole list -----------------------------------------------------------------------

    HANDLERS = {
        Received: "on_received",
        CorrectionRequested: "on_correction_requested",
        CorrectionReceived: "on_correction_received",
        ConsultationStarted: "on_consultation_started",
        ConsultationEnded: "on_consultation_ended",
        Extended: "on_extended",
        FeeNoticeSent: "on_fee_notice_sent",
        FeePaid: "on_fee_paid",
        Replied: "on_terminal",
        Withdrawn: "on_terminal",
        Closed: "on_terminal",
    }

    def run(self, events: Sequence[ClockEvent], today: dt.date | None) -> ClockResult:
        if not events:
            raise ClockError(ErrorCode.NO_EVENTS, "没有事件：至少要有“收到申请”（received）。")
        previous: ClockEvent | None = None
        for index, event in enumerate(events):
            self.index, self.event = index, event
            self.check_order(index, event, previous)
            try:
                self.pass_deadlines(event.date, event)
                getattr(self, self.HANDLERS[type(event)])(event)
            except CalendarYearMissing as exc:
                raise ClockError(
                    ErrorCode.CALENDAR_YEAR_MISSING,
                    f"计算第 {index + 1} 个事件（{event.label}）时：{exc}",
                    index,
                    year=exc.year,
                ) from None
            previous = event
        self.index = self.event = None
        last = events[-1].date
        if today is not None and today < last:
            raise ClockError(
                ErrorCode.TODAY_BEFORE_EVENTS,
                f"计算日 {_d(today)} 早于最后一个事件的日期 {_d(last)}。",
            )
        try:
            return self.result(today)
        except CalendarYearMissing as exc:
            raise ClockError(
                ErrorCode.CALENDAR_YEAR_MISSING,
                f"计算答复期限时：{exc}",
                year=exc.year,
            ) from None

    def check_order(self, index: int, event: ClockEvent, previous: ClockEvent | None) -> None:
        if type(event) not in self.HANDLERS:
            raise self.fail(ErrorCode.BAD_EVENT, f"无法识别的事件类型 {type(event).__name__}。")
        if index == 0 and not isinstance(event, Received):
            raise ClockError(
                ErrorCode.NOT_RECEIVED_FIRST,
                f"第 1 个事件是“{event.label}”；事件应从“收到申请”（received）开始。",
                0,
            )
        if index > 0 and isinstance(event, Received):
            raise self.fail(ErrorCode.SECOND_RECEIVED, "一件申请只能有一个“收到申请”事件。")
        if self.terminal is not None:
            raise self.fail(
                ErrorCode.AFTER_TERMINAL,
                f"申请已于 {_d(self.terminal.date)} {self.terminal.label}，之后不能再记录事件。",
            )
        if previous is not None and event.date < previous.date:
            raise self.fail(
                ErrorCode.OUT_OF_ORDER,
                f"日期早于前一个事件（第 {index} 个事件，{previous.label}，{_d(previous.date)}）；"
                "事件应按发生的先后顺序排列。",
            )
        for day in (event.date, getattr(event, "received_on", None)):
            if day is not None and not self.cal.knows(day.year):
                exc = CalendarYearMissing(day.year)
                raise ClockError(
                    ErrorCode.CALENDAR_YEAR_MISSING,
                    f"第 {index + 1} 个事件（{event.label}，{_d(day)}）：{exc}",
                    index,
                    year=day.year,
                )
        submitted = getattr(event, "submitted_on", None)
        if submitted is not None and submitted > event.date:
            raise self.fail(
                ErrorCode.BAD_VALUE,
                f"申请人提交日期 {_d(submitted)} 晚于收到申请之日；收到申请之日"
                "按条例第三十一条确定，不会早于提交日期。",
            )

    def result(self, today: dt.date | None) -> ClockResult:
        assert self.received is not None
        if today is not None:
            if not self.cal.knows(today.year):
                raise CalendarYearMissing(today.year)
            if self.terminal is None:
                self.pass_deadlines(today, None)
        deadlines: dict[str, Any] = {"correction_notice_by": self.correction_notice_by}
        due: dt.date | None = None
        remaining: int | None = None
        on_time: bool | None = None
        late: int | None = None
        terminal = self.terminal
        if terminal is not None:
            status = ClockStatus(terminal.name)
            if self.start is not None:
                due = self.due_as_of()
                if isinstance(terminal, Replied):
                    on_time = terminal.date <= due
                    late = None if on_time else self.cal.between(due, terminal.date)
        elif self.abandoned_on is not None:
            status = ClockStatus.ABANDONED
        elif self.start is None:
            status = ClockStatus.AWAITING_CORRECTION
            deadlines["correction_due"] = self.correction_due
        elif self.open is not None and self.open.kind == "fee":
            status = ClockStatus.AWAITING_PAYMENT
            deadlines["fee_payment_due"] = self.open.answer_due
            remaining = self.cal.between(self.open.start, self.due_as_of())
        elif self.open is not None:
            status = ClockStatus.PAUSED_CONSULTATION
            deadlines["consultation_answer_due"] = self.open.answer_due
            remaining = self.cal.between(self.open.start, self.due_as_of())
            if self.open.kind == "agency":
                deadlines["due_if_no_answer"] = self.due_as_of(self.open.answer_due)
            elif today is not None and today > self.open.answer_due:
                self.step(
                    "third_party_overdue",
                    today,
                    f"第三方至 {_d(self.open.answer_due)} 未提出意见；依条例第三十二条，"
                    "由本机关依照条例规定决定是否公开，请记录征求意见结束",
                    answer_due=self.open.answer_due,
                )
        else:
            due = self.due_as_of()
            status = ClockStatus.RUNNING
            if today is not None:
                remaining = self.cal.between(today, due)
                if today > due:
                    status = ClockStatus.OVERDUE
        if terminal is None and status in (ClockStatus.RUNNING, ClockStatus.OVERDUE):
            assert due is not None
            self.step(
                "due",
                due,
                f"答复期限：{_d(due)}"
                + (
                    f"（已超过 {-remaining} 个工作日）"
                    if remaining is not None and remaining < 0
                    else ""
                )
                + (
                    f"（尚余 {remaining} 个工作日）"
                    if remaining is not None and remaining >= 0
                    else ""
                ),
                f"答复期限 {_d(due)}",
                due=due,
                workdays=self.workdays,
                paused_workdays=self.paused_workdays,
            )
        return ClockResult(
            due=due,
            status=status,
            steps=self.steps,
            deadlines=Deadlines(**deadlines),
            received_on=self.received.date,
            clock_start=self.start,
            extension_workdays=self.extension.workdays if self.extension else 0,
            paused_workdays=self.paused_workdays,
            remaining_workdays=remaining,
            on_time=on_time,
            late_workdays=late,
            abandoned_on=self.abandoned_on,
            today=today,
        )


def compute(
    events: Sequence[ClockEvent],
    calendar: Calendar,
    *,
    today: dt.date | None = None,
    default_correction_period: int = DEFAULT_CORRECTION_PERIOD_WORKDAYS,
) -> ClockResult:
    """The due date, status and derivation of a request from its events, in date order.

    ``today`` decides what time alone does: an agency's silence becoming consent, a correction or
    fee deadline passing (abandoned), a running clock becoming overdue. Without it only the
    recorded events count. Raises ``ClockError`` (code, Chinese message, event index) for a
    sequence that cannot happen under the rules.
    """
    return _Clock(calendar, default_correction_period).run(events, today)

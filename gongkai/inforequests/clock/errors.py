"""Why a sequence of clock events is impossible: a stable code and a Chinese message."""

from __future__ import annotations

import enum
from typing import Any

from gongkai.core.errors import GongkaiError


class ErrorCode(enum.StrEnum):
    # Reading the input.
    BAD_INPUT = "bad_input"
    BAD_EVENT = "bad_event"
    UNKNOWN_EVENT = "unknown_event"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    BAD_DATE = "bad_date"
    BAD_VALUE = "bad_value"
    # The sequence.
    NO_EVENTS = "no_events"
    NOT_RECEIVED_FIRST = "not_received_first"
    SECOND_RECEIVED = "second_received"
    OUT_OF_ORDER = "out_of_order"
    AFTER_TERMINAL = "after_terminal"
    TODAY_BEFORE_EVENTS = "today_before_events"
    CALENDAR_YEAR_MISSING = "calendar_year_missing"
    CALENDAR_UNAVAILABLE = "calendar_unavailable"
    # 补正 (条例第三十条).
    SECOND_CORRECTION = "second_correction"
    CORRECTION_TOO_LATE = "correction_too_late"
    CORRECTION_NOT_REQUESTED = "correction_not_requested"
    CORRECTION_PERIOD_INVALID = "correction_period_invalid"
    AWAITING_CORRECTION = "awaiting_correction"
    # 征求意见 (条例第三十二条、第三十四条).
    CONSULTATION_NOT_STARTED = "consultation_not_started"
    CONSULTATION_OPEN = "consultation_open"
    # 延期 (条例第三十三条).
    SECOND_EXTENSION = "second_extension"
    EXTENSION_OUT_OF_RANGE = "extension_out_of_range"
    EXTENSION_AFTER_DUE = "extension_after_due"
    # 收费 (国办函〔2020〕109号).
    FEE_NOT_NOTICED = "fee_not_noticed"
    FEE_NOTICE_PENDING = "fee_notice_pending"
    SECOND_FEE_NOTICE = "second_fee_notice"
    FEE_PAID_LATE = "fee_paid_late"
    AWAITING_PAYMENT = "awaiting_payment"


class ClockError(GongkaiError):
    """An event list the clock cannot accept. ``event_index`` is 0-based (None: the whole list)."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        event_index: int | None = None,
        *,
        year: int | None = None,
    ):
        super().__init__(message, code=str(code))
        self.event_index = event_index
        self.year = year

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "event_index": self.event_index,
        }
        if self.year is not None:
            data["year"] = self.year
        return data

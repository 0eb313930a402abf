"""The statutory clock of an information request (条例第三十条至第三十四条, 国办函〔2020〕109号).

Public API:
    compute(events, calendar, *, today=None) -> ClockResult   due date, status, derivation
    events_from_json(data) -> list[ClockEvent]                 the JSON form (CLI, what-if)
    ClockEvent and its kinds: Received, CorrectionRequested, CorrectionReceived,
        ConsultationStarted, ConsultationEnded, Extended, FeeNoticeSent, FeePaid,
        Replied, Withdrawn, Closed
    ClockError (code, message, event_index), ErrorCode, ClockStatus
"""

from .compute import ClockResult, ClockStatus, Deadlines, Step, compute
from .errors import ClockError, ErrorCode
from .events import (
    DEFAULT_CORRECTION_PERIOD_WORKDAYS,
    EVENT_TYPES,
    Channel,
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
    event_from_dict,
    events_from_json,
)

__all__ = [
    "DEFAULT_CORRECTION_PERIOD_WORKDAYS",
    "EVENT_TYPES",
    "Channel",
    "ClockError",
    "ClockEvent",
    "ClockResult",
    "ClockStatus",
    "Closed",
    "ConsultationEnded",
    "ConsultationKind",
    "ConsultationStarted",
    "CorrectionReceived",
    "CorrectionRequested",
    "Deadlines",
    "ErrorCode",
    "Extended",
    "FeeNoticeSent",
    "FeePaid",
    "Received",
    "Replied",
    "Step",
    "Withdrawn",
    "compute",
    "event_from_dict",
    "events_from_json",
]

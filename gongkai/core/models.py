"""Django finds the core app's models here; each lives with its module."""

from .audit.models import AuditEvent
from .duties.models import Duty, Notification
from .jobs.models import Job, WorkerHeartbeat
from .workdays.models import CalendarYear, SpecialDay

__all__ = [
    "AuditEvent",
    "CalendarYear",
    "Duty",
    "Job",
    "Notification",
    "SpecialDay",
    "WorkerHeartbeat",
]

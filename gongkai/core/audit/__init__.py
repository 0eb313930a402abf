"""The audit trail. Every service records its state changes through `record()`."""

from .services import audit_record, history_for, snapshot

__all__ = ["audit_record", "history_for", "snapshot"]

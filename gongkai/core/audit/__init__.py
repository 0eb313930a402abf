"""The audit trail. Every service records its state changes through `audit_record()`.

Histories are read with `selectors.history_entries` (which asks `access.may_see_history`);
apps label their verbs with `verbs.register_verbs` and register who may see their objects'
histories with `access.history_access`.
"""

from .services import audit_record, client_ip, history_for, snapshot

__all__ = ["audit_record", "client_ip", "history_for", "snapshot"]

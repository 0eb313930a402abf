"""Who may see an object's history: one function per object type, deny by default.

An app registers, for each object type whose history it shows, a function
``(user, object_id) -> bool``:

    @history_access("library.document")
    def _document(user, object_id): ...

Unregistered types are visible to superusers only. Registrations live in the app's
``audit_access`` module (found automatically, like ``admin.py``); the kernel's own are in
``builtin_access``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.module_loading import autodiscover_modules

HistoryAccess = Callable[[Any, str], bool]
_REGISTRY: dict[str, HistoryAccess] = {}
_discovered = False


def history_access(object_type: str) -> Callable[[HistoryAccess], HistoryAccess]:
    def register(fn: HistoryAccess) -> HistoryAccess:
        if object_type in _REGISTRY and _REGISTRY[object_type] is not fn:
            raise RuntimeError(f"history access for {object_type!r} registered twice")
        _REGISTRY[object_type] = fn
        return fn

    return register


def _discover() -> None:
    global _discovered
    if not _discovered:
        from . import builtin_access  # noqa: F401

        autodiscover_modules("audit_access")
        _discovered = True


def may_see_history(user: Any, object_type: str, object_id: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    _discover()
    fn = _REGISTRY.get(object_type)
    return fn is not None and bool(fn(user, object_id))

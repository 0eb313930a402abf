"""Reading an object's history, for the staff who may see it, as rows and as exports."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from gongkai.core.errors import PermissionDenied

from .access import may_see_history
from .models import AuditEvent
from .verbs import verb_label

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    event: AuditEvent
    verb_label: str
    changes: list[Change]
    details: list[tuple[str, str]]


def history_entries(*, user: Any, object_type: str, object_id: str) -> list[HistoryEntry]:
    """The object's events, oldest first, with field-by-field changes in Chinese."""
    if not may_see_history(user, object_type, object_id):
        raise PermissionDenied("您没有权限查看该对象的操作记录。")
    events = AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by(
        "at", "id"
    )
    model = _model(object_type)
    return [
        HistoryEntry(
            event=e,
            verb_label=verb_label(e.verb),
            changes=_changes(model, e.before, e.after),
            details=[(_label(model, k), _show(model, k, v)) for k, v in (e.details or {}).items()],
        )
        for e in events
    ]


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return next((f for f in model._meta.concrete_fields if f.attname == name), None)


def _label(model, name: str) -> str:
    field = _field(model, name)
    return str(field.verbose_name) if field is not None else name


def _show(model, name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    field = _field(model, name)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _changes(model, before: dict | None, after: dict | None) -> list[Change]:
    before, after = before or {}, after or {}
    keys = list(before) + [k for k in after if k not in before]
    return [
        Change(k, _label(model, k), _show(model, k, before.get(k)), _show(model, k, after.get(k)))
        for k in keys
        if before.get(k) != after.get(k)
    ]


# --- exports (the one exporter of histories; a case export reuses it) -------------------------

CSV_HEADER = ["时间", "操作人", "操作", "变更内容", "说明", "来源地址"]


def _local(event: AuditEvent) -> str:
    return timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")


def history_csv(entries: list[HistoryEntry]) -> str:
    """CSV with a byte-order mark, so that Excel on Chinese Windows opens it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for entry in entries:
        writer.writerow(
            [
                _local(entry.event),
                entry.event.actor_label,
                entry.verb_label,
                "；".join(f"{c.label}：{c.before} → {c.after}" for c in entry.changes),
                "；".join(f"{k}：{v}" for k, v in entry.details),
                entry.event.ip or "",
            ]
        )
    return out.getvalue()


def history_json(entries: list[HistoryEntry]) -> str:
    rows = [
        {
            "at": timezone.localtime(e.event.at).isoformat(),
            "actor": e.event.actor_label,
            "actor_id": e.event.actor_id,
            "unit_id": e.event.unit_id,
            "verb": e.event.verb,
            "verb_label": e.verb_label,
            "object_type": e.event.object_type,
            "object_id": e.event.object_id,
            "object": e.event.object_repr,
            "before": e.event.before,
            "after": e.event.after,
            "details": e.event.details,
            "ip": e.event.ip,
        }
        for e in entries
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)

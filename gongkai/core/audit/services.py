from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` (foreign keys as ids), for before/after."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def object_key(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    actor: Any | None,
    verb: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    unit: Any | None = None,
    region: Any | None = None,
    ip: str | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append one event. Call inside the service's transaction, after the write.

    ``actor`` is a user or None (a citizen or the system); ``actor_label`` then says who
    ("公众", "系统"). ``ip`` is recorded for public actions.
    """
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor_label or str(actor)
        actor_id = actor.pk
    else:
        label = actor_label or ("公众" if ip else "系统")
        actor_id = None
    unit_id = getattr(obj, "unit_id", None) if unit is None else unit.pk
    if region is None:
        region_id = getattr(obj, "region_id", None)
        if region_id is None and unit is not None:
            region_id = unit.region_id
    else:
        region_id = region.pk
    object_type, object_id = object_key(obj)
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor_id=actor_id,
        actor_label=label[:100],
        unit_id=unit_id,
        region_id=region_id,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        object_repr=str(obj)[:300],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        details=_jsonable(details or {}),
        ip=ip,
    )


def history_for(obj: models.Model) -> QuerySet[AuditEvent]:
    """Every event about ``obj``, oldest first. Callers check the viewer may see ``obj`` first."""
    object_type, object_id = object_key(obj)
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id).order_by(
        "at", "id"
    )


def client_ip(request: Any) -> str | None:
    """The address a public action came from, for ``audit_record(ip=...)``.

    Behind N trusted reverse proxies (GONGKAI_PROXY_COUNT, 0 by default) the client is the N-th
    address from the right of X-Forwarded-For; anything further left is what the client claimed
    and must not be trusted.
    """
    proxies = int(getattr(settings, "GONGKAI_PROXY_COUNT", 0) or 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None

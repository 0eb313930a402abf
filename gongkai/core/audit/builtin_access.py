"""History access for the kernel's duties and for units: the same people who may see the object.

Units have no ``audit_access`` module of their own yet; this one may move to gongkai/orgs.
"""

from __future__ import annotations

from typing import Any

from .access import history_access


def _pk(object_id: str) -> int | None:
    return int(object_id) if object_id.isdigit() else None


@history_access("core.duty")
def _duty(user: Any, object_id: str) -> bool:
    from gongkai.core.duties.models import Duty
    from gongkai.orgs.policy import can

    duty = Duty.objects.filter(pk=_pk(object_id)).only("unit_id", "region_id").first()
    return duty is not None and can(user, "duty.view", duty)


@history_access("orgs.unit")
def _unit(user: Any, object_id: str) -> bool:
    from gongkai.orgs.models import Unit
    from gongkai.orgs.policy import can

    unit = Unit.objects.filter(pk=_pk(object_id)).only("region_id").first()
    return unit is not None and can(user, "unit.view", unit)

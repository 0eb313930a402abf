"""条例第四十四条: from requests to proactive disclosure."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse

from gongkai.core.audit import audit_record
from gongkai.core.duties.services import duty_open
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can

from ..models import DisclosureProposal, ReleasedFile
from ._common import _clean, _today


@transaction.atomic
def disclosure_propose(
    *,
    unit: Unit,
    actor: Any,
    topic: str,
    reason: str,
    released_file: ReleasedFile | None = None,
    request_count: int = 0,
) -> DisclosureProposal:
    """A proposal for the unit to publish proactively what several applicants asked for; opens a
    ``library.propose`` duty in the unit's inbox. The library takes it from there."""
    if actor is None or not can(actor, "inforequest.stats", unit):
        raise PermissionDenied()
    topic = _clean(topic, label="主题", field="topic", max_length=200)
    reason = _clean(reason, label="理由", field="reason", max_length=2000)
    if released_file is not None and released_file.request.unit_id != unit.pk:
        raise GongkaiError("该文件不是本单位答复时提供的文件。", field="released_file")
    if released_file is not None and released_file.proposals.filter(status="open").exists():
        raise GongkaiError("该文件已有待处理的主动公开建议。", field="released_file")
    proposal = DisclosureProposal.objects.create(
        region=unit.region,
        unit=unit,
        released_file=released_file,
        topic=topic,
        reason=reason,
        request_count=max(int(request_count or 0), 0),
        proposed_by=actor,
    )
    duty_open(
        kind="library.propose",
        title=f"建议主动公开：{topic}"[:300],
        unit=unit,
        subject=proposal,
        url=reverse("workspace:inforequests:demand"),
        starts_on=_today(),
        workdays=20,
        actor=actor,
    )
    audit_record(
        actor=actor,
        verb="inforequest.propose",
        obj=proposal,
        after={"topic": topic, "file": released_file.name if released_file else None},
        unit=unit,
    )
    return proposal

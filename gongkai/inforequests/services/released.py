"""Files provided with the reply, scanned (core.text.pii) like the library's documents."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.core.text import pii
from gongkai.orgs.policy import can

from ..models import InfoRequest, ReleasedFile
from ._common import RELEASED_SUFFIXES, _check_file, _clean, _lock, _require


@transaction.atomic
def info_request_release_file(
    *, request: InfoRequest, actor: Any, name: str, content: bytes
) -> ReleasedFile:
    """A file to provide with the reply; its text is scanned (core.text.pii) for personal data
    and secrecy marks, and the reply is refused until every finding is cleared."""
    from gongkai.core.files import extract

    request = _lock(request)
    _require(actor, "inforequest.handle", request)
    if not request.is_open:
        raise GongkaiError("该申请已答复，不能再添加答复文件。")
    name = _clean(name, label="文件名", field="file", max_length=200)
    _check_file(name, content, suffixes=RELEASED_SUFFIXES, what="文件")
    doc = extract(content, name)
    findings = [
        {"kind": f.kind, "label": f.label, "text": f.text, "message": f.message, "start": f.start}
        for f in pii.scan(doc.text)
    ]
    released = ReleasedFile.objects.create(
        request=request,
        file=ContentFile(content, name=name),
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        pages=max(doc.pages or 1, 1),
        text=doc.text[:200_000],
        findings=findings,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        verb="inforequest.release_file",
        obj=request,
        after={"file": name, "findings": len(findings)},
    )
    return released


@transaction.atomic
def info_request_clear_file(*, released: ReleasedFile, actor: Any, note: str) -> ReleasedFile:
    request = _lock(released.request)
    if actor is None or not can(actor, "inforequest.clear_finding", request):
        raise PermissionDenied("只有本单位的保密审查员或单位负责人可以审查通过答复文件。")
    if not released.findings:
        raise GongkaiError("该文件没有需要处理的检查发现。")
    if released.cleared_at is not None:
        raise GongkaiError("该文件已审查通过。")
    note = _clean(note, label="审查意见", field="note", max_length=300)
    released.cleared_by = actor
    released.cleared_at = timezone.now()
    released.cleared_note = note
    released.save(update_fields=["cleared_by", "cleared_at", "cleared_note"])
    audit_record(
        actor=actor,
        verb="inforequest.clear_file",
        obj=request,
        after={"file": released.name, "note": note},
    )
    return released


@transaction.atomic
def info_request_remove_file(*, released: ReleasedFile, actor: Any) -> None:
    request = _lock(released.request)
    _require(actor, "inforequest.handle", request)
    if not request.is_open:
        raise GongkaiError("该申请已答复，答复文件不能删除。")
    if released.proposals.exists():
        raise GongkaiError("该文件已被建议主动公开，不能删除。")
    name = released.name
    released.file.delete(save=False)
    released.delete()
    audit_record(actor=actor, verb="inforequest.remove_file", obj=request, before={"file": name})

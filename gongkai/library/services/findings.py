"""The secrecy and privacy check (保密审查) before publication.

Every submission scans the title, the body and each attachment's text with
`gongkai.core.text.pii.scan`. A finding stays until it is fixed (the text changed and a new scan
no longer finds it) or a 保密审查员 releases it with a reason; the final review is refused while
any finding is open (`open_findings_error`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError
from gongkai.core.text.pii import scan

from ..models import Document, Finding
from ._common import check, now, today


def _texts(document: Document) -> list[tuple[str, Any, str]]:
    texts = [
        (Finding.Source.TITLE, None, document.title),
        (Finding.Source.BODY, None, document.body_text),
    ]
    for attachment in document.attachments.all():
        texts.append((Finding.Source.ATTACHMENT, attachment, attachment.extracted_text))
    return texts


@transaction.atomic
def document_scan(*, document: Document, actor: Any = None) -> list[Finding]:
    """Scan again; new suspicions open, vanished ones become fixed, released ones stay released.

    A finding is "the same" across scans when its place, kind and text match: moving a released
    phone number to another paragraph does not ask the reviewer again.
    """
    existing = {
        (f.source, f.attachment_id, f.kind, f.text): f
        for f in document.findings.exclude(status=Finding.Status.FIXED)
    }
    seen: set[tuple] = set()
    opened = []
    for source, attachment, text in _texts(document):
        for hit in scan(text, today=today()):
            key = (source, attachment.pk if attachment else None, hit.kind, hit.text[:200])
            if key in seen:
                continue
            seen.add(key)
            known = existing.get(key)
            if known is not None:
                if (known.start, known.end) != (hit.start, hit.end):
                    known.start, known.end = hit.start, hit.end
                    known.save(update_fields=["start", "end"])
                continue
            opened.append(
                Finding.objects.create(
                    document=document,
                    source=source,
                    attachment=attachment,
                    kind=hit.kind,
                    text=hit.text[:200],
                    start=hit.start,
                    end=hit.end,
                    message=hit.message[:200],
                )
            )
    fixed = [f for key, f in existing.items() if key not in seen]
    for finding in fixed:
        finding.status, finding.resolved_at = Finding.Status.FIXED, now()
        finding.save(update_fields=["status", "resolved_at"])
    if opened or fixed:
        audit_record(
            actor=actor,
            verb="document.scan",
            obj=document,
            details={
                "新发现": [f"{f.kind_label}：{f.text}" for f in opened],
                "已修改": [f"{f.kind_label}：{f.text}" for f in fixed],
            },
        )
    return list(document.findings.filter(status=Finding.Status.OPEN))


@transaction.atomic
def finding_release(*, actor: Any, finding: Finding, reason: str) -> Finding:
    """A 保密审查员 confirms a finding may be published (e.g. the office's public phone)."""
    document = finding.document
    check(actor, "library.secrecy", document)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    reason = " ".join((reason or "").split())
    if not reason:
        raise GongkaiError(
            "请写明可以公开的理由（如“县政府办公室对外公布的办公电话”）。", field="reason"
        )
    if finding.status != Finding.Status.OPEN:
        raise GongkaiError(f"该项已是“{finding.get_status_display()}”，无需再确认。")
    finding.status, finding.released_by, finding.reason = Finding.Status.RELEASED, actor, reason
    finding.resolved_at = now()
    finding.save(update_fields=["status", "released_by", "reason", "resolved_at"])
    audit_record(
        actor=actor,
        verb="document.finding_release",
        obj=document,
        details={
            "发现": f"{finding.kind_label}：{finding.text}",
            "位置": finding.get_source_display(),
            "理由": reason,
        },
    )
    return finding


def open_findings_error(document: Document) -> GongkaiError | None:
    """The refusal of the final review while findings are open, listing each of them."""
    pending = list(
        document.findings.filter(status=Finding.Status.OPEN).select_related("attachment")
    )
    if not pending:
        return None
    lines = []
    for f in pending:
        where = f"附件“{f.attachment}”" if f.attachment_id else f.get_source_display()
        lines.append(f"{where}中的{f.kind_label}“{f.text}”")
    return GongkaiError(
        f"保密审查尚有 {len(pending)} 项未处理："
        + "；".join(lines)
        + "。请退回经办人修改，或由保密审查员确认可以公开后再终审。",
        code="open_findings",
    )

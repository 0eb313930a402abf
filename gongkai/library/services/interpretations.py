"""政策解读 and 三同步.

三同步 (LAW.md): a 行政规范性文件, or any document flagged as needing an interpretation, does
not pass the final review without a linked interpretation that is approved or published
(不解读不运转), unless the unit head or the office exempts it with a reason. Approved
interpretations are published together with their document.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import GongkaiError

from ..models import Document, Interpretation, InterpretationExemption
from ..richtext import sanitise
from ._common import check, now, public_changed, touch

I = Interpretation.Status  # noqa: E741
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def _clean(*, title: str, forms: list[str], body: str, media_links: list[dict]) -> dict:
    title = " ".join((title or "").split())
    if not title:
        raise GongkaiError("请填写解读标题。", field="title")
    forms = list(dict.fromkeys(forms or []))
    unknown = [f for f in forms if f not in Interpretation.Form.values]
    if unknown:
        raise GongkaiError(f"未知的解读形式：{'、'.join(unknown)}。", field="forms")
    if not forms:
        raise GongkaiError("请至少选择一种解读形式（如文字、图解、简明问答）。", field="forms")
    links = []
    for link in media_links or []:
        url = (link.get("url") or "").strip()
        if not _URL.match(url):
            raise GongkaiError(
                f"媒体链接“{url}”不是以 http:// 或 https:// 开头的网址。", field="media_links"
            )
        links.append({"title": (link.get("title") or "").strip()[:100] or url, "url": url})
    body = sanitise(body)
    if not body and not links:
        raise GongkaiError("请填写解读内容，或给出图解、音视频等的链接。", field="body")
    return {"title": title[:300], "forms": forms, "body": body, "media_links": links}


def _check_documents(unit: Any, documents: list[Document]) -> None:
    for document in documents:
        if document.region_id != unit.region_id:
            raise GongkaiError("只能解读本区域的文件。", field="documents")


@transaction.atomic
def interpretation_create(
    *,
    actor: Any,
    unit: Any,
    title: str,
    forms: list[str],
    body: str = "",
    media_links: list[dict] | None = None,
    documents: list[Document] = (),
) -> Interpretation:
    """谁起草谁解读: the drafting unit's clerks write the interpretation."""
    check(actor, "library.draft", unit)
    data = _clean(title=title, forms=forms, body=body, media_links=media_links or [])
    _check_documents(unit, list(documents))
    interpretation = Interpretation.objects.create(
        region_id=unit.region_id, unit=unit, created_by=actor, **data
    )
    interpretation.documents.set(documents)
    audit_record(
        actor=actor,
        verb="interpretation.create",
        obj=interpretation,
        after={"title": interpretation.title, "forms": interpretation.forms},
        details={"文件": [d.index_no for d in documents]} if documents else None,
    )
    return interpretation


@transaction.atomic
def interpretation_update(
    *,
    actor: Any,
    interpretation: Interpretation,
    title: str,
    forms: list[str],
    body: str = "",
    media_links: list[dict] | None = None,
) -> Interpretation:
    check(actor, "library.draft", interpretation)
    interpretation = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    if interpretation.status != I.DRAFT:
        raise GongkaiError("解读已审定或已发布，不能再修改。")
    data = _clean(title=title, forms=forms, body=body, media_links=media_links or [])
    before = {k: getattr(interpretation, k) for k in ("title", "forms")}
    for key, value in data.items():
        setattr(interpretation, key, value)
    touch(interpretation, list(data))
    audit_record(
        actor=actor,
        verb="interpretation.update",
        obj=interpretation,
        before=before,
        after={k: getattr(interpretation, k) for k in ("title", "forms")},
    )
    return interpretation


@transaction.atomic
def interpretation_link(*, actor: Any, interpretation: Interpretation, document: Document) -> None:
    check(actor, "library.draft", document)
    _check_documents(interpretation.unit, [document])
    if interpretation.status == I.WITHDRAWN:
        raise GongkaiError("该解读已撤回，不能关联。")
    if interpretation.documents.filter(pk=document.pk).exists():
        raise GongkaiError("该解读已关联本文件。")
    interpretation.documents.add(document)
    audit_record(
        actor=actor,
        verb="interpretation.link",
        obj=interpretation,
        details={"文件": document.index_no},
    )
    audit_record(
        actor=actor,
        verb="interpretation.link",
        obj=document,
        details={"解读": interpretation.title},
    )
    if interpretation.status == I.PUBLISHED:
        public_changed(document)


@transaction.atomic
def interpretation_approve(*, actor: Any, interpretation: Interpretation) -> Interpretation:
    """The unit head (the first interpreter) or the final reviewer signs the interpretation off;
    it is published with its document (or at once if the document is already published)."""
    check(actor, "library.sign_off", interpretation)
    interpretation = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    if interpretation.status != I.DRAFT:
        raise GongkaiError(f"解读当前为“{interpretation.get_status_display()}”，不能审定。")
    interpretation.status = I.APPROVED
    touch(interpretation, ["status"])
    audit_record(
        actor=actor,
        verb="interpretation.approve",
        obj=interpretation,
        before={"status": I.DRAFT},
        after={"status": I.APPROVED},
    )
    if interpretation.documents.filter(status=Document.Status.PUBLISHED).exists():
        _publish(interpretation, actor)
    return interpretation


def _publish(interpretation: Interpretation, actor: Any) -> None:
    interpretation.status, interpretation.published_at = I.PUBLISHED, now()
    touch(interpretation, ["status", "published_at"])
    audit_record(
        actor=actor,
        verb="interpretation.publish",
        obj=interpretation,
        before={"status": I.APPROVED},
        after={"status": I.PUBLISHED},
    )
    for document in interpretation.documents.filter(status=Document.Status.PUBLISHED):
        public_changed(document)


def interpretations_publish_with(*, document: Document, actor: Any) -> int:
    """Publish the document's approved interpretations along with it (called by the workflow)."""
    count = 0
    for interpretation in document.interpretations.select_for_update().filter(status=I.APPROVED):
        _publish(interpretation, actor)
        count += 1
    return count


@transaction.atomic
def document_exempt(*, actor: Any, document: Document, reason: str) -> InterpretationExemption:
    check(actor, "library.exempt", document)
    reason = " ".join((reason or "").split())
    if not reason:
        raise GongkaiError("请写明免于解读的理由。", field="reason")
    exemption, _ = InterpretationExemption.objects.update_or_create(
        document=document, defaults={"reason": reason[:300], "by": actor, "at": now()}
    )
    audit_record(actor=actor, verb="document.exempt", obj=document, details={"理由": reason})
    return exemption


def needs_interpretation(document: Document) -> bool:
    return document.is_normative or document.needs_interpretation


def interpretation_requirement_error(document: Document) -> GongkaiError | None:
    if not needs_interpretation(document):
        return None
    if InterpretationExemption.objects.filter(document=document).exists():
        return None
    if document.interpretations.filter(status__in=[I.APPROVED, I.PUBLISHED]).exists():
        return None
    kind = "行政规范性文件" if document.is_normative else "需要解读的文件"
    return GongkaiError(
        f"三同步：{kind}须有已审定的政策解读才能终审。请先撰写并审定解读，"
        "或由单位负责人（或公开办）写明理由免于解读。",
        code="needs_interpretation",
    )

"""Creating and editing documents, their attachments and relations; index numbers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.core.audit import audit_record
from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import duty_cancel, duty_open
from gongkai.core.errors import GongkaiError
from gongkai.core.text.docnumber import parse_doc_number

from .. import attachments as files
from ..models import Attachment, Document, DocumentRelation, IndexCounter
from ..richtext import sanitise, to_text
from ._common import check, now, public_changed, staff_url, today, touch

# What a clerk may set on a draft; the workflow owns status and publication fields.
EDITABLE = [
    "title",
    "doc_number",
    "written_on",
    "topic",
    "genre",
    "keywords",
    "is_normative",
    "needs_interpretation",
    "effective_from",
    "effective_until",
    "disclosure",
    "disclosure_reason",
    "body",
    "summary",
    "scheduled_for",
]
M2M = ["catalog_columns", "standard_areas"]
SUMMARY_MAX = 100  # LAW.md: catalog summaries are kept to about 100 characters


def format_index_no(region: Any, unit: Any, year: int, serial: int) -> str:
    try:
        return region.index_no_format.format(
            unit_code=unit.code, credit_code=unit.credit_code or unit.code, year=year, serial=serial
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise GongkaiError(
            f"本区域的索引号格式“{region.index_no_format}”无法使用（{exc}），请公开办管理员修改。"
            "可用的占位符：{unit_code} {credit_code} {year} {serial}。"
        ) from None


def _counter(unit: Any, year: int) -> IndexCounter:
    counter = IndexCounter.objects.select_for_update().filter(unit=unit, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            return IndexCounter.objects.create(unit=unit, year=year, last=0)
    except IntegrityError:  # another request created it just now; take its row lock
        return IndexCounter.objects.select_for_update().get(unit=unit, year=year)


def allocate_index_no(*, unit: Any, year: int) -> str:
    """The next 索引号 of ``unit`` for ``year``; the counter row lock serialises concurrent calls.

    Numbers already taken (e.g. by imported documents) are skipped, never reused.
    """
    counter = _counter(unit, year)
    while True:
        counter.last += 1
        index_no = format_index_no(unit.region, unit, year, counter.last)
        if not Document.objects.filter(region_id=unit.region_id, index_no=index_no).exists():
            break
    counter.save(update_fields=["last"])
    return index_no


def _clean(document: Document) -> None:
    """Parse, normalise and check the metadata; raise GongkaiError naming the field."""
    document.title = " ".join((document.title or "").split())
    if not document.title:
        raise GongkaiError("请填写标题。", field="title")
    raw = (document.doc_number or "").strip()
    if raw:
        parsed = parse_doc_number(raw)
        document.doc_number = parsed.canonical
        document.issuer_code, document.doc_year = parsed.issuer_code, parsed.year
        document.doc_serial = parsed.number
    else:  # 发文字号 is optional: many public notices have none
        document.doc_number, document.issuer_code = "", ""
        document.doc_year = document.doc_serial = None
    if document.written_on is None:
        raise GongkaiError("请填写成文日期。", field="written_on")
    if document.written_on > today():
        raise GongkaiError("成文日期不能晚于今天。", field="written_on")
    if (
        document.effective_from
        and document.effective_until
        and document.effective_until < document.effective_from
    ):
        raise GongkaiError("有效期至不能早于施行日期。", field="effective_until")
    document.summary = " ".join((document.summary or "").split())
    if len(document.summary) > SUMMARY_MAX:
        raise GongkaiError(
            f"内容概述最多 {SUMMARY_MAX} 个字，现有 {len(document.summary)} 个字，请精简。",
            field="summary",
        )
    document.disclosure_reason = (document.disclosure_reason or "").strip()
    if document.disclosure != Document.Disclosure.PROACTIVE and not document.disclosure_reason:
        # 国办发〔2016〕80号: not disclosing proactively needs a stated legal reason.
        raise GongkaiError(
            f"公开属性为“{document.get_disclosure_display()}”时须写明法律依据和理由。",
            field="disclosure_reason",
        )
    if document.disclosure == Document.Disclosure.PROACTIVE:
        document.disclosure_reason = ""
    document.body = sanitise(document.body)
    document.body_text = to_text(document.body)
    try:
        document.full_clean(exclude=["index_no", "created_by", "submitted_by"])
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise GongkaiError(f"{errors[0]}", field=field) from None


def _sync_publish_duty(document: Document, actor: Any) -> None:
    """条例第二十六条: 主动公开 information is published within 20 working days of being formed."""
    open_duties = Duty.objects.filter(
        kind="library.publish",
        subject_type=document._meta.label_lower,
        subject_id=str(document.pk),
        status=Duty.Status.OPEN,
    )
    wanted = document.disclosure == Document.Disclosure.PROACTIVE and document.status not in (
        Document.Status.PUBLISHED,
        Document.Status.WITHDRAWN,
    )
    duty = open_duties.first()
    if duty is not None and (not wanted or duty.starts_on != document.written_on):
        duty_cancel(duty=duty, actor=actor)
        duty = None
    if wanted and duty is None:
        duty_open(
            kind="library.publish",
            title=f"主动公开：{document.title}",
            unit=document.unit,
            subject=document,
            url=staff_url("library_document", document.pk),
            starts_on=document.written_on,
            workdays=20,
            actor=actor,
        )


@transaction.atomic
def document_create(
    *,
    actor: Any,
    unit: Any,
    title: str,
    written_on: dt.date,
    catalog_columns: Any = (),
    standard_areas: Any = (),
    **fields: Any,
) -> Document:
    check(actor, "library.draft", unit)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"document_create got unexpected fields {sorted(unknown)}")
    document = Document(
        region_id=unit.region_id, unit=unit, title=title, written_on=written_on, **fields
    )
    document.created_by = actor if actor is not None else None
    _clean(document)
    document.index_no = allocate_index_no(unit=unit, year=document.written_on.year)
    document.created_at = document.updated_at = now()
    document.save()
    document.catalog_columns.set(catalog_columns)
    document.standard_areas.set(standard_areas)
    audit_record(
        actor=actor,
        verb="document.create",
        obj=document,
        after={"index_no": document.index_no, "title": document.title, "status": "draft"},
    )
    _sync_publish_duty(document, actor)
    return document


@transaction.atomic
def document_update(
    *,
    actor: Any,
    document: Document,
    catalog_columns: Any = None,
    standard_areas: Any = None,
    **changes: Any,
) -> Document:
    """Change a draft's metadata, body or catalog placement (returned documents are drafts)."""
    check(actor, "library.draft", document)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"document_update got unexpected fields {sorted(unknown)}")
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Document.Status.DRAFT:
        raise GongkaiError(
            f"文件处于“{document.stage_label}”状态，不能修改；如需修改，请审核人退回后再改。"
        )
    before = {f: getattr(document, f) for f in changes}
    for name, value in changes.items():
        setattr(document, name, value)
    _clean(document)
    after = {f: getattr(document, f) for f in changes}
    changed = [f for f in changes if before[f] != after[f]]
    touch(
        document,
        [f for f in EDITABLE if f in changes]
        + ["body_text", "issuer_code", "doc_year", "doc_serial"],
    )
    if catalog_columns is not None:
        document.catalog_columns.set(catalog_columns)
    if standard_areas is not None:
        document.standard_areas.set(standard_areas)
    audit_record(
        actor=actor,
        verb="document.update",
        obj=document,
        before={f: before[f] for f in changed if f not in ("body",)},
        after={f: after[f] for f in changed if f not in ("body",)},
        details={"正文已修改": True} if "body" in changed else None,
    )
    _sync_publish_duty(document, actor)
    if document.findings.exists():
        from .findings import document_scan

        document_scan(document=document, actor=actor)
    return document


@transaction.atomic
def attachment_add(*, actor: Any, document: Document, name: str, data: bytes) -> Attachment:
    """Attach a .docx/.pdf/.xlsx/.jpg/.png to a draft; its text is extracted for the check."""
    check(actor, "library.draft", document)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Document.Status.DRAFT:
        raise GongkaiError("只有草稿可以上传或删除附件。")
    checked = files.read_upload(name=name, data=data)  # raises GongkaiError, nothing saved
    attachment = Attachment(
        document=document,
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(data),
        extracted_text=checked.text,
        sort=document.attachments.count() + 1,
    )
    attachment.file.save(checked.name, files.content(data), save=False)
    try:
        attachment.save()
        touch(document, [])
        audit_record(
            actor=actor,
            verb="document.attach",
            obj=document,
            details={"附件": attachment.original_name, "大小": attachment.size},
        )
        if document.findings.exists():
            from .findings import document_scan

            document_scan(document=document, actor=actor)
    except BaseException:
        # The transaction rolls back: the stored file would belong to no attachment.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    check(actor, "library.draft", attachment.document)
    document = Document.objects.select_for_update().get(pk=attachment.document_id)
    if document.status != Document.Status.DRAFT:
        raise GongkaiError("只有草稿可以上传或删除附件。")
    name = attachment.original_name
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
    touch(document, [])
    audit_record(actor=actor, verb="document.detach", obj=document, details={"附件": name})
    if document.findings.exists():
        from .findings import document_scan

        document_scan(document=document, actor=actor)


@transaction.atomic
def document_relate(
    *, actor: Any, source: Document, target: Document, kind: str
) -> DocumentRelation:
    """Record that ``source`` amends or replaces ``target`` (target shows a banner to it)."""
    check(actor, "library.draft", source)
    return relate(actor=actor, source=source, target=target, kind=kind)


def relate(*, actor: Any, source: Document, target: Document, kind: str) -> DocumentRelation:
    """`document_relate` without the permission check, for other services that already checked."""
    if source.pk == target.pk:
        raise GongkaiError("文件不能修改或替代它自身。")
    if source.region_id != target.region_id:
        raise GongkaiError("只能关联本区域的文件。")
    if kind not in DocumentRelation.Kind.values:
        raise GongkaiError("关系只能是“修改”或“替代”。", field="kind")
    relation, created = DocumentRelation.objects.get_or_create(
        source=source, target=target, kind=kind
    )
    if created:
        audit_record(
            actor=actor,
            verb="document.relate",
            obj=target,
            details={"关系": relation.get_kind_display(), "文件": source.index_no},
        )
        public_changed(target)
    return relation

"""The publication workflow (三审 → publication → withdrawal) and the validity of documents.

The transition table below is the only place a document's status changes. Review levels: a unit
has 1–3 (orgs.Unit.review_levels); a document waits in ``reviewN`` for the level-N reviewer, and
the unit's last level is the final review (终审) — with one level, the only review is 终审.

Each transition is done by a person holding the role in the document's unit: the clerk submits,
the level-N reviewer approves or returns step N, and nobody may review a document they submitted
themselves, at any level (the point of 三审 is a second pair of eyes). Each transition is audited
and each pending review step is a duty in the inbox (`library.review`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.duties.services import close_duties_for, duty_open
from gongkai.core.errors import GongkaiError
from gongkai.orgs.reviews import review_stage_name, reviewer_check

from ..models import Document
from ._common import check, library_settings, now, public_changed, staff_url, today, touch
from .findings import document_scan, open_findings_error
from .interpretations import interpretation_requirement_error, interpretations_publish_with

logger = logging.getLogger("gongkai.library")

S = Document.Status
REVIEWS = (S.REVIEW1, S.REVIEW2, S.REVIEW3)
TRANSITIONS: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("submit", S.DRAFT, S.REVIEW1),
        ("approve", S.REVIEW1, S.REVIEW2),
        ("approve", S.REVIEW2, S.REVIEW3),
        *(("approve", r, S.SCHEDULED) for r in REVIEWS),  # final level, publication later
        *(("approve", r, S.PUBLISHED) for r in REVIEWS),  # final level, publication now
        *(("return", r, S.DRAFT) for r in REVIEWS),  # 退回 at any review, with a reason
        ("publish", S.SCHEDULED, S.PUBLISHED),  # when due (worker) or "publish now"
        ("withdraw", S.PUBLISHED, S.WITHDRAWN),
        ("withdraw", S.SCHEDULED, S.WITHDRAWN),
    }
)

V = Document.Validity
VALIDITY_CHANGES: frozenset[tuple[str, str]] = frozenset(
    {
        (V.VALID, V.AMENDED),
        (V.VALID, V.REPEALED),
        (V.VALID, V.EXPIRED),
        (V.AMENDED, V.REPEALED),
        (V.AMENDED, V.EXPIRED),
    }
)


def _move(
    document: Document,
    verb: str,
    target: str,
    *,
    actor: Any,
    fields: list[str] = (),
    details: dict | None = None,
) -> None:
    source = document.status
    if (verb, source, target) not in TRANSITIONS:
        raise GongkaiError(
            f"文件当前为“{document.stage_label}”，不能{_VERB_LABELS.get(verb, verb)}。",
            code="bad_transition",
        )
    document.status = target
    touch(document, ["status", *fields])
    audit_record(
        actor=actor,
        verb=f"document.{'schedule' if target == S.SCHEDULED else verb}",
        obj=document,
        before={"status": source},
        after={"status": target, **{f: getattr(document, f) for f in fields}},
        details=details,
    )


_VERB_LABELS = {
    "submit": "提交审核",
    "approve": "审核通过",
    "return": "退回",
    "publish": "发布",
    "withdraw": "撤回",
}


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().select_related("unit", "region").get(pk=document.pk)


def _open_review_duty(document: Document, level: int, actor: Any) -> None:
    stage = review_stage_name(level, document.unit.review_levels)
    duty_open(
        kind="library.review",
        title=f"{stage}：{document.title}",
        unit=document.unit,
        subject=document,
        url=staff_url("library_document", document.pk),
        role="reviewer",
        role_level=level,
        starts_on=today(),
        workdays=library_settings(document.region).review_workdays,
        actor=actor,
    )


def _check_reviewer(actor: Any, document: Document) -> int:
    level = document.review_level_pending
    if level is None:
        raise GongkaiError(
            f"文件当前为“{document.stage_label}”，不在审核中。", code="bad_transition"
        )
    if actor is None:
        return level
    check(actor, "library.review", document)
    reviewer_check(
        actor,
        unit=document.unit,
        level=level,
        submitted_by_id=document.submitted_by_id,
        what="文件",
    )
    return level


@transaction.atomic
def document_submit(*, actor: Any, document: Document) -> Document:
    check(actor, "library.draft", document)
    document = _locked(document)
    if document.status == S.DRAFT and not document.body_text and not document.attachments.exists():
        raise GongkaiError("正文和附件不能都为空，请填写正文或上传附件后再提交。")
    document.submitted_by = actor
    document.review_level_done = 0
    _move(document, "submit", S.REVIEW1, actor=actor, fields=["submitted_by", "review_level_done"])
    findings = document_scan(document=document, actor=actor)
    _open_review_duty(document, 1, actor)
    if findings:
        logger.info("document %s submitted with %d open findings", document.pk, len(findings))
    return document


@transaction.atomic
def document_approve(*, actor: Any, document: Document, note: str = "") -> Document:
    document = _locked(document)
    level = _check_reviewer(actor, document)
    details = {"审核意见": note.strip()} if note.strip() else None
    final = level >= document.unit.review_levels
    if final:
        # The final review (终审) is the last gate before the public sees the document.
        for error in (open_findings_error(document), interpretation_requirement_error(document)):
            if error is not None:
                raise error
    close_duties_for(subject=document, kind="library.review", actor=actor)
    document.review_level_done = level
    if not final:
        _move(
            document,
            "approve",
            REVIEWS[level],
            actor=actor,
            fields=["review_level_done"],
            details=details,
        )
        _open_review_duty(document, level + 1, actor)
        return document
    if document.scheduled_for and document.scheduled_for > now():
        _move(
            document,
            "approve",
            S.SCHEDULED,
            actor=actor,
            fields=["review_level_done"],
            details=details,
        )
        return document
    _publish(document, actor=actor, verb="approve", details=details)
    return document


@transaction.atomic
def document_return(*, actor: Any, document: Document, reason: str) -> Document:
    document = _locked(document)
    _check_reviewer(actor, document)
    reason = " ".join((reason or "").split())
    if not reason:
        raise GongkaiError("退回时请写明理由，以便经办人修改。", field="reason")
    close_duties_for(subject=document, kind="library.review", actor=actor)
    document.review_level_done = 0
    _move(
        document,
        "return",
        S.DRAFT,
        actor=actor,
        fields=["review_level_done"],
        details={"退回理由": reason},
    )
    return document


def _publish(document: Document, *, actor: Any, verb: str, details: dict | None = None) -> None:
    document.published_at = now()
    document.published_on = today()
    _move(
        document,
        verb,
        S.PUBLISHED,
        actor=actor,
        fields=["published_at", "published_on", "review_level_done"],
        details=details,
    )
    # 条例第二十六条 is met: the 20-working-day publication duty is done.
    close_duties_for(subject=document, kind="library.publish", actor=actor)
    interpretations_publish_with(document=document, actor=actor)  # 三同步: released together
    public_changed(document)


@transaction.atomic
def document_publish(*, actor: Any, document: Document) -> Document:
    """Publish a scheduled document now (before its time) — the head or the final reviewer."""
    check(actor, "library.sign_off", document)
    document = _locked(document)
    _publish(document, actor=actor, verb="publish")
    return document


@transaction.atomic
def document_withdraw(*, actor: Any, document: Document, reason: str) -> Document:
    check(actor, "library.withdraw", document)
    document = _locked(document)
    reason = " ".join((reason or "").split())
    if not reason:
        raise GongkaiError("撤回时请写明理由。", field="reason")
    document.withdrawn_reason = reason[:300]
    _move(
        document,
        "withdraw",
        S.WITHDRAWN,
        actor=actor,
        fields=["withdrawn_reason"],
        details={"撤回理由": reason},
    )
    public_changed(document)
    return document


@transaction.atomic
def document_set_validity(
    *,
    actor: Any,
    document: Document,
    validity: str,
    note: str = "",
    actor_label: str | None = None,
) -> Document:
    """有效性: 现行有效 → 已修改 / 已废止 / 失效 (已修改 → 已废止 / 失效); never back."""
    document = _locked(document)
    if (document.validity, validity) not in VALIDITY_CHANGES:
        labels = dict(V.choices)
        raise GongkaiError(
            f"文件现为“{labels[document.validity]}”，不能改为“{labels.get(validity, validity)}”。"
        )
    before = document.validity
    document.validity = validity
    fields = ["validity"]
    if validity in (V.REPEALED, V.EXPIRED) and not document.effective_until:
        document.effective_until = today()
        fields.append("effective_until")
    touch(document, fields)
    audit_record(
        actor=actor,
        verb="document.validity",
        obj=document,
        before={"validity": before},
        after={f: getattr(document, f) for f in fields},
        details={"说明": note} if note else None,
        actor_label=actor_label,
    )
    public_changed(document)
    return document


def publish_scheduled(*, now: dt.datetime) -> int:
    """Publish approved documents whose scheduled time has come (actor: 系统)."""
    due = Document.objects.filter(status=S.SCHEDULED, scheduled_for__lte=now).order_by("pk")
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            document = _locked(Document(pk=pk))
            if document.status == S.SCHEDULED:
                _publish(document, actor=None, verb="publish")
                count += 1
    return count


def expire_documents(*, now: dt.datetime) -> int:
    """Documents whose 有效期 has ended become 失效 by themselves (actor: 系统)."""
    from django.utils import timezone

    day = timezone.localtime(now).date()
    due = Document.objects.filter(
        validity__in=[V.VALID, V.AMENDED], effective_until__lt=day
    ).order_by("pk")
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            document_set_validity(
                actor=None,
                document=Document(pk=pk),
                validity=V.EXPIRED,
                note="有效期届满，自动失效",
                actor_label="系统",
            )
            count += 1
    return count

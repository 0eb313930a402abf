"""清理: the office opens a campaign; each unit decides, for each of its current-valid normative
documents, to keep it (继续有效), amend it (修改) or repeal it (废止); the results are published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import duty_cancel, duty_open
from gongkai.core.errors import GongkaiError

from ..models import CleanupCampaign, CleanupReview, Document
from ._common import check, now, staff_url, today
from .documents import relate
from .workflow import document_set_validity

D = CleanupReview.Decision


def cleanup_candidates(*, region: Any, unit: Any | None = None):
    """The documents a campaign reviews: published, currently valid, normative."""
    qs = Document.objects.filter(
        region=region,
        status=Document.Status.PUBLISHED,
        is_normative=True,
        validity__in=[Document.Validity.VALID, Document.Validity.AMENDED],
    )
    return qs.filter(unit=unit) if unit is not None else qs


@transaction.atomic
def cleanup_open(*, actor: Any, region: Any, title: str, closes_on: dt.date) -> CleanupCampaign:
    check(actor, "library.cleanup.manage", region)
    title = " ".join((title or "").split())
    if not title:
        raise GongkaiError("请填写清理工作的名称，如“2026年度行政规范性文件清理”。", field="title")
    if closes_on is None or closes_on <= today():
        raise GongkaiError("截止日期须晚于今天。", field="closes_on")
    if CleanupCampaign.objects.filter(region=region, status=CleanupCampaign.Status.OPEN).exists():
        raise GongkaiError("已有一项清理工作正在进行，请先结束它。")
    campaign = CleanupCampaign.objects.create(
        region=region, title=title[:200], opened_by=actor, closes_on=closes_on
    )
    audit_record(
        actor=actor,
        verb="cleanup.open",
        obj=campaign,
        region=region,
        after={"title": campaign.title, "closes_on": closes_on},
    )
    units = {d.unit for d in cleanup_candidates(region=region).select_related("unit")}
    for unit in sorted(units, key=lambda u: (u.sort, u.pk)):
        duty_open(
            kind="library.cleanup",
            title=f"文件清理：{campaign.title}",
            unit=unit,
            subject=campaign,
            url=staff_url("library_cleanup", campaign.pk),
            fixed_due=closes_on,
            actor=actor,
        )
    return campaign


@transaction.atomic
def cleanup_decide(
    *,
    actor: Any,
    campaign: CleanupCampaign,
    document: Document,
    decision: str,
    note: str = "",
    amended_by: Document | None = None,
) -> CleanupReview:
    """Record the unit's decision; 废止 and 修改 change the document's validity at once."""
    check(actor, "library.cleanup.decide", document)
    campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CleanupCampaign.Status.OPEN:
        raise GongkaiError("该清理工作已结束，不能再提交清理结果。")
    if (
        document.region_id != campaign.region_id
        or not cleanup_candidates(region=campaign.region).filter(pk=document.pk).exists()
    ):
        raise GongkaiError("该文件不是现行有效的行政规范性文件，不在清理范围内。")
    if decision not in D.values:
        raise GongkaiError("请选择清理结果：继续有效、修改或废止。", field="decision")
    note = " ".join((note or "").split())
    if decision != D.CONTINUE and not note:
        raise GongkaiError("决定修改或废止时请写明理由。", field="note")
    if CleanupReview.objects.filter(campaign=campaign, document=document).exists():
        raise GongkaiError("该文件在本次清理中已有结果。")
    review = CleanupReview.objects.create(
        campaign=campaign, document=document, decision=decision, note=note[:300], by=actor
    )
    audit_record(
        actor=actor,
        verb="cleanup.decide",
        obj=document,
        details={"清理": campaign.title, "结果": review.get_decision_display(), "说明": note},
    )
    if decision == D.REPEAL:
        document_set_validity(
            actor=actor,
            document=document,
            validity=Document.Validity.REPEALED,
            note=f"{campaign.title}：{note}",
        )
    elif decision == D.AMEND:
        if document.validity == Document.Validity.VALID:
            document_set_validity(
                actor=actor,
                document=document,
                validity=Document.Validity.AMENDED,
                note=f"{campaign.title}：{note}",
            )
        if amended_by is not None:
            relate(actor=actor, source=amended_by, target=document, kind="amends")
    if (
        not cleanup_candidates(region=campaign.region, unit=document.unit)
        .exclude(cleanup_reviews__campaign=campaign)
        .exists()
    ):
        _close_unit_duty(campaign, document.unit, actor)
    return review


def _close_unit_duty(campaign: CleanupCampaign, unit: Any, actor: Any) -> None:
    from gongkai.core.duties.services import duty_close

    for duty in Duty.objects.filter(
        kind="library.cleanup",
        subject_type=campaign._meta.label_lower,
        subject_id=str(campaign.pk),
        unit=unit,
        status=Duty.Status.OPEN,
    ):
        duty_close(duty=duty, actor=actor)


@transaction.atomic
def cleanup_close(*, actor: Any, campaign: CleanupCampaign) -> CleanupCampaign:
    check(actor, "library.cleanup.manage", campaign.region)
    campaign = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CleanupCampaign.Status.OPEN:
        raise GongkaiError("该清理工作已结束。")
    campaign.status, campaign.closed_at = CleanupCampaign.Status.CLOSED, now()
    campaign.save(update_fields=["status", "closed_at"])
    for duty in Duty.objects.filter(
        kind="library.cleanup",
        subject_type=campaign._meta.label_lower,
        subject_id=str(campaign.pk),
        status=Duty.Status.OPEN,
    ):
        duty_cancel(duty=duty, actor=actor)  # units that did not finish: the office follows up
    audit_record(
        actor=actor,
        verb="cleanup.close",
        obj=campaign,
        before={"status": "open"},
        after={"status": "closed", "reviews": campaign.reviews.count()},
    )
    return campaign

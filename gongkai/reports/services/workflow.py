"""The report's workflow: draft → 三审 (the unit's 1–3 review levels) → published.

The transition table below is the only place a report's status changes. The same review rules
as documents (orgs.reviews): the level-N reviewer of the drafting unit acts at step N, the last
level publishes, nobody reviews what they submitted. Publication is refused while a check of
the form fails or prose is left to write; the deadline duty closes when the report is published.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.duties.services import close_duties_for, duty_open
from gongkai.core.errors import GongkaiError
from gongkai.orgs.reviews import review_stage_name, reviewer_check

from ..models import AnnualReport
from ..prose import placeholders_left
from ..selectors import report_findings
from ._common import check, locked, staff_url, touch

S = AnnualReport.Status
REVIEWS = (S.REVIEW1, S.REVIEW2, S.REVIEW3)
TRANSITIONS: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("submit", S.DRAFT, S.REVIEW1),
        ("approve", S.REVIEW1, S.REVIEW2),
        ("approve", S.REVIEW2, S.REVIEW3),
        *(("approve", r, S.PUBLISHED) for r in REVIEWS),  # the final level publishes
        *(("return", r, S.DRAFT) for r in REVIEWS),
        ("reopen", S.PUBLISHED, S.DRAFT),  # the office reopens a published report to correct it
        ("import", S.DRAFT, S.PUBLISHED),  # an earlier year's report, published elsewhere
    }
)
_VERB_LABELS = {"submit": "提交审核", "approve": "审核通过", "return": "退回", "reopen": "重新打开"}
REVIEW_DUTY = "reports.review"


def _move(report: AnnualReport, verb: str, target: str, *, actor: Any, fields=(), details=None):
    source = report.status
    if (verb, source, target) not in TRANSITIONS:
        raise GongkaiError(
            f"报告当前为“{report.stage_label}”，不能{_VERB_LABELS.get(verb, verb)}。",
            code="bad_transition",
        )
    report.status = target
    touch(report, ["status", *fields])
    audit_record(
        actor=actor,
        verb=f"report.{'publish' if target == S.PUBLISHED and verb == 'approve' else verb}",
        obj=report,
        before={"status": source},
        after={"status": target},
        details=details,
    )


def _publish_blockers(report: AnnualReport) -> list[str]:
    problems = [f.message for f in report_findings(report)]
    left = placeholders_left(report)
    if left:
        problems.append(f"还有 {len(left)} 处“【请补充】”未填写，如：{left[0]}")
    return problems


def _blocked(problems: list[str], doing: str) -> GongkaiError:
    listed = "；".join(problems[:5]) + ("等" if len(problems) > 5 else "")
    return GongkaiError(f"报告还不能{doing}：{listed}", code="checks_failed")


def _open_review_duty(report: AnnualReport, level: int, actor: Any) -> None:
    stage = review_stage_name(level, report.unit.review_levels)
    duty_open(
        kind=REVIEW_DUTY,
        title=f"{stage}：{report.title}",
        unit=report.unit,
        subject=report,
        url=staff_url(report.pk),
        role="reviewer",
        role_level=level,
        starts_on=timezone.localdate(),
        workdays=3,
        actor=actor,
    )


@transaction.atomic
def report_submit(*, actor: Any, report: AnnualReport) -> AnnualReport:
    check(actor, "reports.draft", report)
    report = locked(report)
    if report.source != AnnualReport.Source.GENERATED:
        raise GongkaiError("导入的往年报告无需审核。", code="bad_transition")
    if report.status == S.DRAFT:
        problems = _publish_blockers(report)
        if problems:
            raise _blocked(problems, "提交审核")
    report.submitted_by = actor
    report.review_level_done = 0
    _move(report, "submit", S.REVIEW1, actor=actor, fields=["submitted_by", "review_level_done"])
    _open_review_duty(report, 1, actor)
    return report


def _check_reviewer(actor: Any, report: AnnualReport) -> int:
    level = report.review_level_pending
    if level is None:
        raise GongkaiError(f"报告当前为“{report.stage_label}”，不在审核中。", code="bad_transition")
    if actor is not None:
        check(actor, "reports.review", report)
        reviewer_check(
            actor,
            unit=report.unit,
            level=level,
            submitted_by_id=report.submitted_by_id,
            what="报告",
        )
    return level


@transaction.atomic
def report_approve(
    *, actor: Any, report: AnnualReport, note: str = "", published_on: dt.date | None = None
) -> AnnualReport:
    """``published_on``: only the system (the demo loader, a migration of history) may record
    a publication date other than today."""
    if published_on is not None and actor is not None:
        raise GongkaiError("发布日期由系统记录，不能指定。")
    report = locked(report)
    level = _check_reviewer(actor, report)
    details = {"审核意见": note.strip()[:300]} if note.strip() else None
    final = level >= report.unit.review_levels
    if final:
        problems = _publish_blockers(report)
        if problems:
            raise _blocked(problems, "发布")
    close_duties_for(subject=report, kind=REVIEW_DUTY, actor=actor)
    report.review_level_done = level
    if not final:
        _move(
            report,
            "approve",
            REVIEWS[level],
            actor=actor,
            fields=["review_level_done"],
            details=details,
        )
        _open_review_duty(report, level + 1, actor)
        return report
    report.published_at = timezone.now()
    report.published_on = published_on or timezone.localdate()
    _move(
        report,
        "approve",
        S.PUBLISHED,
        actor=actor,
        fields=["review_level_done", "published_at", "published_on"],
        details=details,
    )
    close_duties_for(subject=report, actor=actor)  # the deadline duty is met
    return report


@transaction.atomic
def report_return(*, actor: Any, report: AnnualReport, reason: str) -> AnnualReport:
    report = locked(report)
    _check_reviewer(actor, report)
    reason = " ".join((reason or "").split())
    if not reason:
        raise GongkaiError("退回时请写明理由，以便经办人修改。", field="reason")
    close_duties_for(subject=report, kind=REVIEW_DUTY, actor=actor)
    report.review_level_done = 0
    _move(
        report,
        "return",
        S.DRAFT,
        actor=actor,
        fields=["review_level_done"],
        details={"退回理由": reason},
    )
    return report


@transaction.atomic
def report_reopen(*, actor: Any, report: AnnualReport, reason: str) -> AnnualReport:
    """Take a published report back to draft to correct it (the office; with a reason). It
    leaves the portal until published again; the deadline duty is open again."""
    check(actor, "reports.manage", report)
    report = locked(report)
    if report.source != AnnualReport.Source.GENERATED:
        raise GongkaiError("导入的往年报告不能重新打开；如有错误，请重新导入。")
    reason = " ".join((reason or "").split())
    if not reason:
        raise GongkaiError("重新打开已发布的报告须写明理由。", field="reason")
    report.review_level_done = 0
    _move(
        report,
        "reopen",
        S.DRAFT,
        actor=actor,
        fields=["review_level_done"],
        details={"理由": reason},
    )
    from .drafting import _open_deadline_duty

    _open_deadline_duty(report, actor)
    return report


def mark_imported(report: AnnualReport, *, actor: Any) -> None:
    """An imported report arrives published (it was published elsewhere, in its year)."""
    if report.status == S.PUBLISHED:
        return
    _move(report, "import", S.PUBLISHED, actor=actor)

"""三审: the review levels every published thing passes (documents, annual reports).

A unit has 1–3 review levels (Unit.review_levels); the level-N reviewer of the unit acts at step N,
the unit's last level is the final review (终审), and nobody reviews what they submitted
themselves, at any level — the point of 三审 is a second pair of eyes.
"""

from __future__ import annotations

from typing import Any

from gongkai.core.errors import GongkaiError

from .policy import reviewer_levels


def review_stage_name(level: int, levels: int) -> str:
    """三审: with 3 levels 初审/复审/终审; with 2 初审/终审; with 1 only 终审."""
    if level >= levels:
        return "终审"
    return "初审" if level == 1 else "复审"


class ReviewStages:
    """For models whose ``status`` has the values review1/review2/review3 and whose ``unit``
    has ``review_levels``: which level is awaited, and the stage as people name it."""

    REVIEW_STATUSES = ("review1", "review2", "review3")

    @property
    def review_level_pending(self) -> int | None:
        """The review level now awaited (1–3), or None outside review."""
        if self.status in self.REVIEW_STATUSES:
            return int(self.status[-1])
        return None

    @property
    def stage_label(self) -> str:
        """初审/复审/终审 as the person reads it: the unit's last level is always 终审."""
        level = self.review_level_pending
        if level is None:
            return self.get_status_display()
        return "待" + review_stage_name(level, self.unit.review_levels)


def reviewer_check(
    actor: Any, *, unit: Any, level: int, submitted_by_id: int | None, what: str = "内容"
) -> None:
    """Raise unless ``actor`` is the unit's level-``level`` reviewer and not the submitter."""
    stage = review_stage_name(level, unit.review_levels)
    if level not in reviewer_levels(actor, unit.pk):
        raise GongkaiError(
            f"本步骤是{stage}，须由本单位的 {level} 级审核人办理。", code="forbidden"
        )
    if submitted_by_id == actor.pk:
        raise GongkaiError(f"不能审核自己提交的{what}，请由其他审核人办理。", code="self_review")

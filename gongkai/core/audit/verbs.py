"""Chinese labels for audit verbs, shown in histories and exports.

Each app registers its own verbs once (at import of its services module):

    register_verbs({"document.publish": "发布", "document.withdraw": "撤回"})

A verb nobody registered is shown as it is, so a missing label never hides an event.
"""

from __future__ import annotations

from collections.abc import Mapping

VERB_LABELS: dict[str, str] = {}


def register_verbs(labels: Mapping[str, str]) -> None:
    """Add or change labels; an app's own registration wins over the defaults below."""
    VERB_LABELS.update(labels)


def verb_label(verb: str) -> str:
    return VERB_LABELS.get(verb, verb)


register_verbs(
    {
        "duty.open": "开立待办",
        "duty.close": "办结",
        "duty.cancel": "撤销",
        "duty.clock": "调整时限（中止/延期）",
        "duty.recompute": "按新日历重算截止日",
        "duty.remind_due_soon": "发送即将到期提醒",
        "duty.remind_overdue": "发送逾期提醒",
        # The calendar's verbs, until gongkai.core.workdays registers its own.
        "workdays.year_set": "录入节假日安排",
        "workdays.year_seed": "导入节假日安排",
    }
)

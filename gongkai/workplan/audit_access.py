"""Who may see the history of ledger objects: the same people who may see the object."""

from __future__ import annotations

from typing import Any

from gongkai.core.audit.access import history_access


def _pk(object_id: str) -> int | None:
    return int(object_id) if object_id.isdigit() else None


@history_access("workplan.workplan")
def _plan(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import WorkPlan

    plan = WorkPlan.objects.filter(pk=_pk(object_id)).first()
    return plan is not None and can(user, "workplan.manage", plan)


@history_access("workplan.task")
def _task(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import Task

    task = Task.objects.select_related("plan").filter(pk=_pk(object_id)).first()
    return task is not None and can(user, "workplan.manage", task.plan)


@history_access("workplan.progressreport")
def _report(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import ProgressReport

    report = (
        ProgressReport.objects.select_related("assignment__task__plan")
        .filter(pk=_pk(object_id))
        .first()
    )
    return report is not None and can(user, "workplan.assignment.view", report.assignment)

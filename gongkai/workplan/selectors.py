"""Reads of the work-plan ledger. Status and overdue are computed here, never stored.

An assignment (one unit's part in a task) stands where its latest *accepted* report puts it;
a report still waiting for the office's review is shown beside the status, not counted. It is
overdue when it is not done and its deadline (the task's, or the year end for 持续推进 tasks)
has passed. A task is done when every part is done, overdue when any part is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.orgs import policy
from gongkai.orgs.models import Region, Unit

from .models import ProgressFile, ProgressReport, Task, TaskAssignment, WorkPlan
from .services import effective_due

S = ProgressReport.Status

# Display states: the four report statuses, plus the two outcomes of a deadline.
STATE_LABELS = {
    "not_started": "未开始",
    "in_progress": "推进中",
    "done": "已完成",
    "ongoing": "持续推进",
}


@dataclass
class PartState:
    assignment: TaskAssignment
    task: Task
    unit: Unit
    due: dt.date
    status: str  # not_started | in_progress | done | ongoing
    percent: int | None
    accepted: ProgressReport | None
    latest: ProgressReport | None  # the newest report, whatever its review
    done_on: dt.date | None
    overdue: bool
    days_left: int

    @property
    def status_label(self) -> str:
        return STATE_LABELS[self.status]

    @property
    def pending(self) -> bool:
        return self.latest is not None and self.latest.review == ProgressReport.Review.PENDING

    @property
    def sent_back(self) -> bool:
        return self.latest is not None and self.latest.review == ProgressReport.Review.SENT_BACK

    @property
    def on_time(self) -> bool | None:
        """Done by the deadline (True), done late (False), not done (None)."""
        if self.status != "done" or self.done_on is None:
            return None
        return self.done_on <= self.due

    @property
    def outcome(self) -> str:
        """回头看: done on time / done late / continuing / not done."""
        if self.status == "done":
            return "on_time" if self.on_time else "late"
        if self.status == "ongoing" and self.task.due is None:
            return "ongoing"
        return "not_done"


def _local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _state(assignment: TaskAssignment, plan: WorkPlan, today: dt.date) -> PartState:
    task = assignment.task
    reports = list(assignment.reports.all())  # prefetched, newest first
    latest = reports[0] if reports else None
    accepted = next((r for r in reports if r.review == ProgressReport.Review.ACCEPTED), None)
    status = accepted.status if accepted else "not_started"
    due = effective_due(task, plan)
    done_on = _local_date(accepted.reported_at) if accepted and status == S.DONE else None
    continuing_ok = status == S.ONGOING and task.due is None and today <= due
    overdue = status != S.DONE and today > due and not continuing_ok
    return PartState(
        assignment=assignment,
        task=task,
        unit=assignment.unit,
        due=due,
        status=status,
        percent=accepted.percent if accepted else None,
        accepted=accepted,
        latest=latest,
        done_on=done_on,
        overdue=overdue,
        days_left=(due - today).days,
    )


def _parts_qs(plan: WorkPlan) -> QuerySet[TaskAssignment]:
    return (
        TaskAssignment.objects.filter(task__plan=plan, unit__isnull=False)
        .select_related("task__section", "unit", "duty")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=ProgressReport.objects.select_related("reported_by").order_by(
                    "-reported_at", "-id"
                ),
            )
        )
        .order_by("task__order", "role", "unit__sort", "unit_id")
    )


def part_states(
    *, plan: WorkPlan, today: dt.date | None = None, unit_ids: set[int] | None = None
) -> list[PartState]:
    today = today or timezone.localdate()
    qs = _parts_qs(plan)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return [_state(a, plan, today) for a in qs]


def part_state(*, assignment: TaskAssignment, today: dt.date | None = None) -> PartState:
    a = _parts_qs(assignment.task.plan).get(pk=assignment.pk)
    return _state(a, assignment.task.plan, today or timezone.localdate())


@dataclass
class TaskState:
    task: Task
    parts: list[PartState]
    pending_names: list[str] = field(default_factory=list)

    @property
    def due(self) -> dt.date | None:
        return self.parts[0].due if self.parts else None

    @property
    def status(self) -> str:
        if not self.parts:
            return "not_started"
        statuses = {p.status for p in self.parts}
        if statuses == {"done"}:
            return "done"
        if statuses <= {"done", "ongoing"}:
            return "ongoing"
        if statuses == {"not_started"}:
            return "not_started"
        return "in_progress"

    @property
    def status_label(self) -> str:
        return STATE_LABELS[self.status]

    @property
    def overdue(self) -> bool:
        return any(p.overdue for p in self.parts)

    @property
    def lead(self) -> list[PartState]:
        return [p for p in self.parts if p.assignment.role == TaskAssignment.Role.LEAD]

    @property
    def support(self) -> list[PartState]:
        return [p for p in self.parts if p.assignment.role == TaskAssignment.Role.SUPPORT]


def task_states(*, plan: WorkPlan, today: dt.date | None = None) -> list[TaskState]:
    parts = part_states(plan=plan, today=today)
    by_task: dict[int, list[PartState]] = {}
    for p in parts:
        by_task.setdefault(p.task.pk, []).append(p)
    pending: dict[int, list[str]] = {}
    for task_id, name in TaskAssignment.objects.filter(
        task__plan=plan, unit__isnull=True
    ).values_list("task_id", "group_name"):
        pending.setdefault(task_id, []).append(name)
    return [
        TaskState(task, by_task.get(task.pk, []), pending.get(task.pk, []))
        for task in plan.tasks.select_related("section").order_by("order")
    ]


# --- the office's board -----------------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    section: int | None = None
    unit: int | None = None
    status: str = ""  # a STATE_LABELS key, or "overdue"
    due_before: dt.date | None = None


def board(
    *, plan: WorkPlan, filters: BoardFilters, today: dt.date | None = None
) -> list[TaskState]:
    """Every task with its parts, filtered: a unit filter keeps the tasks that unit is part of
    (and shows only its part); a status filter applies to the parts shown."""
    rows = []
    for ts in task_states(plan=plan, today=today):
        if filters.section and ts.task.section_id != filters.section:
            continue
        parts = ts.parts
        if filters.unit:
            parts = [p for p in parts if p.unit.pk == filters.unit]
        if filters.status == "overdue":
            parts = [p for p in parts if p.overdue]
        elif filters.status:
            parts = [p for p in parts if p.status == filters.status]
        if filters.due_before:
            parts = [p for p in parts if p.due <= filters.due_before]
        if (filters.unit or filters.status or filters.due_before) and not parts:
            continue
        rows.append(TaskState(ts.task, parts, ts.pending_names))
    return rows


def units_in_plan(*, plan: WorkPlan) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(pk__in=TaskAssignment.objects.filter(task__plan=plan).values("unit_id"))
        .order_by("sort", "id")
        .distinct()
    )


# --- scorecard and look-back ------------------------------------------------------------


@dataclass
class UnitScore:
    unit: Unit
    parts: list[PartState] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def lead(self) -> int:
        return sum(1 for p in self.parts if p.assignment.role == TaskAssignment.Role.LEAD)

    @property
    def done(self) -> int:
        return sum(1 for p in self.parts if p.status == "done")

    @property
    def on_time(self) -> int:
        return sum(1 for p in self.parts if p.on_time is True)

    @property
    def late(self) -> int:
        return sum(1 for p in self.parts if p.on_time is False)

    @property
    def ongoing(self) -> int:
        return sum(1 for p in self.parts if p.outcome == "ongoing")

    @property
    def in_progress(self) -> int:
        return sum(1 for p in self.parts if p.status in ("in_progress", "ongoing"))

    @property
    def overdue(self) -> int:
        return sum(1 for p in self.parts if p.overdue)

    @property
    def not_done(self) -> int:
        return sum(1 for p in self.parts if p.outcome == "not_done")

    @property
    def pending(self) -> int:
        return sum(1 for p in self.parts if p.pending)

    @property
    def rate(self) -> int:
        """Per cent done (continuing tasks reported 持续推进 count as done for the year)."""
        if not self.total:
            return 0
        return round(100 * (self.done + self.ongoing) / self.total)


def scorecard(*, plan: WorkPlan, today: dt.date | None = None) -> list[UnitScore]:
    scores: dict[int, UnitScore] = {}
    for p in part_states(plan=plan, today=today):
        scores.setdefault(p.unit.pk, UnitScore(p.unit)).parts.append(p)
    return sorted(scores.values(), key=lambda s: (s.unit.sort, s.unit.pk))


@dataclass
class LookBack:
    """回头看: what was done on time, late, or not at all, per unit and per task."""

    plan: WorkPlan
    on: dt.date
    units: list[UnitScore]
    tasks: list[TaskState]

    @property
    def totals(self) -> dict[str, int]:
        parts = [p for u in self.units for p in u.parts]
        return {
            "tasks": len(self.tasks),
            "parts": len(parts),
            "on_time": sum(1 for p in parts if p.outcome == "on_time"),
            "late": sum(1 for p in parts if p.outcome == "late"),
            "ongoing": sum(1 for p in parts if p.outcome == "ongoing"),
            "not_done": sum(1 for p in parts if p.outcome == "not_done"),
            "tasks_done": sum(1 for t in self.tasks if t.status in ("done", "ongoing")),
        }

    def summary(self) -> str:
        """One paragraph for the annual report's section 六 (落实上级年度政务公开工作要点等情况)."""
        t = self.totals
        return (
            f"{self.plan.title}共分解任务{t['tasks']}项，落实到单位{t['parts']}项次。"
            f"截至{self.on:%Y年%m月%d日}，按时完成{t['on_time']}项次，逾期完成{t['late']}项次，"
            f"持续推进{t['ongoing']}项次，未完成{t['not_done']}项次。"
        )


def lookback(plan: WorkPlan, today: dt.date | None = None) -> LookBack:
    """The year-end look-back of a plan; the annual report (section 六) calls this."""
    on = today or min(timezone.localdate(), dt.date(plan.year, 12, 31))
    return LookBack(
        plan=plan,
        on=on,
        units=scorecard(plan=plan, today=on),
        tasks=task_states(plan=plan, today=on),
    )


def plans_for_report(*, region: Region, year: int) -> list[WorkPlan]:
    """The region's published or closed plans of a year (for the annual report)."""
    return list(
        WorkPlan.objects.filter(
            region=region,
            year=year,
            status__in=[WorkPlan.Status.PUBLISHED, WorkPlan.Status.CLOSED],
        ).order_by("id")
    )


# --- reminders: 周催办, 月督办, 季度通报 ----------------------------------------------------


@dataclass
class UnitGroup:
    unit: Unit
    items: list[PartState]
    score: UnitScore | None = None


@dataclass
class Sheet:
    kind: str
    title: str
    on: dt.date
    intro: str
    groups: list[UnitGroup]

    @property
    def count(self) -> int:
        return sum(len(g.items) for g in self.groups)

    @property
    def summary(self) -> str:
        return f"涉及{len(self.groups)}个单位、{self.count}项任务"


def _group(parts: list[PartState], scores: dict[int, UnitScore] | None = None) -> list[UnitGroup]:
    groups: dict[int, UnitGroup] = {}
    for p in parts:
        groups.setdefault(p.unit.pk, UnitGroup(p.unit, [])).items.append(p)
    out = sorted(groups.values(), key=lambda g: (g.unit.sort, g.unit.pk))
    for g in out:
        g.score = (scores or {}).get(g.unit.pk)
    return out


def weekly_chase(plan: WorkPlan, today: dt.date) -> Sheet:
    """周催办: parts not done whose deadline falls within the next two weeks."""
    horizon = today + dt.timedelta(days=14)
    parts = [
        p
        for p in part_states(plan=plan, today=today)
        if p.status != "done" and today <= p.due <= horizon and not p.overdue
    ]
    return Sheet(
        "weekly",
        f"{plan.title}周催办",
        today,
        f"以下任务将于{horizon:%Y年%m月%d日}前到期，请责任单位抓紧落实并及时报送进展。",
        _group(parts),
    )


def monthly_supervision(plan: WorkPlan, today: dt.date) -> Sheet:
    """月督办: parts past their deadline and not done."""
    parts = [p for p in part_states(plan=plan, today=today) if p.overdue]
    return Sheet(
        "monthly",
        f"{plan.title}月督办",
        today,
        f"截至{today:%Y年%m月%d日}，以下任务已超过完成时限仍未完成，请责任单位说明情况、限期整改。",
        _group(parts),
    )


def quarter_of(day: dt.date) -> str:
    return f"{day.year}年第{'一二三四'[(day.month - 1) // 3]}季度"


def quarterly_bulletin(plan: WorkPlan, today: dt.date) -> Sheet:
    """季度通报: every unit's scorecard, with its overdue parts listed."""
    scores = scorecard(plan=plan, today=today)
    groups = [UnitGroup(s.unit, [p for p in s.parts if p.overdue], s) for s in scores if s.parts]
    return Sheet(
        "quarterly",
        f"{plan.title}落实情况通报（{quarter_of(today)}）",
        today,
        f"现将截至{today:%Y年%m月%d日}各单位工作要点任务落实情况通报如下。",
        groups,
    )


@dataclass(frozen=True)
class ReminderSpec:
    kind: str
    label: str
    build: Callable[[WorkPlan, dt.date], Sheet]
    unit_message: Callable[[WorkPlan, UnitGroup], str]


def _weekly_message(plan: WorkPlan, g: UnitGroup) -> str:
    first = min(p.due for p in g.items)
    return (
        f"【周催办】{plan.title}中您单位有{len(g.items)}项任务将在两周内到期"
        f"（最早{first:%m月%d日}），请抓紧落实并报送进展。"
    )


def _monthly_message(plan: WorkPlan, g: UnitGroup) -> str:
    return (
        f"【月督办】{plan.title}中您单位有{len(g.items)}项任务已逾期未完成，"
        "请尽快落实并报送进展，说明逾期原因。"
    )


def _quarterly_message(plan: WorkPlan, g: UnitGroup) -> str:
    s = g.score
    if s is None:
        return f"【季度通报】{plan.title}落实情况通报已印发。"
    return (
        f"【季度通报】{plan.title}：您单位承担任务{s.total}项，已完成{s.done}项，"
        f"逾期{s.overdue}项。"
    )


REMINDERS: dict[str, ReminderSpec] = {
    "weekly": ReminderSpec("weekly", "周催办", weekly_chase, _weekly_message),
    "monthly": ReminderSpec("monthly", "月督办", monthly_supervision, _monthly_message),
    "quarterly": ReminderSpec("quarterly", "季度通报", quarterly_bulletin, _quarterly_message),
}


# --- lists and access ---------------------------------------------------------------


def plans_of_region(*, region: Region) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(region=region).order_by("-year", "-id")


def plans_for_units(*, unit_ids: set[int]) -> QuerySet[WorkPlan]:
    return (
        WorkPlan.objects.filter(
            status__in=[WorkPlan.Status.PUBLISHED, WorkPlan.Status.CLOSED],
            tasks__assignments__unit_id__in=unit_ids,
        )
        .distinct()
        .order_by("-year", "-id")
    )


def public_plans(*, region: Region | None) -> QuerySet[WorkPlan]:
    qs = WorkPlan.objects.filter(
        progress_public=True, status__in=[WorkPlan.Status.PUBLISHED, WorkPlan.Status.CLOSED]
    )
    if region is not None:
        qs = qs.filter(region=region)
    return qs.order_by("-year", "-id")


def get_plan(pk: int) -> WorkPlan:
    plan = WorkPlan.objects.select_related("region").filter(pk=pk).first()
    if plan is None:
        raise Http404("没有找到该工作要点。")
    return plan


def get_task(pk: int) -> Task:
    task = Task.objects.select_related("plan__region", "section").filter(pk=pk).first()
    if task is None:
        raise Http404("没有找到该任务。")
    return task


def get_assignment(pk: int) -> TaskAssignment:
    a = (
        TaskAssignment.objects.select_related("task__plan__region", "task__section", "unit")
        .filter(pk=pk, unit__isnull=False)
        .first()
    )
    if a is None:
        raise Http404("没有找到该任务分工。")
    return a


def get_report(pk: int) -> ProgressReport:
    r = ProgressReport.objects.select_related("assignment__task__plan").filter(pk=pk).first()
    if r is None:
        raise Http404("没有找到该进展。")
    return r


def get_file(pk: int) -> ProgressFile:
    f = ProgressFile.objects.select_related("report__assignment__task__plan").filter(pk=pk).first()
    if f is None:
        raise Http404("没有找到该材料。")
    return f


def related_parts(*, user: Any, assignment: TaskAssignment) -> list[TaskAssignment]:
    """The other parts of the same task this person may see (a lead unit sees its supporting
    units' reports; the office sees all)."""
    others = (
        assignment.task.assignments.filter(unit__isnull=False)
        .exclude(pk=assignment.pk)
        .select_related("unit", "task__plan")
        .prefetch_related("reports__files", "reports__reported_by")
        .order_by("role", "unit__sort")
    )
    return [a for a in others if policy.can(user, "workplan.assignment.view", a)]


def unit_parts(*, plan: WorkPlan, user: Any, today: dt.date | None = None) -> list[PartState]:
    """The parts of the plan that belong to the person's units (the unit view)."""
    mine = policy.unit_ids(user)
    return part_states(plan=plan, today=today, unit_ids=mine)

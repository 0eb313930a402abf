"""Writes of the work-plan ledger. Each checks the state, writes, and records an audit event.

import → (review: fix tasks, map names) → publish (a duty per task and unit) → reports → review
of reports (accept / send back) → close at year end. Reminders notify units; they change nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.duties.models import Duty
from gongkai.core.duties.services import close_duties_for, duty_cancel, duty_open
from gongkai.core.errors import GongkaiError
from gongkai.core.files import extract
from gongkai.orgs import policy
from gongkai.orgs.models import Region, Unit

from .matching import locate_lines, resolve_name, unit_matcher
from .models import (
    ProgressFile,
    ProgressReport,
    Section,
    Task,
    TaskAssignment,
    UnresolvedName,
    WorkPlan,
)
from .parsing import ParsedPlan, parse_plan

register_verbs(
    {
        "workplan.import": "导入工作要点",
        "workplan.update": "修改工作要点",
        "workplan.task_update": "修改工作任务",
        "workplan.task_delete": "删除工作任务",
        "workplan.name_map": "指定责任单位",
        "workplan.publish": "发布工作台账",
        "workplan.public": "设置进展公开",
        "workplan.close": "结束工作台账",
        "workplan.report": "报送任务进展",
        "workplan.review": "审核任务进展",
        "workplan.remind": "发送催办督办通报",
    }
)

DUTY_KIND = "workplan.task"
MAX_FILES = 10
MAX_FILE_BYTES = 20 * 1024 * 1024
EVIDENCE_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".jpg", ".jpeg", ".png", ".ofd")
URL = re.compile(r"^(https?://[^\s]+|/[^\s]*)$")


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def effective_due(task: Task, plan: WorkPlan | None = None) -> dt.date:
    """The date a task is followed up against: its own, or the plan's year end when it has none
    (持续推进 / 长期坚持 tasks report by year end for the annual report, 条例第五十条)."""
    return task.due or year_end((plan or task.plan).year)


# --- import ----------------------------------------------------------------------------


def _parse(*, data: bytes | None, filename: str, text: str, year: int | None) -> tuple[Any, Any]:
    if data:
        doc = extract(data, filename or "upload")
    elif text and text.strip():
        from gongkai.core.files import ExtractedDocument

        doc = ExtractedDocument(text=text, kind="txt")
    else:
        raise GongkaiError("请上传工作要点文件，或把工作要点的文字粘贴进来。", field="file")
    return doc, parse_plan(doc, year=year)


def _require_state(plan: WorkPlan, *states: str, doing: str) -> None:
    if plan.status not in states:
        raise GongkaiError(f"工作要点“{plan.title}”{plan.get_status_display()}，不能{doing}。")


def _assign_names(
    *,
    task: Task,
    names: list[str],
    role: str,
    plan: WorkPlan,
    matcher: Any,
    by_name: dict[str, Unit],
    pending: dict[str, bool],
) -> None:
    for name in names:
        resolved = resolve_name(name, matcher, by_name)
        for unit in resolved.units:
            if not task.assignments.filter(unit=unit).exists():
                TaskAssignment.objects.create(task=task, unit=unit, role=role, written=name)
        if resolved.unresolved:
            if not task.assignments.filter(unit__isnull=True, group_name=name).exists():
                TaskAssignment.objects.create(task=task, role=role, written=name, group_name=name)
            pending[name] = pending.get(name, False) or resolved.open_group


@transaction.atomic
def plan_import(
    *,
    actor: Any | None,
    region: Region,
    data: bytes | None = None,
    filename: str = "",
    text: str = "",
    year: int | None = None,
) -> WorkPlan:
    """Read a plan from an uploaded file (or pasted text) and save it for review.

    Nothing is saved when the document cannot be read as a work plan: the parser's Chinese
    message says why (empty, garbled, scanned PDF, not a plan, unreadable table)."""
    doc, parsed = _parse(data=data, filename=filename, text=text, year=year)
    plan_year = year or parsed.year
    if not plan_year:
        raise GongkaiError(
            "没能从标题、文号或日期读出计划年度，请填写年度后重新导入。", field="year"
        )
    if not 2000 <= plan_year <= 2100:
        raise GongkaiError("年度应为四位数年份，如 2026。", field="year")
    plan = WorkPlan(
        region=region,
        title=(parsed.title or filename.rsplit(".", 1)[0] or "未命名工作要点")[:300],
        issuer=parsed.issuer[:200],
        doc_number=parsed.doc_number[:100],
        date=parsed.date,
        year=plan_year,
        source_name=filename[:200],
        source_text=doc.text,
        parsed_from=parsed.source,
        warnings=list(parsed.warnings),
        status=WorkPlan.Status.REVIEW,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if data:
        plan.source_file.save(filename or "plan", ContentFile(data), save=False)
    plan.save()
    _save_tasks(plan, parsed)
    audit_record(
        actor=actor,
        verb="workplan.import",
        obj=plan,
        region=region,
        after={"title": plan.title, "year": plan.year, "tasks": plan.tasks.count()},
        details={
            "source": plan.source_name or "粘贴文字",
            "unresolved": list(plan.unresolved.values_list("name", flat=True)),
        },
    )
    return plan


def _save_tasks(plan: WorkPlan, parsed: ParsedPlan) -> None:
    matcher, by_name = unit_matcher(plan.region)
    sections: dict[str, Section] = {}
    lines = locate_lines(plan.source_text, [t.text for t in parsed.tasks])
    pending: dict[str, bool] = {}
    for order, (item, line) in enumerate(zip(parsed.tasks, lines, strict=True), start=1):
        key = " / ".join(item.path)
        section = None
        if item.path:
            section = sections.get(key)
            if section is None:
                section = Section.objects.create(
                    plan=plan, path=item.path, key=key[:600], order=len(sections) + 1
                )
                sections[key] = section
        task = Task.objects.create(
            plan=plan,
            section=section,
            order=order,
            number=item.number[:20],
            text=item.text,
            due=item.due,
            due_text=item.due_text[:100],
            targets=[t.as_dict() for t in item.targets],
            source_line=line,
        )
        for names, role in (
            (item.lead_units, TaskAssignment.Role.LEAD),
            (item.support_units, TaskAssignment.Role.SUPPORT),
        ):
            _assign_names(
                task=task,
                names=names,
                role=role,
                plan=plan,
                matcher=matcher,
                by_name=by_name,
                pending=pending,
            )
    for name, group in pending.items():
        UnresolvedName.objects.get_or_create(
            plan=plan, name=name[:200], defaults={"is_group": group}
        )


# --- review -----------------------------------------------------------------------------

PLAN_FIELDS = ["title", "issuer", "doc_number", "date", "year"]


@transaction.atomic
def plan_update(*, actor: Any | None, plan: WorkPlan, **changes: Any) -> WorkPlan:
    """Correct what the parser read from the head of the document (title, 文号, date, year)."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    _require_state(plan, WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW, doing="修改")
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise GongkaiError(f"不能修改这些字段：{'、'.join(sorted(unknown))}。")
    if "title" in changes and not (changes["title"] or "").strip():
        raise GongkaiError("请填写工作要点标题。", field="title")
    if "year" in changes and not (changes["year"] and 2000 <= int(changes["year"]) <= 2100):
        raise GongkaiError("年度应为四位数年份，如 2026。", field="year")
    before = {f: getattr(plan, f) for f in changes}
    for field, value in changes.items():
        setattr(plan, field, value.strip() if isinstance(value, str) else value)
    plan.save(update_fields=list(changes) or None)
    audit_record(actor=actor, verb="workplan.update", obj=plan, before=before, after=dict(changes))
    return plan


def _units_of_region(plan: WorkPlan, units: Iterable[Unit]) -> list[Unit]:
    units = list(dict.fromkeys(units))
    for unit in units:
        if unit.region_id != plan.region_id:
            raise GongkaiError(f"“{unit.name}”不是本区域的单位。", field="units")
    return units


@transaction.atomic
def plan_update_task(
    *,
    actor: Any | None,
    task: Task,
    text: str | None = None,
    due: dt.date | None = None,
    clear_due: bool = False,
    due_text: str | None = None,
    lead_units: Iterable[Unit] | None = None,
    support_units: Iterable[Unit] | None = None,
) -> Task:
    """Fix a task during review: its text, its deadline, its lead and supporting units.

    Giving ``lead_units``/``support_units`` replaces the task's resolved units of that role;
    names still waiting for the office's mapping stay until mapped."""
    plan = WorkPlan.objects.select_for_update().get(pk=task.plan_id)
    _require_state(plan, WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW, doing="修改任务")
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = {
        "text": task.text,
        "due": task.due,
        "due_text": task.due_text,
        "units": _unit_summary(task),
    }
    fields = []
    if text is not None:
        if not text.strip():
            raise GongkaiError("任务内容不能为空。", field="text")
        task.text = text.strip()
        fields.append("text")
    if due is not None or clear_due:
        if due is not None and not plan.year - 1 <= due.year <= plan.year + 1:
            raise GongkaiError(f"完成时限 {due} 不在 {plan.year} 年度前后，请检查。", field="due")
        task.due = due
        fields.append("due")
    if due_text is not None:
        task.due_text = due_text.strip()[:100]
        fields.append("due_text")
    if fields:
        task.save(update_fields=fields)
    lead = _units_of_region(plan, lead_units) if lead_units is not None else None
    support = _units_of_region(plan, support_units) if support_units is not None else None
    if lead is not None and support is not None and set(lead) & set(support):
        both = "、".join(u.label for u in set(lead) & set(support))
        raise GongkaiError(f"{both}不能既是牵头单位又是配合单位。", field="units")
    for units, role in ((lead, TaskAssignment.Role.LEAD), (support, TaskAssignment.Role.SUPPORT)):
        if units is None:
            continue
        task.assignments.filter(role=role, unit__isnull=False).exclude(unit__in=units).delete()
        for unit in units:
            existing = task.assignments.filter(unit=unit).first()
            if existing is None:
                TaskAssignment.objects.create(task=task, unit=unit, role=role, written=unit.name)
            elif existing.role != role:
                existing.role = role
                existing.save(update_fields=["role"])
    after = {
        "text": task.text,
        "due": task.due,
        "due_text": task.due_text,
        "units": _unit_summary(task),
    }
    if after != before:
        audit_record(
            actor=actor,
            verb="workplan.task_update",
            obj=task,
            region=plan.region,
            before=before,
            after=after,
        )
    return task


def _unit_summary(task: Task) -> list[str]:
    return [
        f"{a.unit.name if a.unit_id else a.group_name}:{a.role}"
        for a in task.assignments.select_related("unit").order_by("role", "id")
    ]


@transaction.atomic
def plan_delete_task(*, actor: Any | None, task: Task) -> None:
    """Drop a row the parser read as a task by mistake (a note, a repeated header)."""
    plan = WorkPlan.objects.select_for_update().get(pk=task.plan_id)
    _require_state(plan, WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW, doing="删除任务")
    audit_record(
        actor=actor,
        verb="workplan.task_delete",
        obj=task,
        region=plan.region,
        before={"order": task.order, "text": task.text},
    )
    task.delete()
    _drop_orphan_names(plan)


def _drop_orphan_names(plan: WorkPlan) -> None:
    used = set(
        TaskAssignment.objects.filter(task__plan=plan, unit__isnull=True).values_list(
            "group_name", flat=True
        )
    )
    plan.unresolved.filter(mapped_at__isnull=True).exclude(name__in=used).delete()


def _apply_mapping(plan: WorkPlan, name: str, units: list[Unit]) -> int:
    """Replace every pending assignment of ``name`` in ``plan`` by the units; how many tasks."""
    pending = TaskAssignment.objects.filter(task__plan=plan, unit__isnull=True, group_name=name)
    tasks = 0
    for assignment in pending.select_related("task"):
        for unit in units:
            if not assignment.task.assignments.filter(unit=unit).exists():
                TaskAssignment.objects.create(
                    task=assignment.task, unit=unit, role=assignment.role, written=name
                )
        assignment.delete()
        tasks += 1
    return tasks


@transaction.atomic
def name_map(
    *,
    actor: Any | None,
    plan: WorkPlan,
    name: str,
    units: Iterable[Unit] = (),
    ignore: bool = False,
) -> UnresolvedName:
    """The office says which unit(s) a name in the plan means — once.

    A name mapped to one unit becomes that unit's alias (so the next plan resolves it by
    itself); a group phrase (相关部门) is mapped to the units chosen for this plan only. Every task
    of this plan — and of the region's other plans under review — that names it is re-resolved.
    ``ignore`` drops the name from the tasks (it is not a unit: a stray note)."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    _require_state(plan, WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW, doing="指定责任单位")
    entry = UnresolvedName.objects.select_for_update().filter(plan=plan, name=name).first()
    if entry is None:
        raise GongkaiError(f"本工作要点中没有待指定的单位名称“{name}”。", field="name")
    units = _units_of_region(plan, units)
    if not units and not ignore:
        raise GongkaiError(f"请为“{name}”选择至少一个单位，或选择“不指定单位”。", field="units")
    alias_to = None
    if len(units) == 1 and not entry.is_group and not ignore:
        unit = units[0]
        from gongkai.orgs.services import unit_update

        if name not in (unit.name, unit.short_name) and not unit.aliases.filter(alias=name):
            unit_update(actor=actor, unit=unit, aliases_add=[name])
        alias_to = unit
    tasks = _apply_mapping(plan, name, [] if ignore else units)
    others = 0
    if alias_to is not None:
        for other in WorkPlan.objects.filter(
            region_id=plan.region_id, status__in=[WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW]
        ).exclude(pk=plan.pk):
            moved = _apply_mapping(other, name, [alias_to])
            if moved:
                _mark_mapped(other.unresolved.filter(name=name).first(), actor, [alias_to], False)
                others += moved
    _mark_mapped(entry, actor, units, ignore)
    audit_record(
        actor=actor,
        verb="workplan.name_map",
        obj=plan,
        after={"name": name, "units": [u.name for u in units], "ignore": ignore},
        details={"tasks": tasks, "other_plans_tasks": others, "alias": bool(alias_to)},
    )
    return entry


def _mark_mapped(entry: UnresolvedName | None, actor: Any, units: list[Unit], ignore: bool):
    if entry is None:
        return
    entry.ignored = ignore
    entry.mapped_by = actor if getattr(actor, "is_authenticated", False) else None
    entry.mapped_at = timezone.now()
    entry.save(update_fields=["ignored", "mapped_by", "mapped_at"])
    entry.units.set(units)


# --- publish ----------------------------------------------------------------------------


def assignment_url(assignment: TaskAssignment) -> str:
    try:
        return reverse("workspace:workplan:part", kwargs={"pk": assignment.pk})
    except NoReverseMatch:
        return ""


def _duty_title(task: Task, plan: WorkPlan, *, sent_back: bool = False) -> str:
    prefix = "【退回】" if sent_back else ""
    note = "（持续推进，年底前报送落实情况）" if task.due is None else ""
    return f"{prefix}工作要点任务{task.order}：{task.text[:80]}{note}"


def _open_duty(assignment: TaskAssignment, *, actor: Any, sent_back: bool = False) -> Duty:
    task = assignment.task
    return duty_open(
        kind=DUTY_KIND,
        title=_duty_title(task, task.plan, sent_back=sent_back),
        unit=assignment.unit,
        subject=assignment,
        url=assignment_url(assignment),
        fixed_due=effective_due(task),
        actor=actor,
    )


@transaction.atomic
def plan_publish(*, actor: Any | None, plan: WorkPlan) -> int:
    """Publish the ledger: each (task, unit) pair becomes a duty in that unit's inbox, due on the
    task's deadline — or, for a task with no date (持续推进, 长期坚持), on the plan's year end,
    when the unit reports what it did for the annual report. Returns the number of duties."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    _require_state(plan, WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW, doing="发布")
    open_names = list(plan.unresolved.filter(mapped_at__isnull=True).values_list("name", flat=True))
    if open_names:
        raise GongkaiError(
            f"还有 {len(open_names)} 个单位名称没有指定对应单位（{'、'.join(open_names[:5])}"
            f"{'等' if len(open_names) > 5 else ''}），请先在“待指定单位”中处理。"
        )
    tasks = list(plan.tasks.order_by("order"))
    if not tasks:
        raise GongkaiError("这份工作要点没有任务，不能发布。")
    without = [t.order for t in tasks if not t.assignments.filter(unit__isnull=False).exists()]
    if without:
        shown = "、".join(str(n) for n in without[:10])
        raise GongkaiError(f"第 {shown} 项任务还没有责任单位，请在审核页为其指定单位后再发布。")
    count = 0
    for assignment in (
        TaskAssignment.objects.filter(task__plan=plan, unit__isnull=False)
        .select_related("task__plan", "unit")
        .order_by("task__order", "role", "id")
    ):
        assignment.duty = _open_duty(assignment, actor=actor)
        assignment.save(update_fields=["duty"])
        count += 1
    plan.status = WorkPlan.Status.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        verb="workplan.publish",
        obj=plan,
        before={"status": "review"},
        after={"status": plan.status},
        details={"duties": count, "tasks": len(tasks)},
    )
    return count


@transaction.atomic
def plan_set_public(*, actor: Any | None, plan: WorkPlan, public: bool) -> WorkPlan:
    """Show (or stop showing) the plan's progress on the portal (条例第十九条: 主动公开)."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if public:
        _require_state(
            plan, WorkPlan.Status.PUBLISHED, WorkPlan.Status.CLOSED, doing="向社会公开进展"
        )
    if plan.progress_public == public:
        return plan
    plan.progress_public = public
    plan.save(update_fields=["progress_public"])
    audit_record(
        actor=actor,
        verb="workplan.public",
        obj=plan,
        before={"progress_public": not public},
        after={"progress_public": public},
    )
    return plan


@transaction.atomic
def plan_close(*, actor: Any | None, plan: WorkPlan) -> WorkPlan:
    """End the year's ledger after the look-back: open duties are withdrawn, reports stay."""
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    _require_state(plan, WorkPlan.Status.PUBLISHED, doing="结束")
    for duty in Duty.objects.filter(
        kind=DUTY_KIND,
        status=Duty.Status.OPEN,
        pk__in=TaskAssignment.objects.filter(task__plan=plan).values("duty_id"),
    ):
        duty_cancel(duty=duty, actor=actor)
    plan.status = WorkPlan.Status.CLOSED
    plan.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="workplan.close",
        obj=plan,
        before={"status": "published"},
        after={"status": plan.status},
    )
    return plan


# --- follow-up --------------------------------------------------------------------------


def _clean_urls(urls: Iterable[str]) -> list[str]:
    out: list[str] = []
    for url in urls:
        url = (url or "").strip()
        if not url:
            continue
        if not URL.match(url) or len(url) > 500:
            raise GongkaiError(
                f"佐证链接“{url[:60]}”不是有效的网址，"
                "请填写以 http:// 或 https:// 开头的完整地址。",
                field="evidence_urls",
            )
        if url not in out:
            out.append(url)
    return out


def _check_files(files: list[tuple[str, bytes]]) -> None:
    if len(files) > MAX_FILES:
        raise GongkaiError(f"每次最多上传 {MAX_FILES} 个佐证材料。", field="files")
    for name, data in files:
        if not data:
            raise GongkaiError(f"佐证材料“{name}”是空文件，请检查后重新上传。", field="files")
        if len(data) > MAX_FILE_BYTES:
            raise GongkaiError(
                f"佐证材料“{name}”超过 {MAX_FILE_BYTES // 1024 // 1024} MB，请压缩后上传。",
                field="files",
            )
        if not name.lower().endswith(EVIDENCE_SUFFIXES):
            raise GongkaiError(
                f"佐证材料“{name}”的类型不支持。请上传 PDF、Word、Excel 或图片文件。",
                field="files",
            )


@transaction.atomic
def progress_report(
    *,
    actor: Any,
    assignment: TaskAssignment,
    status: str,
    text: str,
    percent: int | None = None,
    evidence_urls: Iterable[str] = (),
    files: Iterable[tuple[str, bytes]] = (),
    library_document_ids: Iterable[int] = (),
    at: dt.datetime | None = None,
) -> ProgressReport:
    """A unit reports how its part of a task stands. 已完成 closes the unit's duty; the office
    then accepts the report or sends it back."""
    assignment = TaskAssignment.objects.select_related("task__plan", "unit").get(pk=assignment.pk)
    policy.require(actor, "workplan.report", assignment)
    plan = assignment.task.plan
    _require_state(plan, WorkPlan.Status.PUBLISHED, doing="报送进展")
    if status not in ProgressReport.Status.values:
        raise GongkaiError("请选择进展情况：未开始、推进中、已完成或持续推进。", field="status")
    text = (text or "").strip()
    if not text:
        raise GongkaiError("请填写落实情况。", field="text")
    if percent is not None and not 0 <= percent <= 100:
        raise GongkaiError("完成比例应在 0 到 100 之间。", field="percent")
    if status == ProgressReport.Status.DONE:
        percent = 100
    elif status == ProgressReport.Status.NOT_STARTED and percent is None:
        percent = 0
    urls = _clean_urls(evidence_urls)
    files = list(files)
    _check_files(files)
    report = ProgressReport.objects.create(
        assignment=assignment,
        status=status,
        percent=percent,
        text=text,
        evidence_urls=urls,
        library_document_ids=[int(i) for i in library_document_ids],
        reported_by=actor,
        reported_at=at or timezone.now(),
    )
    for name, data in files:
        item = ProgressFile(report=report, name=name[:200], size=len(data))
        item.file.save(name, ContentFile(data), save=False)
        item.save()
    if status == ProgressReport.Status.DONE:
        close_duties_for(subject=assignment, kind=DUTY_KIND, actor=actor)
    audit_record(
        actor=actor,
        verb="workplan.report",
        obj=report,
        unit=assignment.unit,
        region=plan.region,
        after={"status": status, "percent": percent, "urls": urls, "files": len(files)},
        details={"task": assignment.task.order, "plan": plan.pk},
    )
    return report


@transaction.atomic
def progress_review(
    *, actor: Any, report: ProgressReport, accept: bool, comment: str = ""
) -> ProgressReport:
    """The office accepts a report, or sends it back with a comment: the unit's duty reopens
    (a fresh duty with the task's deadline) and its staff are told why."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    assignment = TaskAssignment.objects.select_related("task__plan", "unit", "duty").get(
        pk=report.assignment_id
    )
    plan = assignment.task.plan
    policy.require(actor, "workplan.manage", plan)
    _require_state(plan, WorkPlan.Status.PUBLISHED, doing="审核进展")
    if report.review != ProgressReport.Review.PENDING:
        raise GongkaiError(f"这条进展已{report.get_review_display()}，不能再次审核。")
    comment = (comment or "").strip()
    if not accept and not comment:
        raise GongkaiError("退回时请写明退回理由，告诉单位需要补充什么。", field="comment")
    report.review = ProgressReport.Review.ACCEPTED if accept else ProgressReport.Review.SENT_BACK
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.review_comment = comment
    report.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_comment"])
    if not accept and (assignment.duty is None or assignment.duty.status != Duty.Status.OPEN):
        assignment.duty = _open_duty(assignment, actor=actor, sent_back=True)
        assignment.save(update_fields=["duty"])
    if not accept:
        from gongkai.core.duties.models import Notification
        from gongkai.core.notify import notify

        for person in _unit_people(assignment.unit):
            notify(
                recipient=person,
                kind=Notification.Kind.INFO,
                message=f"公开办退回了您单位报送的工作要点任务{assignment.task.order}进展：{comment}",
                url=assignment_url(assignment),
            )
    audit_record(
        actor=actor,
        verb="workplan.review",
        obj=report,
        unit=assignment.unit,
        region=plan.region,
        before={"review": "pending"},
        after={"review": report.review, "comment": comment},
    )
    return report


def _unit_people(unit: Unit) -> list[Any]:
    from gongkai.orgs.models import RoleAssignment
    from gongkai.orgs.roles import Role

    seen: dict[int, Any] = {}
    for ra in RoleAssignment.objects.filter(
        unit=unit, role__in=[Role.CLERK, Role.HEAD], user__is_active=True
    ).select_related("user"):
        seen.setdefault(ra.user_id, ra.user)
    return list(seen.values())


def _office_people(region: Region) -> list[Any]:
    from gongkai.orgs.selectors import office_admins_of_region

    return [ra.user for ra in office_admins_of_region(region=region) if ra.user.is_active]


# --- reminders --------------------------------------------------------------------------


@transaction.atomic
def plan_remind(*, plan: WorkPlan, kind: str, today: dt.date, actor: Any | None = None) -> int:
    """Send the weekly chase (周催办), monthly supervision list (月督办) or quarterly bulletin
    (季度通报): each unit on the list is told about its items, the office gets the whole list.
    Returns the number of notices sent."""
    from gongkai.core.duties.models import Notification
    from gongkai.core.notify import notify

    from . import selectors

    spec = selectors.REMINDERS.get(kind)
    if spec is None:
        raise GongkaiError("没有这种提醒。")
    sheet = spec.build(plan, today)
    url = ""
    with contextlib.suppress(NoReverseMatch):
        url = reverse("workspace:workplan:reminder", kwargs={"pk": plan.pk, "kind": kind})
    notice_kind = {
        "weekly": Notification.Kind.DUE_SOON,
        "monthly": Notification.Kind.OVERDUE,
    }.get(kind, Notification.Kind.INFO)
    sent = 0
    for group in sheet.groups:
        if not group.items:
            continue
        message = spec.unit_message(plan, group)
        for person in _unit_people(group.unit):
            part_url = assignment_url(group.items[0].assignment) if group.items else url
            notify(recipient=person, kind=notice_kind, message=message, url=part_url)
            sent += 1
    if sheet.groups:
        for person in _office_people(plan.region):
            notify(
                recipient=person,
                kind=notice_kind,
                message=f"{plan.title}：{spec.label}已生成（{sheet.summary}）。",
                url=url,
            )
            sent += 1
    audit_record(
        actor=actor,
        verb="workplan.remind",
        obj=plan,
        after={"kind": kind, "on": today, "units": len(sheet.groups), "notices": sent},
    )
    return sent

"""工作要点台账 in the workspace: import, review, publish; board, unit view, reports; exports.

Thin: every write is a service, every read a selector; access is the named rule on each view.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs import policy
from gongkai.orgs.models import Unit
from gongkai.orgs.policy import can, staff_rule

from . import exports, selectors, services
from .forms import ImportForm, MapForm, PlanForm, ReportForm, ReviewForm, TaskForm, first_error
from .models import ProgressReport, TaskAssignment, WorkPlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan(request: HttpRequest, pk: int, **_: object) -> WorkPlan:
    return selectors.get_plan(pk)


def _task(request: HttpRequest, pk: int) -> object:
    return selectors.get_task(pk).plan


def _part(request: HttpRequest, pk: int) -> TaskAssignment:
    return selectors.get_assignment(pk)


def _report_plan(request: HttpRequest, pk: int) -> WorkPlan:
    return selectors.get_report(pk).assignment.task.plan


def _file_part(request: HttpRequest, pk: int) -> TaskAssignment:
    return selectors.get_file(pk).report.assignment


def _region(request: HttpRequest):
    return getattr(request, "region", None)


def _today(request: HttpRequest) -> dt.date:
    """Today, or the date the office asks about (?on=2026-06-20: what the list said then)."""
    raw = request.GET.get("on", "")
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _region_units(plan: WorkPlan):
    return Unit.objects.filter(region_id=plan.region_id, is_active=True).order_by("sort", "id")


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --- lists and import -------------------------------------------------------------------


@staff_rule("workspace.enter")
def plan_list(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    manage = region is not None and can(request.user, "workplan.manage", region)
    if manage:
        plans = selectors.plans_of_region(region=region)
    else:
        plans = selectors.plans_for_units(unit_ids=policy.unit_ids(request.user))
    return render(request, "workplan/plans.html", {"plans": plans, "manage": manage})


@staff_rule("workplan.manage", get_object=lambda request: _region(request))
def plan_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, first_error(form))
        else:
            upload = form.cleaned_data["file"]
            try:
                plan = services.plan_import(
                    actor=request.user,
                    region=request.region,
                    data=upload.read() if upload else None,
                    filename=upload.name if upload else "",
                    text=form.cleaned_data["text"] or "",
                    year=form.cleaned_data["year"],
                )
            except GongkaiError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    f"已读取“{plan.title}”：{plan.tasks.count()}项任务。请核对后发布。",
                )
                return redirect("workspace:workplan:review", pk=plan.pk)
    return render(request, "workplan/import.html", {"form": form})


@staff_rule("workplan.view", get_object=_plan)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    if can(request.user, "workplan.manage", plan):
        if plan.status in (WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW):
            return redirect("workspace:workplan:review", pk=plan.pk)
        return redirect("workspace:workplan:board", pk=plan.pk)
    return redirect("workspace:workplan:mine", pk=plan.pk)


# --- review ---------------------------------------------------------------------------------


@staff_rule("workplan.manage", get_object=_plan)
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    states = selectors.task_states(plan=plan)
    selected = None
    raw = request.GET.get("task", "")
    if raw.isdigit():
        selected = next((s for s in states if s.task.pk == int(raw)), None)
    if selected is None and states:
        selected = states[0]
    units = list(_region_units(plan))
    task_form = None
    if selected is not None:
        t = selected.task
        task_form = TaskForm(
            units=units,
            initial={
                "text": t.text,
                "due": t.due,
                "due_text": t.due_text,
                "lead": [p.unit.pk for p in selected.lead],
                "support": [p.unit.pk for p in selected.support],
            },
        )
    lines = plan.source_text.splitlines()
    highlight = selected.task.source_line if selected else None
    context = {
        "plan": plan,
        "states": states,
        "selected": selected,
        "task_form": task_form,
        "units": units,
        "source_lines": [(i, line, i == highlight) for i, line in enumerate(lines)],
        "highlight": highlight,
        "open_names": plan.unresolved.filter(mapped_at__isnull=True).count(),
        "plan_form": PlanForm(
            initial={
                "title": plan.title,
                "doc_number": plan.doc_number,
                "issuer": plan.issuer,
                "year": plan.year,
            }
        ),
        "editable": plan.status in (WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW),
    }
    return render(request, "workplan/review.html", context)


@staff_rule("workplan.manage", get_object=_plan)
@require_POST
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        try:
            services.plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已保存工作要点信息。")
    return redirect("workspace:workplan:review", pk=plan.pk)


@staff_rule("workplan.manage", get_object=_task)
@require_POST
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task(pk)
    plan = task.plan
    form = TaskForm(request.POST, units=_region_units(plan))
    back = f"{_review_url(plan)}?task={task.pk}"
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect(back)
    data = form.cleaned_data
    by_id = {u.pk: u for u in _region_units(plan)}
    try:
        services.plan_update_task(
            actor=request.user,
            task=task,
            text=data["text"],
            due=data["due"],
            clear_due=data["due"] is None,
            due_text=data["due_text"],
            lead_units=[by_id[i] for i in data["lead"]],
            support_units=[by_id[i] for i in data["support"]],
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已保存第{task.order}项任务。")
    return redirect(back)


def _review_url(plan: WorkPlan) -> str:
    from django.urls import reverse

    return reverse("workspace:workplan:review", kwargs={"pk": plan.pk})


@staff_rule("workplan.manage", get_object=_task)
@require_POST
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task(pk)
    plan = task.plan
    try:
        services.plan_delete_task(actor=request.user, task=task)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已删除第{task.order}项任务。")
    return redirect("workspace:workplan:review", pk=plan.pk)


@staff_rule("workplan.manage", get_object=_plan)
def plan_names(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    units = list(_region_units(plan))
    if request.method == "POST":
        data = request.POST.copy()
        data.setlist("units", [v for v in data.getlist("units") if v])
        form = MapForm(data, units=units)
        if not form.is_valid():
            messages.error(request, first_error(form))
        else:
            by_id = {u.pk: u for u in units}
            chosen = [by_id[i] for i in form.cleaned_data["units"]]
            try:
                services.name_map(
                    actor=request.user,
                    plan=plan,
                    name=form.cleaned_data["name"],
                    units=chosen,
                    ignore=form.cleaned_data["ignore"],
                )
            except GongkaiError as exc:
                messages.error(request, exc.message)
            else:
                done = "、".join(u.name for u in chosen) or "不指定单位"
                messages.success(request, f"“{form.cleaned_data['name']}”已指定为：{done}。")
        return redirect("workspace:workplan:names", pk=plan.pk)
    entries = plan.unresolved.prefetch_related("units").order_by("mapped_at", "id")
    tasks_by_name: dict[str, list[int]] = {}
    for name, order in TaskAssignment.objects.filter(
        task__plan=plan, unit__isnull=True
    ).values_list("group_name", "task__order"):
        tasks_by_name.setdefault(name, []).append(order)
    rows = [{"entry": e, "tasks": tasks_by_name.get(e.name, [])} for e in entries]
    return render(
        request,
        "workplan/names.html",
        {
            "plan": plan,
            "rows": rows,
            "units": units,
            "editable": plan.status in (WorkPlan.Status.DRAFT, WorkPlan.Status.REVIEW),
        },
    )


@staff_rule("workplan.manage", get_object=_plan)
@require_POST
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    try:
        count = services.plan_publish(actor=request.user, plan=plan)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("workspace:workplan:review", pk=plan.pk)
    messages.success(request, f"已发布工作台账，向各责任单位派发待办 {count} 件。")
    return redirect("workspace:workplan:board", pk=plan.pk)


@staff_rule("workplan.manage", get_object=_plan)
@require_POST
def plan_public(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    public = request.POST.get("public") == "1"
    try:
        services.plan_set_public(actor=request.user, plan=plan, public=public)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "已在门户网站公开落实进展。" if public else "已停止公开落实进展。"
        )
    return redirect("workspace:workplan:board", pk=plan.pk)


@staff_rule("workplan.manage", get_object=_plan)
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    try:
        services.plan_close(actor=request.user, plan=plan)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已结束本年度工作台账，未办结的待办已撤销。")
    return redirect("workspace:workplan:lookback", pk=plan.pk)


# --- follow-up ------------------------------------------------------------------------------


STATUS_FILTERS = [("", "全部"), *selectors.STATE_LABELS.items(), ("overdue", "已逾期")]


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@staff_rule("workplan.manage", get_object=_plan)
def plan_board(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    status = request.GET.get("status", "")
    due_before = None
    try:
        due_before = dt.date.fromisoformat(request.GET.get("due_before", "") or "")
    except ValueError:
        due_before = None
    filters = selectors.BoardFilters(
        section=_int(request.GET.get("section")),
        unit=_int(request.GET.get("unit")),
        status=status if status in dict(STATUS_FILTERS) else "",
        due_before=due_before,
    )
    today = _today(request)
    rows = selectors.board(plan=plan, filters=filters, today=today)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    pending = ProgressReport.objects.filter(
        assignment__task__plan=plan, review=ProgressReport.Review.PENDING
    ).count()
    context = {
        "plan": plan,
        "page": page,
        "filters": filters,
        "status_filters": STATUS_FILTERS,
        "sections": plan.sections.order_by("order"),
        "units": selectors.units_in_plan(plan=plan),
        "query": query.urlencode(),
        "today": today,
        "total": len(rows),
        "pending_reviews": pending,
    }
    return render(request, "workplan/board.html", context)


@staff_rule("workplan.view", get_object=_plan)
def plan_mine(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    parts = selectors.unit_parts(plan=plan, user=request.user, today=_today(request))
    return render(
        request,
        "workplan/mine.html",
        {"plan": plan, "parts": parts, "manage": can(request.user, "workplan.manage", plan)},
    )


@staff_rule("workplan.assignment.view", get_object=_part)
def part_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = request.gongkai_object
    plan = assignment.task.plan
    state = selectors.part_state(assignment=assignment)
    reports = assignment.reports.select_related("reported_by", "reviewed_by").prefetch_related(
        "files"
    )
    others = selectors.related_parts(user=request.user, assignment=assignment)
    context = {
        "plan": plan,
        "part": assignment,
        "task": assignment.task,
        "state": state,
        "reports": reports,
        "others": others,
        "may_report": can(request.user, "workplan.report", assignment)
        and plan.status == WorkPlan.Status.PUBLISHED,
        "may_review": can(request.user, "workplan.manage", plan)
        and plan.status == WorkPlan.Status.PUBLISHED,
        "form": ReportForm(initial={"status": state.status}),
    }
    return render(request, "workplan/part.html", context)


@staff_rule("workplan.report", get_object=_part)
@require_POST
def part_report(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = request.gongkai_object
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("workspace:workplan:part", pk=assignment.pk)
    files = [(f.name, f.read()) for f in request.FILES.getlist("files")]
    try:
        services.progress_report(
            actor=request.user,
            assignment=assignment,
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            percent=form.cleaned_data["percent"],
            evidence_urls=form.cleaned_data["evidence_urls"].splitlines(),
            files=files,
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已报送进展，等待公开办审核。")
    return redirect("workspace:workplan:part", pk=assignment.pk)


@staff_rule("workplan.manage", get_object=_report_plan)
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report(pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.progress_review(
                actor=request.user,
                report=report,
                accept=accept,
                comment=form.cleaned_data["comment"],
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, "已认可该进展。" if accept else "已退回，单位待办已重新打开。"
            )
    return redirect("workspace:workplan:part", pk=report.assignment_id)


@staff_rule("workplan.assignment.view", get_object=_file_part)
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_file(pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("文件已不存在。") from None
    return FileResponse(handle, as_attachment=True, filename=item.name)


# --- views of the whole ledger --------------------------------------------------------------


@staff_rule("workplan.manage", get_object=_plan)
def plan_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    today = _today(request)
    scores = selectors.scorecard(plan=plan, today=today)
    return render(
        request, "workplan/scorecard.html", {"plan": plan, "scores": scores, "today": today}
    )


@staff_rule("workplan.manage", get_object=_plan)
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    today = _today(request)
    data = exports.ledger_xlsx(plan, selectors.task_states(plan=plan, today=today), today=today)
    return _attachment(data, XLSX, f"{plan.title}工作台账{today:%Y%m%d}.xlsx")


@staff_rule("workplan.manage", get_object=_plan)
def plan_reminder(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = request.gongkai_object
    spec = selectors.REMINDERS.get(kind)
    if spec is None:
        raise Http404("没有这种提醒。")
    today = _today(request)
    sheet = spec.build(plan, today)
    if request.GET.get("format") == "docx":
        data = exports.sheet_docx(plan, sheet)
        return _attachment(data, DOCX, f"{sheet.title}{today:%Y%m%d}.docx")
    if request.method == "POST":
        sent = services.plan_remind(plan=plan, kind=kind, today=today, actor=request.user)
        messages.success(request, f"已向相关单位和公开办发送提醒 {sent} 条。")
        return redirect(request.get_full_path())
    return render(
        request,
        "workplan/reminder.html",
        {
            "plan": plan,
            "sheet": sheet,
            "spec": spec,
            "kinds": selectors.REMINDERS.values(),
            "today": today,
        },
    )


@staff_rule("workplan.manage", get_object=_plan)
def plan_lookback(request: HttpRequest, pk: int) -> HttpResponse:
    plan = request.gongkai_object
    today = _today(request) if request.GET.get("on") else None
    result = selectors.lookback(plan, today)
    if request.GET.get("format") == "docx":
        return _attachment(exports.lookback_docx(result), DOCX, f"{plan.title}回头看.docx")
    return render(request, "workplan/lookback.html", {"plan": plan, "result": result})

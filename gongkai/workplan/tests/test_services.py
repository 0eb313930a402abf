"""The ledger's writes: import, mapping names once, publishing duties, reports and their review."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import UnitAlias
from gongkai.workplan import selectors, services
from gongkai.workplan.models import (
    ProgressReport,
    Task,
    TaskAssignment,
    UnresolvedName,
    WorkPlan,
)

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def units_of(task: Task, role: str | None = None) -> list[str]:
    qs = task.assignments.filter(unit__isnull=False)
    if role:
        qs = qs.filter(role=role)
    return [a.unit.label for a in qs.select_related("unit").order_by("unit__sort")]


def test_import_saves_the_plan_its_tasks_units_and_deadlines(imported, county):
    plan = imported
    assert plan.status == WorkPlan.Status.REVIEW
    assert (plan.title, plan.doc_number, plan.year) == (
        "2026年示范县政务公开工作安排",
        "示府办〔2026〕12号",
        2026,
    )
    assert plan.source_file.name and "附件" in plan.source_text
    tasks = list(plan.tasks.order_by("order"))
    assert len(tasks) == 7
    assert tasks[0].path == ["一、强化政策发布解读", "（一）规范政策文件发布"]
    assert units_of(tasks[0]) == ["县政府办", "县司法局"]
    assert tasks[0].due == dt.date(2026, 6, 30)
    # 各乡镇（街道） expands to the county's ten townships.
    assert len(units_of(tasks[1])) == 2 + 10
    # The shared prefix carries: 县发改局、财政局、教体局.
    assert units_of(tasks[3]) == ["县发改局", "县教体局", "县财政局"]
    assert tasks[3].targets == [{"text": "每年至少解读1次", "count": 1}]
    # Where each task sits in the source, for the side-by-side review.
    lines = plan.source_text.splitlines()
    assert "对涉及面广的政策" in lines[tasks[3].source_line]
    assert all(t.source_line is not None for t in tasks)
    # Names that matched nothing wait for the office.
    assert set(plan.unresolved.values_list("name", "is_group")) == {
        ("县大数据发展局", False),
        ("开设政务新媒体的县级部门（单位）", True),
    }
    pending = TaskAssignment.objects.filter(task__plan=plan, unit__isnull=True)
    assert {a.group_name for a in pending} == {"县大数据发展局", "开设政务新媒体的县级部门（单位）"}


def test_pasted_text_imports_like_a_file(county, people):
    text = fixture_bytes("plan_numbered.txt").decode()
    plan = services.plan_import(actor=people.office, region=county.region, text=text)
    assert plan.tasks.count() == 5 and not plan.source_file
    assert plan.source_name == ""


@pytest.mark.parametrize(
    ("data", "filename", "text", "message"),
    [
        (None, "", "", "请上传工作要点文件"),
        (b"", "empty.txt", "", "请上传工作要点文件"),
        (b"   \n\n", "blank.txt", "", "文件是空的"),
        (
            "关于召开全县安全生产会议的通知\n请各单位准时参加。\n".encode(),
            "notice.txt",
            "",
            "不是工作要点",
        ),
        (
            ("一、政务公开工作要点责任单位" * 40).encode("gbk").decode("latin-1").encode(),
            "garbled.txt",
            "",
            "乱码",
        ),
        (None, "", "\x00\x01�����" * 50, "乱码"),
        (
            "2026年示范县政务公开工作要点\n附件\n序号\t工作任务\t责任单位\t完成时限\n"
            "一\t\t\t\n1\t\t\t\n2\t\t\t\n".encode(),
            "broken.txt",
            "",
            "没能读出任务行",
        ),
    ],
    ids=["nothing", "empty-bytes", "blank-file", "not-a-plan", "garbled", "garbled-paste", "table"],
)
def test_bad_input_saves_nothing(county, people, data, filename, text, message):
    before = (WorkPlan.objects.count(), Task.objects.count(), TaskAssignment.objects.count())
    with pytest.raises(GongkaiError) as exc:
        services.plan_import(
            actor=people.office, region=county.region, data=data, filename=filename, text=text
        )
    assert message in exc.value.message
    after = (WorkPlan.objects.count(), Task.objects.count(), TaskAssignment.objects.count())
    assert after == before


def test_a_scanned_pdf_without_text_is_refused_and_nothing_saved(county, people):
    from gongkai.core.files.tests.pdfgen import pdf_without_text

    with pytest.raises(GongkaiError) as exc:
        services.plan_import(
            actor=people.office, region=county.region, data=pdf_without_text(), filename="扫描.pdf"
        )
    assert "扫描件" in exc.value.message
    assert WorkPlan.objects.count() == 0


def test_a_word_plan_imports_with_its_table(county, people):
    from .test_documents import docx_plan

    plan = services.plan_import(
        actor=people.office, region=county.region, data=docx_plan(), filename="要点.docx"
    )
    assert plan.tasks.count() == 4
    assert plan.source_name == "要点.docx"
    assert "编制发布权力清单" in plan.source_text


def test_mapping_a_name_once_makes_an_alias_and_resolves_every_task(imported, county, people):
    other = services.plan_import(
        actor=people.office,
        region=county.region,
        data=fixture_bytes("plan_tabs.txt"),
        filename="again.txt",
    )
    big_data = county.u("县大数据中心")
    services.name_map(actor=people.office, plan=imported, name="县大数据发展局", units=[big_data])
    task = imported.tasks.get(order=5)
    assert units_of(task) == ["县政务公开办", "县大数据中心"]
    assert UnitAlias.objects.filter(unit=big_data, alias="县大数据发展局").exists()
    entry = imported.unresolved.get(name="县大数据发展局")
    assert entry.is_mapped and list(entry.units.all()) == [big_data]
    # The other plan under review was re-resolved too.
    assert units_of(other.tasks.get(order=5)) == ["县政务公开办", "县大数据中心"]
    assert other.unresolved.get(name="县大数据发展局").is_mapped
    # And the next import finds it by itself.
    third = services.plan_import(
        actor=people.office,
        region=county.region,
        data=fixture_bytes("plan_tabs.txt"),
        filename="third.txt",
    )
    assert not third.unresolved.filter(name="县大数据发展局").exists()


def test_a_group_phrase_maps_to_several_units_without_an_alias(imported, county, people):
    name = "开设政务新媒体的县级部门（单位）"
    services.name_map(
        actor=people.office,
        plan=imported,
        name=name,
        units=[county.u("县发改局"), county.u("县教体局")],
    )
    task = imported.tasks.get(order=7)
    assert {"县发改局", "县教体局"} <= set(units_of(task))
    assert not UnitAlias.objects.filter(alias=name).exists()


def test_mapping_needs_a_unit_or_ignore(imported, people):
    with pytest.raises(GongkaiError, match="至少一个单位"):
        services.name_map(actor=people.office, plan=imported, name="县大数据发展局", units=[])
    services.name_map(actor=people.office, plan=imported, name="县大数据发展局", ignore=True)
    assert units_of(imported.tasks.get(order=5)) == ["县政务公开办"]


def test_publish_needs_every_name_mapped(imported, people):
    with pytest.raises(GongkaiError, match="2 个单位名称没有指定"):
        services.plan_publish(actor=people.office, plan=imported)
    assert Duty.objects.count() == 0


def test_publish_opens_a_duty_per_task_and_unit(published, county):
    parts = TaskAssignment.objects.filter(task__plan=published)
    assert published.status == WorkPlan.Status.PUBLISHED
    assert not parts.filter(unit__isnull=True).exists()
    duties = Duty.objects.filter(kind="workplan.task")
    assert duties.count() == parts.count()
    assert {(d.unit_id, d.subject_id) for d in duties} == {(a.unit_id, str(a.pk)) for a in parts}
    first = parts.get(task__order=1, unit=county.u("县司法局"))
    assert first.duty.fixed_due == dt.date(2026, 6, 30) and first.duty.unit == county.u("县司法局")
    # No date in the plan (每季度…): due at the year end, and the title says so.
    no_date = parts.filter(task__order=7).first()
    assert no_date.duty.fixed_due == dt.date(2026, 12, 31)
    assert "持续推进" in no_date.duty.title


def test_review_edits_units_and_deadline(imported, county, people):
    task = imported.tasks.get(order=1)
    services.plan_update_task(
        actor=people.office,
        task=task,
        due=dt.date(2026, 9, 30),
        lead_units=[county.u("县司法局")],
        support_units=[county.u("县政府办")],
    )
    assert units_of(task, "lead") == ["县司法局"] and units_of(task, "support") == ["县政府办"]
    task.refresh_from_db()
    assert task.due == dt.date(2026, 9, 30)
    with pytest.raises(GongkaiError, match="既是牵头单位又是配合单位"):
        services.plan_update_task(
            actor=people.office,
            task=task,
            lead_units=[county.u("县司法局")],
            support_units=[county.u("县司法局")],
        )


def test_a_body_only_plan_needs_units_before_publishing(county, people):
    plan = services.plan_import(
        actor=people.office,
        region=county.region,
        data=fixture_bytes("plan_body.txt"),
        filename="body.txt",
    )
    assert plan.warnings
    with pytest.raises(GongkaiError, match="还没有责任单位"):
        services.plan_publish(actor=people.office, plan=plan)
    for task in plan.tasks.all():
        services.plan_update_task(actor=people.office, task=task, lead_units=[county.u("县发改局")])
    assert services.plan_publish(actor=people.office, plan=plan) == plan.tasks.count()
    # After publishing, the ledger is fixed.
    with pytest.raises(GongkaiError, match="已发布"):
        services.plan_update_task(actor=people.office, task=plan.tasks.first(), text="改")


def _part(plan, order, unit):
    return TaskAssignment.objects.get(task__plan=plan, task__order=order, unit=unit)


def test_report_done_closes_the_duty_and_send_back_reopens_it(published, county, people):
    part = _part(published, 1, county.u("县司法局"))
    report = services.progress_report(
        actor=people.sfj,
        assignment=part,
        status=ProgressReport.Status.DONE,
        text="已集中发布规范性文件 42 件，完成文件库清理。",
        evidence_urls=["https://www.shifan.gov.example/zcwj/2026/001.html"],
        files=[("清理目录.pdf", b"%PDF-1.4 evidence")],
    )
    assert report.percent == 100 and report.files.count() == 1
    part.refresh_from_db()
    assert part.duty.status == Duty.Status.DONE
    services.progress_review(
        actor=people.office, report=report, accept=False, comment="请补充文件库清理结果的链接。"
    )
    part.refresh_from_db()
    assert part.duty.status == Duty.Status.OPEN and part.duty.title.startswith("【退回】")
    assert part.duty.fixed_due == dt.date(2026, 6, 30)
    assert people.sfj.notifications.filter(message__contains="请补充").exists()
    with pytest.raises(GongkaiError, match="已退回"):
        services.progress_review(actor=people.office, report=report, accept=True)


def test_send_back_needs_a_reason(published, county, people):
    part = _part(published, 1, county.u("县司法局"))
    report = services.progress_report(
        actor=people.sfj, assignment=part, status="in_progress", text="推进中", percent=40
    )
    with pytest.raises(GongkaiError, match="退回理由"):
        services.progress_review(actor=people.office, report=report, accept=False)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "done", "text": "  "}, "请填写落实情况"),
        ({"status": "finished", "text": "好"}, "请选择进展情况"),
        ({"status": "in_progress", "text": "好", "percent": 120}, "0 到 100"),
        ({"status": "done", "text": "好", "evidence_urls": ["javascript:alert(1)"]}, "有效的网址"),
        ({"status": "done", "text": "好", "files": [("a.exe", b"MZ")]}, "类型不支持"),
        ({"status": "done", "text": "好", "files": [("a.pdf", b"")]}, "空文件"),
    ],
)
def test_bad_reports_are_refused(published, county, people, kwargs, message):
    part = _part(published, 1, county.u("县司法局"))
    with pytest.raises(GongkaiError, match=message):
        services.progress_report(actor=people.sfj, assignment=part, **kwargs)
    assert ProgressReport.objects.count() == 0


def test_only_the_units_own_staff_report(published, county, people):
    part = _part(published, 1, county.u("县司法局"))
    for outsider in (people.jtj, people.office):
        with pytest.raises(GongkaiError):
            services.progress_report(actor=outsider, assignment=part, status="done", text="x")
    assert ProgressReport.objects.count() == 0


def _report(people_user, part, status, at, *, accept=True, office=None, percent=None):
    report = services.progress_report(
        actor=people_user, assignment=part, status=status, text="情况", percent=percent, at=at
    )
    if accept:
        services.progress_review(actor=office, report=report, accept=True)
    return report


def aware(y, m, d):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime(y, m, d, 10))


@pytest.mark.parametrize(
    ("reports", "today", "status", "overdue", "on_time"),
    [
        ([], dt.date(2026, 6, 1), "not_started", False, None),
        ([], dt.date(2026, 7, 1), "not_started", True, None),
        ([("in_progress", (2026, 5, 1), True)], dt.date(2026, 6, 30), "in_progress", False, None),
        ([("in_progress", (2026, 5, 1), True)], dt.date(2026, 7, 1), "in_progress", True, None),
        ([("done", (2026, 6, 20), True)], dt.date(2026, 11, 23), "done", False, True),
        ([("done", (2026, 7, 20), True)], dt.date(2026, 11, 23), "done", False, False),
        # A report not yet accepted does not count.
        ([("done", (2026, 6, 20), False)], dt.date(2026, 7, 1), "not_started", True, None),
        (
            [("in_progress", (2026, 5, 1), True), ("done", (2026, 6, 2), False)],
            dt.date(2026, 6, 10),
            "in_progress",
            False,
            None,
        ),
    ],
)
def test_status_and_overdue_come_from_deadline_and_accepted_reports(
    published, county, people, reports, today, status, overdue, on_time
):
    part = _part(published, 1, county.u("县司法局"))  # due 2026-06-30
    for code, day, accept in reports:
        _report(people.sfj, part, code, aware(*day), accept=accept, office=people.office)
    state = selectors.part_state(assignment=part, today=today)
    assert (state.status, state.overdue, state.on_time) == (status, overdue, on_time)


def test_continuing_tasks_are_followed_to_the_year_end(published, county, people):
    part = _part(published, 7, county.u("县发改局"))  # 每季度…: no date
    assert selectors.part_state(assignment=part, today=dt.date(2026, 12, 31)).overdue is False
    assert selectors.part_state(assignment=part, today=dt.date(2027, 1, 1)).overdue is True
    _report(people.fgj, part, "ongoing", aware(2026, 9, 1), office=people.office)
    state = selectors.part_state(assignment=part, today=dt.date(2026, 11, 23))
    assert (state.status, state.overdue, state.outcome) == ("ongoing", False, "ongoing")


def test_task_state_and_scorecard(published, county, people):
    today = dt.date(2026, 11, 23)
    sfj, gov = county.u("县司法局"), county.u("县政府办")
    _report(people.sfj, _part(published, 1, sfj), "done", aware(2026, 6, 1), office=people.office)
    states = {t.task.order: t for t in selectors.task_states(plan=published, today=today)}
    assert states[1].status == "in_progress"  # 县政府办 has not reported
    assert states[1].overdue
    score = {s.unit.label: s for s in selectors.scorecard(plan=published, today=today)}
    # 县司法局: tasks 1 and 2, and task 3 as one of 县政府工作组成部门.
    assert (score["县司法局"].total, score["县司法局"].done, score["县司法局"].on_time) == (3, 1, 1)
    assert score["县司法局"].overdue == 0  # tasks 2, 3 have no date: not overdue before year end
    assert score["县政府办"].overdue == 1
    assert gov.pk in {s.unit.pk for s in selectors.scorecard(plan=published, today=today)}


def test_reminder_lists(published, county, people):
    sfj = county.u("县司法局")
    # 2026-06-20: task 1 (due 06-30) is due within two weeks for 县司法局 and 县政府办.
    weekly = selectors.weekly_chase(published, dt.date(2026, 6, 20))
    assert {g.unit.label for g in weekly.groups} == {"县司法局", "县政府办"}
    assert all(p.task.order == 1 for g in weekly.groups for p in g.items)
    # Done parts are not chased.
    _report(people.sfj, _part(published, 1, sfj), "done", aware(2026, 6, 18), office=people.office)
    weekly = selectors.weekly_chase(published, dt.date(2026, 6, 20))
    assert {g.unit.label for g in weekly.groups} == {"县政府办"}
    # 2026-09-01: task 1 (06-30) and task 5 (08-31) are overdue for those who have not done them.
    monthly = selectors.monthly_supervision(published, dt.date(2026, 9, 1))
    items = {(g.unit.label, p.task.order) for g in monthly.groups for p in g.items}
    assert ("县政府办", 1) in items and ("县政务公开办", 5) in items
    assert ("县司法局", 1) not in items
    quarterly = selectors.quarterly_bulletin(published, dt.date(2026, 9, 30))
    assert quarterly.title.endswith("（2026年第三季度）")
    sfj_group = next(g for g in quarterly.groups if g.unit == sfj)
    assert (sfj_group.score.total, sfj_group.score.done) == (3, 1)


def test_plan_remind_notifies_units_and_office(published, county, people):
    sent = services.plan_remind(plan=published, kind="monthly", today=dt.date(2026, 9, 1))
    assert sent > 0
    assert people.sfj.notifications.filter(message__startswith="【月督办】").exists()
    assert people.office.notifications.filter(message__contains="月督办已生成").exists()


def test_periodic_jobs_are_registered_and_run(published, people):
    from django.utils import timezone

    from gongkai.core.jobs.registry import PERIODIC, discover

    discover()
    for name in (
        "workplan.weekly_chase",
        "workplan.monthly_supervision",
        "workplan.quarterly_bulletin",
    ):
        assert name in PERIODIC
    result = PERIODIC["workplan.quarterly_bulletin"].fn(
        now=timezone.make_aware(dt.datetime(2026, 9, 30, 9))
    )
    assert result[str(published.pk)] > 0


def test_lookback_counts_on_time_late_and_not_done(published, county, people):
    sfj = county.u("县司法局")
    _report(people.sfj, _part(published, 1, sfj), "done", aware(2026, 6, 1), office=people.office)
    _report(people.sfj, _part(published, 2, sfj), "done", aware(2026, 12, 20), office=people.office)
    result = selectors.lookback(published, dt.date(2026, 12, 31))
    t = result.totals
    assert t["tasks"] == 7 and t["on_time"] == 2  # task 2 has no date: due at the year end
    assert t["not_done"] == t["parts"] - 2
    assert "按时完成2项次" in result.summary()
    unit = next(u for u in result.units if u.unit == sfj)
    assert (unit.on_time, unit.late, unit.not_done) == (2, 0, 1)


def test_close_withdraws_open_duties(published, people):
    services.plan_close(actor=people.office, plan=published)
    assert not Duty.objects.filter(kind="workplan.task", status=Duty.Status.OPEN).exists()
    assert WorkPlan.objects.get(pk=published.pk).status == WorkPlan.Status.CLOSED


def test_unresolved_entries_are_unique_per_plan(imported):
    assert UnresolvedName.objects.filter(plan=imported).count() == 2

"""The ledger's pages: who sees what, the side-by-side review, exports read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.workplan import services
from gongkai.workplan.models import ProgressReport, Task, TaskAssignment, WorkPlan

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"workspace:workplan:{name}", kwargs=kwargs)


def part_of(plan, order, unit):
    return TaskAssignment.objects.get(task__plan=plan, task__order=order, unit=unit)


def test_office_imports_a_file_and_lands_on_the_review(client, county, people):
    client.force_login(people.office)
    upload = SimpleUploadedFile("要点.txt", fixture_bytes("plan_tabs.txt"))
    response = client.post(url("import"), {"file": upload})
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == url("review", pk=plan.pk)
    page = client.get(response["Location"]).content.decode()
    assert "2026年示范县政务公开工作安排" in page and "待指定单位" in page


def test_import_page_shows_the_parsers_message_and_saves_nothing(client, county, people):
    client.force_login(people.office)
    response = client.post(
        url("import"), {"file": SimpleUploadedFile("通知.txt", "关于放假的通知\n".encode())}
    )
    assert response.status_code == 200
    assert "不是工作要点" in response.content.decode()
    assert WorkPlan.objects.count() == 0
    response = client.post(url("import"), {"text": "", "year": "26"})
    assert "四位数年份" in response.content.decode()


def test_units_cannot_import(client, county, people):
    client.force_login(people.fgj)
    assert client.get(url("import")).status_code == 403


def test_review_highlights_the_source_row_of_the_selected_task(client, imported, people):
    client.force_login(people.office)
    task = imported.tasks.get(order=4)
    page = client.get(url("review", pk=imported.pk), {"task": task.pk}).content.decode()
    line = task.source_line
    assert f'<li id="src-{line}" class="wp-hit" aria-current="true">' in page
    assert "对涉及面广的政策" in page.split(f'id="src-{line}"')[1].split("</li>")[0]
    assert f"修改第 {task.order} 项任务" in page


def test_review_edits_a_task_and_maps_a_name_then_publishes(client, imported, county, people):
    client.force_login(people.office)
    task = imported.tasks.get(order=5)
    gkb, sjj = county.u("县政务公开办"), county.u("县大数据中心")
    response = client.post(
        url("task_edit", pk=task.pk),
        {"text": task.text, "due": "2026-09-30", "due_text": "9月底前", "lead": [gkb.pk]},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due == dt.date(2026, 9, 30)
    # Publishing is refused while names wait for the office.
    client.post(url("publish", pk=imported.pk))
    assert WorkPlan.objects.get(pk=imported.pk).status == "review"
    names_page = client.get(url("names", pk=imported.pk)).content.decode()
    assert "县大数据发展局" in names_page and "出现在第 5 项任务" in names_page
    client.post(url("names", pk=imported.pk), {"name": "县大数据发展局", "units": [sjj.pk]})
    client.post(
        url("names", pk=imported.pk),
        {"name": "开设政务新媒体的县级部门（单位）", "units": [""], "ignore": "on"},
    )
    assert not imported.unresolved.filter(mapped_at__isnull=True).exists()
    response = client.post(url("publish", pk=imported.pk))
    assert response["Location"] == url("board", pk=imported.pk)
    assert WorkPlan.objects.get(pk=imported.pk).status == "published"
    board = client.get(url("board", pk=imported.pk)).content.decode()
    assert "县大数据中心" in board


def test_board_filters_and_paginates(client, published, county, people):
    client.force_login(people.office)
    sfj = county.u("县司法局")
    page = client.get(url("board", pk=published.pk), {"unit": sfj.pk}).content.decode()
    assert "任务 3 项" in page
    page = client.get(
        url("board", pk=published.pk), {"status": "overdue", "on": "2026-07-01"}
    ).content.decode()
    assert "任务 2 项" in page  # tasks 1 and 6 (1月31日前) are past their dates
    assert client.get(url("board", pk=published.pk), {"page": "99"}).status_code == 200


def test_a_unit_sees_its_own_tasks_and_reports_with_evidence(client, published, county, people):
    sfj = county.u("县司法局")
    part = part_of(published, 1, sfj)
    client.force_login(people.sfj)
    # The unit view lists its parts only.
    mine = client.get(url("mine", pk=published.pk)).content.decode()
    assert mine.count('href="/workspace/workplan/parts/') == 3
    # The office's pages are not for units.
    assert client.get(url("board", pk=published.pk)).status_code == 403
    response = client.post(
        url("report", pk=part.pk),
        {
            "status": "done",
            "text": "已完成文件库清理。",
            "evidence_urls": "https://www.shifan.gov.example/zcwj/\n",
            "files": [SimpleUploadedFile("清理结果.pdf", b"%PDF-1.4 ok")],
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.evidence_urls == ["https://www.shifan.gov.example/zcwj/"]
    page = client.get(url("part", pk=part.pk)).content.decode()
    assert "已完成文件库清理" in page and "清理结果.pdf" in page
    download = client.get(url("file", pk=report.files.get().pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 ok"


def test_another_unit_cannot_see_or_report_on_a_part_not_its_own(client, published, county, people):
    part = part_of(published, 1, county.u("县司法局"))
    client.force_login(people.rsj)  # 县人社局: a part in task 6, not in task 1
    assert client.get(url("part", pk=part.pk)).status_code == 403
    response = client.post(url("report", pk=part.pk), {"status": "done", "text": "冒报"})
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


def test_the_lead_unit_sees_its_supporting_units_reports(client, published, county, people):
    task = published.tasks.get(order=6)  # 县政务公开办 and 县人社局 (all listed as lead)
    gkb = county.u("县政务公开办")
    rsj = county.u("县人社局")
    TaskAssignment.objects.filter(task=task, unit=rsj).update(role="support")
    services.progress_report(
        actor=people.rsj, assignment=part_of(published, 6, rsj), status="in_progress", text="配合中"
    )
    client.force_login(people.gkb)
    page = client.get(url("part", pk=part_of(published, 6, gkb).pk)).content.decode()
    assert "同一任务的其他单位" in page and "配合中" in page
    # …but the supporting unit does not see the lead unit's part.
    client.force_login(people.rsj)
    assert client.get(url("part", pk=part_of(published, 6, gkb).pk)).status_code == 403


def test_office_sends_back_a_report(client, published, county, people):
    part = part_of(published, 1, county.u("县司法局"))
    report = services.progress_report(
        actor=people.sfj, assignment=part, status="done", text="已完成"
    )
    client.force_login(people.office)
    response = client.post(
        url("report_review", pk=report.pk), {"decision": "send_back", "comment": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.review == "pending"  # no reason given: nothing changed
    client.post(
        url("report_review", pk=report.pk), {"decision": "send_back", "comment": "请补链接"}
    )
    report.refresh_from_db()
    assert report.review == "sent_back" and report.review_comment == "请补链接"


def test_xlsx_export_reads_back(client, published, county, people):
    from openpyxl import load_workbook

    sfj = county.u("县司法局")
    report = services.progress_report(
        actor=people.sfj, assignment=part_of(published, 1, sfj), status="done", text="清理完毕"
    )
    services.progress_review(actor=people.office, report=report, accept=True)
    client.force_login(people.office)
    response = client.get(url("export", pk=published.pk), {"on": "2026-11-23"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content))["工作台账"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["序号", "工作类别", "工作任务", "牵头单位", "配合单位", "完成时限"]
    assert {"进展状态", "是否逾期", "各单位进展"} <= set(header)
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].width == 60
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7
    first = dict(zip(header, rows[0], strict=True))
    assert first["工作类别"] == "一、强化政策发布解读 / （一）规范政策文件发布"
    assert first["牵头单位"] == "示范县人民政府办公室、示范县司法局"
    assert first["完成时限"] == "2026-06-30"
    assert first["进展状态"] == "推进中" and first["是否逾期"] == "逾期"
    assert "县司法局：已完成" in first["各单位进展"] and first["最新落实情况"] == "清理完毕"
    # The section cell spans its two tasks, as in the plan's table.
    assert "B2:B3" in {str(r) for r in ws.merged_cells.ranges}


def test_reminder_pages_and_docx(client, published, people):
    import docx

    client.force_login(people.office)
    page = client.get(url("reminder", pk=published.pk, kind="monthly"), {"on": "2026-09-01"})
    assert "逾期未完成的任务" in page.content.decode()
    response = client.get(
        url("reminder", pk=published.pk, kind="quarterly"), {"on": "2026-09-30", "format": "docx"}
    )
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "落实情况通报（2026年第三季度）" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["单位", "承担任务", "已完成"]
    assert any(row.cells[0].text == "示范县司法局" for row in table.rows)
    assert client.get(url("reminder", pk=published.pk, kind="daily")).status_code == 404
    sent = client.post(url("reminder", pk=published.pk, kind="monthly") + "?on=2026-09-01")
    assert sent.status_code == 302
    assert people.sfj.notifications.filter(message__startswith="【月督办】").exists()


def test_scorecard_and_lookback_pages(client, published, people):
    client.force_login(people.office)
    page = client.get(url("scorecard", pk=published.pk), {"on": "2026-11-23"}).content.decode()
    assert "县司法局" in page and "完成率" in page
    page = client.get(url("lookback", pk=published.pk), {"on": "2026-12-31"}).content.decode()
    assert "共分解任务7项" in page
    response = client.get(url("lookback", pk=published.pk), {"format": "docx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_public_progress_page_only_when_published_by_the_office(client, published, people):
    public_url = reverse("portal:workplan:progress", kwargs={"pk": published.pk})
    assert client.get(public_url).status_code == 404
    client.force_login(people.office)
    client.post(url("public", pk=published.pk), {"public": "1"})
    client.logout()
    page = client.get(public_url).content.decode()
    assert "各项任务落实情况" in page and "规范性文件" in page
    assert published.title in client.get(reverse("portal:workplan:progress_list")).content.decode()


def test_a_plan_under_review_is_not_shown_to_units(client, imported, people):
    client.force_login(people.sfj)
    assert client.get(url("plan", pk=imported.pk)).status_code == 403
    assert imported.title not in client.get(url("plans")).content.decode()


def test_command_import_saves_for_review(county, capsys):
    from django.core.management import call_command

    from .conftest import FIXTURES

    call_command(
        "workplan",
        "import",
        str(FIXTURES / "plan_numbered.txt"),
        "--region",
        "shifan",
        "--year",
        "2026",
    )
    out = capsys.readouterr().out
    plan = WorkPlan.objects.get()
    assert plan.status == "review" and Task.objects.filter(plan=plan).count() == 5
    assert f"/workspace/workplan/{plan.pk}/review/" in out
    assert "未匹配" in out  # 县特色产业发展中心 waits for the office

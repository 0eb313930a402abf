"""Making and publishing a report: entered figures, overrides with reasons, the checks and the
prose guard before review, 三审, the deadline duty, reopening, imported earlier years."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from gongkai.core.audit.models import AuditEvent
from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError
from gongkai.reports import form
from gongkai.reports.models import AnnualReport
from gongkai.reports.selectors import overridden_cells, report_findings, report_json
from gongkai.reports.services import (
    report_approve,
    report_create,
    report_enter,
    report_import,
    report_override,
    report_refresh,
    report_reopen,
    report_return,
    report_set_prose,
    report_submit,
)

pytestmark = pytest.mark.django_db

FEES = "section2|第二十条第（八）项|行政事业性收费|本年收费金额（万元）"
LICENCES = "section2|第二十条第（五）项|行政许可|本年处理决定数量"
NEW_NATURAL = "section3|一、本年新收政府信息公开申请数量|自然人"
DISCLOSED_NATURAL = "section3|三、本年度办理结果|（一）予以公开|自然人"


@pytest.fixture
def report(county, reviewers):
    return report_create(actor=reviewers["clerk"], region=county.region, year=2025, unit=county)


def finish_prose(report, clerk):
    return report_set_prose(
        actor=clerk,
        report=report,
        section1=report.section1.replace("【请补充：", "（").replace("】", "）"),
        section5="无突出问题。下一步继续加强培训。",
        section6="（一）本年度未收取信息处理费。（二）无人大代表建议和政协提案。",
    )


def test_entered_figures_are_saved_all_or_nothing(report, reviewers):
    report = report_enter(
        actor=reviewers["clerk"], report=report, values={LICENCES: "１２", FEES: "3.25"}
    )
    data = report_json(report)["section2"]
    assert data["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 12
    assert data["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（万元）"] == 3.25
    for bad, message in [
        ({LICENCES: "-1"}, "应为非负数"),
        ({LICENCES: "2.5"}, "应为整数"),
        ({FEES: "1.123456"}, "最多保留 4 位小数"),
        ({LICENCES: ""}, "不能为空"),
        ({NEW_NATURAL: "3"}, "由系统统计"),
    ]:
        with pytest.raises(GongkaiError, match=message):
            report_enter(actor=reviewers["clerk"], report=report, values={FEES: "9", **bad})
    report.refresh_from_db()
    assert report.entered[FEES] == 3.25  # the good value in a bad batch was not saved


def test_a_computed_number_is_typed_over_only_with_a_reason_shown_to_the_reviewer(
    report, reviewers
):
    with pytest.raises(GongkaiError, match="须说明理由"):
        report_override(
            actor=reviewers["clerk"], report=report, key=NEW_NATURAL, value="23", reason=""
        )
    report = report_override(
        actor=reviewers["clerk"],
        report=report,
        key=NEW_NATURAL,
        value="23",
        reason="一件纸质申请未录入系统",
    )
    [row] = overridden_cells(report)
    assert row["computed"] == 22
    assert row["value"] == 23
    assert row["reason"] == "一件纸质申请未录入系统"
    assert report_json(report)["overrides"][0]["place"].startswith("一、本年新收")
    # The form no longer adds up: the checks say where.
    checks = {f.check for f in report_findings(report)}
    assert checks == {"row_total", "balance"}
    # Typing the computed number back removes the override.
    report = report_override(
        actor=reviewers["clerk"], report=report, key=NEW_NATURAL, value="22", reason=""
    )
    assert overridden_cells(report) == []
    assert report_findings(report) == []


def test_submission_is_refused_while_the_form_does_not_add_up_or_prose_is_missing(
    report, reviewers
):
    with pytest.raises(GongkaiError, match="【请补充】"):
        report_submit(actor=reviewers["clerk"], report=report)
    report = finish_prose(report, reviewers["clerk"])
    report_override(
        actor=reviewers["clerk"], report=report, key=DISCLOSED_NATURAL, value="5", reason="手工核对"
    )
    with pytest.raises(GongkaiError, match="各列之和等于总计不成立"):
        report_submit(actor=reviewers["clerk"], report=report)
    assert AnnualReport.objects.get(pk=report.pk).status == "draft"


def test_three_reviews_publish_and_close_the_deadline_duty(report, reviewers):
    duty = Duty.objects.get(subject_type="reports.annualreport", subject_id=str(report.pk))
    assert duty.due_on == dt.date(2026, 1, 31)
    assert duty.status == "open"
    report = finish_prose(report, reviewers["clerk"])
    report = report_submit(actor=reviewers["clerk"], report=report)
    assert report.stage_label == "待初审"
    with pytest.raises(GongkaiError, match="须由本单位的 1 级审核人办理"):
        report_approve(actor=reviewers[2], report=report)
    report = report_approve(actor=reviewers[1], report=report, note="数据已核")
    report = report_return(actor=reviewers[2], report=report, reason="第五部分过于简单")
    assert report.status == "draft"
    report = report_submit(actor=reviewers["clerk"], report=report)
    for level in (1, 2, 3):
        report = report_approve(actor=reviewers[level], report=report)
    assert report.status == "published"
    assert report.published_on is not None
    duty.refresh_from_db()
    assert duty.status == "done"
    assert not Duty.objects.filter(
        subject_type="reports.annualreport", subject_id=str(report.pk), status="open"
    ).exists()
    verbs = list(AuditEvent.objects.filter(object_id=str(report.pk)).values_list("verb", flat=True))
    for verb in (
        "report.create",
        "report.edit",
        "report.submit",
        "report.return",
        "report.publish",
    ):
        assert verb in verbs
    # Published: nothing can be edited until the office reopens it, with a reason.
    with pytest.raises(GongkaiError, match="只有草稿可以修改"):
        report_refresh(actor=reviewers["clerk"], report=report)
    with pytest.raises(GongkaiError, match="写明理由"):
        report_reopen(actor=reviewers["office"], report=report, reason=" ")
    report = report_reopen(actor=reviewers["office"], report=report, reason="第六部分需更正")
    assert report.status == "draft"
    assert Duty.objects.filter(subject_id=str(report.pk), kind="reports.publish", status="open")


def test_nobody_reviews_a_report_they_submitted(report, reviewers, unit_a):
    from gongkai.orgs.models import RoleAssignment

    RoleAssignment.objects.create(
        user=reviewers["clerk"], region=unit_a.region, unit=unit_a, role="reviewer", level=1
    )
    clerk = type(reviewers["clerk"]).objects.get(pk=reviewers["clerk"].pk)  # roles re-read
    report = finish_prose(report, clerk)
    report = report_submit(actor=clerk, report=report)
    with pytest.raises(GongkaiError, match="不能审核自己提交的报告"):
        report_approve(actor=clerk, report=report)


def _parsed(year, carried_out_natural, fmt="2021"):
    tables = form.empty_tables(fmt)
    form.set_cell(tables, ("section3", "一、本年新收政府信息公开申请数量", "自然人"), 4)
    form.set_cell(tables, ("section3", "一、本年新收政府信息公开申请数量", "总计"), 4)
    decided = 4 - carried_out_natural
    form.set_cell(tables, ("section3", "三、本年度办理结果", "（一）予以公开", "自然人"), decided)
    form.set_cell(tables, ("section3", "三、本年度办理结果", "（一）予以公开", "总计"), decided)
    form.set_cell(tables, ("section3", "三、本年度办理结果", "（七）总计", "自然人"), decided)
    form.set_cell(tables, ("section3", "三、本年度办理结果", "（七）总计", "总计"), decided)
    form.set_cell(tables, ("section3", "四、结转下年度继续办理", "自然人"), carried_out_natural)
    form.set_cell(tables, ("section3", "四、结转下年度继续办理", "总计"), carried_out_natural)
    sections = {**tables, "section1": "往年总体情况", "section5": "问题", "section6": "其他"}
    return SimpleNamespace(format=fmt, year=year, title="", sections=sections, findings=[])


def test_last_years_imported_report_is_checked_against_this_years_carried_over(
    report, reviewers, county
):
    # 2024's report said 2 requests were carried into 2025; Gongkai counts 1.
    past = report_import(
        actor=reviewers["office"], region=county.region, unit=county, parsed=_parsed(2024, 2)
    )
    assert past.status == "published"
    assert past.source == "imported"
    assert report_findings(past) == []
    findings = report_findings(report)
    assert [(f.check, f.expected, f.actual) for f in findings] == [
        ("carried_over", 2, 1),  # 自然人
        ("carried_over", 2, 1),  # 总计
    ]
    with pytest.raises(GongkaiError, match="已导入过"):
        report_import(
            actor=reviewers["office"], region=county.region, unit=county, parsed=_parsed(2024, 1)
        )
    report_import(
        actor=reviewers["office"],
        region=county.region,
        unit=county,
        parsed=_parsed(2024, 1),
        replace=True,
    )
    assert report_findings(report) == []
    with pytest.raises(GongkaiError, match="不能用导入的报告覆盖"):
        report_import(
            actor=reviewers["office"], region=county.region, unit=county, parsed=_parsed(2025, 1)
        )
    with pytest.raises(GongkaiError, match="不能修改"):
        report_set_prose(
            actor=reviewers["clerk"], report=past, section1="x", section5="", section6=""
        )


def test_a_2019_format_report_imports_with_its_own_cells(county, reviewers):
    past = report_import(
        actor=reviewers["office"],
        region=county.region,
        unit=county,
        parsed=_parsed(2019, 0, fmt="2019"),
    )
    data = report_json(past)
    assert data["format"] == "2019"
    assert "本年新制作数量" in data["section2"]["第二十条第（一）项"]["规范性文件"]
    assert data["section3"]["三、本年度办理结果"]["（六）其他处理"]["自然人"] == 0
    assert data["checks"]["ok"] is True


def test_only_the_office_imports_earlier_reports(county, reviewers):
    from gongkai.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_import(
            actor=reviewers["clerk"], region=county.region, unit=county, parsed=_parsed(2024, 0)
        )

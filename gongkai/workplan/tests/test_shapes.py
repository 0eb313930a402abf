"""Whole plans in each shape plans arrive in, written for the demo county (fixtures/)."""

import datetime as dt
from pathlib import Path

from gongkai.workplan.parsing import parse_file

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name):
    return parse_file(FIXTURES / name)


def summary(plan):
    return [(t.path, t.lead_units, t.support_units, t.due) for t in plan.tasks]


def test_tab_separated_table_with_page_breaks():
    plan = parse("plan_tabs.txt")
    assert (plan.title, plan.issuer, plan.doc_number) == (
        "2026年示范县政务公开工作安排",
        "示范县人民政府办公室",
        "示府办〔2026〕12号",
    )
    assert (plan.date, plan.year, plan.source) == (dt.date(2026, 3, 6), 2026, "table")
    s1, s2 = "一、强化政策发布解读", "二、做好公开平台建设"  # the second completed across a page
    assert summary(plan) == [
        ([s1, "（一）规范政策文件发布"], ["县司法局", "县政府办公室"], [], dt.date(2026, 6, 30)),
        (
            [s1, "（一）规范政策文件发布"],
            ["县司法局", "县政府信息公开办公室", "各乡镇（街道）"],
            [],
            None,
        ),
        ([s1, "（二）提升解读质量"], ["县政府工作组成部门", "各乡镇（街道）"], [], None),
        ([s1, "（二）提升解读质量"], ["县发改局", "县财政局", "县教体局"], [], None),
        (
            [s2, "（三）加强政府网站管理"],
            ["县政府信息公开办公室", "县大数据发展局"],
            [],
            dt.date(2026, 8, 31),
        ),
        # a unit name split by a page break is joined back
        (
            [s2, "（三）加强政府网站管理"],
            ["县政府信息公开办公室", "县人力资源社会保障局"],
            [],
            dt.date(2026, 1, 31),
        ),
        (
            [s2, "（四）规范政务新媒体"],
            ["开设政务新媒体的县级部门（单位）", "各乡镇（街道）"],
            [],
            None,
        ),
    ]
    assert [t.text for t in plan.tasks[2].targets] == ["不少于3种"]
    assert plan.tasks[6].unit_groups == ["开设政务新媒体的县级部门（单位）", "各乡镇（街道）"]


def test_one_cell_per_line_with_repeated_headings():
    plan = parse("plan_lines.txt")
    assert (plan.title, plan.doc_number, plan.date) == (
        "2026年示范县政务公开工作要点",
        "示政办发〔2026〕3号",
        dt.date(2026, 5, 20),
    )
    top1, top2 = "一、深化重点领域信息公开", "二、提升回应关切实效"
    assert summary(plan) == [
        (
            [top1, "（一）做好项目建设信息公开"],
            ["城关镇", "县发展和改革局", "县住房和城乡建设局", "县行政审批服务局"],
            [],
            None,
        ),
        ([top1, "（一）做好项目建设信息公开"], ["县农业农村局", "县财政局"], [], None),
        ([top1, "（一）做好项目建设信息公开"], ["县交通运输局"], [], None),
        ([top1, "（二）做好财政信息公开"], ["县财政局", "县直有关部门"], [], dt.date(2026, 12, 31)),
        ([top2, "（一）积极回应社会关切"], ["各乡镇（街道）", "县直有关部门"], [], None),
    ]
    assert [(t.text, t.count) for t in plan.tasks[4].targets] == [
        ("不得超过5个工作日", 5),
        ("1个工作日内", 1),
    ]


def test_tab_led_cells_with_section_cells_spanning_rows():
    plan = parse("annex_tabcells.txt")
    assert plan.title == "2026年政务公开重点工作责任分工表"
    assert [t.path[-1] for t in plan.tasks] == ["（一）完善标准目录"] * 3 + ["（二）推进办事公开"]
    assert plan.tasks[1].lead_units == ["县级有关部门（单位）"]


def test_numbered_table_broken_into_short_lines():
    plan = parse("plan_numbered.txt")
    assert (plan.doc_number, plan.date) == ("示政办发〔2026〕8号", dt.date(2026, 4, 10))
    assert [t.number for t in plan.tasks] == ["1", "2", "3", "4", "5"]
    top1 = "一、聚焦重点工作，推动政务公开高质量发展"
    top2 = "二、加强工作保障，确保政务公开有序开展"
    assert [t.path for t in plan.tasks] == [
        [top1, "（一）深化重点领域信息公开"],
        [top1, "（一）深化重点领域信息公开"],
        [top1, "（二）加强市场主体信息公开"],
        [top2, "（一）加强组织领导"],
        [top2, "（一）加强组织领导"],
    ]
    assert plan.tasks[0].lead_units == [
        "县发改局",
        "县工信局",
        "县特色产业发展中心",
        "相关镇（街道）",
    ]
    # Row 2 has no deadline of its own: the merged cell above covers it.
    assert [t.due for t in plan.tasks] == [
        dt.date(2026, 12, 31),
        dt.date(2026, 12, 31),
        dt.date(2026, 6, 30),
        None,
        dt.date(2026, 12, 31),
    ]
    assert plan.tasks[3].due_text == "长期坚持"
    assert plan.tasks[0].text.endswith("信息公开和政策解读。")


def test_plan_without_a_table_lists_the_body_items():
    plan = parse("plan_body.txt")
    assert plan.source == "body"
    assert plan.warnings
    assert [t.path[-1] for t in plan.tasks] == [
        "（一）推进重大项目信息公开",
        "（二）推进民生保障信息公开",
        "（三）加强培训",
        "（四）加强监督",
    ]
    assert all(t.lead_units == [] for t in plan.tasks)
    assert plan.tasks[0].text.endswith("做好重大平台建设情况公开。")  # broken line joined
    assert [t.due for t in plan.tasks] == [None, dt.date(2026, 8, 31), dt.date(2026, 12, 31), None]


def test_cells_run_together():
    plan = parse("run_together.txt")
    assert summary(plan) == [
        (["规范政策文件发布"], ["县司法局", "县政府办公室"], [], dt.date(2026, 6, 30)),
        (["加强政府网站管理"], ["县政府信息公开办公室", "县大数据发展局"], [], None),
        (["加强政府网站管理"], ["县财政局", "县审计局", "县统计局"], [], dt.date(2026, 12, 31)),
    ]
    assert plan.tasks[1].due_text == "长期坚持"
    assert plan.tasks[0].text == "集中发布现行有效的行政规范性文件。"


def test_lead_and_support_columns_and_deadline_in_remarks():
    plan = parse("remark_columns.txt")
    assert [t.number for t in plan.tasks] == ["1", "2", "3"]
    assert summary(plan) == [
        ([], ["县政府信息公开办公室"], ["各乡镇（街道）", "县直各部门"], dt.date(2026, 3, 31)),
        ([], ["县发改局"], ["县财政局", "县审计局"], dt.date(2026, 12, 31)),
        ([], ["县委网信办"], ["县直有关部门"], None),
    ]
    assert plan.tasks[2].due_text == "持续推进"


def test_first_listed_unit_leads_only_where_the_plan_says_so():
    plan = parse("first_is_lead.txt")
    assert plan.tasks[0].lead_units == ["县司法局"]
    assert plan.tasks[0].support_units == ["县政府办公室", "县财政局"]
    assert plan.tasks[0].due == dt.date(2026, 9, 30)
    tabs = parse("plan_tabs.txt")
    assert all(t.support_units == [] for t in tabs.tasks)


def test_a_long_plan_keeps_every_row():
    text = (FIXTURES / "plan_tabs.txt").read_text(encoding="utf-8")
    head, sep, annex = text.partition("重点工作\t目标任务\t主要内容\t责任单位\n")
    rows = "\n".join(
        line for line in annex.splitlines() if line.startswith("\t\t") and line.strip()
    )
    long_text = head + sep + annex.split("\n\n**")[0] + ("\n" + rows) * 200 + "\n"
    plan = parse_file(long_text.encode("utf-8"), "长.txt")
    assert len(plan.tasks) == 7 + 200 * sum(1 for r in rows.splitlines() if r.split("\t")[2])

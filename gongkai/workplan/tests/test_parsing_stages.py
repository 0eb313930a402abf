"""Each stage of the parser on its own, table-driven."""

import datetime as dt

import pytest

from gongkai.workplan.parsing.body import paragraphs
from gongkai.workplan.parsing.deadlines import due_from_cell, due_from_text, is_due_cell
from gongkai.workplan.parsing.metadata import find_date, find_doc_number, find_issuer, find_title
from gongkai.workplan.parsing.normalise import looks_garbled, normalise_line
from gongkai.workplan.parsing.numbering import cn_to_int, marker
from gongkai.workplan.parsing.targets import find_targets
from gongkai.workplan.parsing.units import is_group, parse_units, split_unit_names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(一)推进公开", "（一）推进公开"),
        ("**（五）促进提升。**确定一批", "（五）促进提升。确定一批"),
        ("## 一、深化公开", "一、深化公开"),
        ("2023 年 7 月 28 日", "2023年7月28日"),
        ("各乡镇(街道),县直有关部门", "各乡镇（街道），县直有关部门"),
        ("<p>县政府办公室</p> <p>县财政局</p>", "县政府办公室 县财政局"),
        ("不少于 5 次", "不少于5次"),
        ("a\tb\t", "a\tb\t"),
    ],
)
def test_normalise_line(raw, expected):
    assert normalise_line(raw) == expected


def test_garbled_text_is_recognised():
    assert looks_garbled("ÃÂ¹Ã¤Â¿Â¡Ã¦ÂÂ¯Ã¥Â" * 20)
    assert not looks_garbled("县政府信息公开办公室负责组织实施。" * 5)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十七", 17),
        ("二十一", 21),
        ("三十", 30),
        ("一百零二", 102),
        ("x", None),
    ],
)
def test_chinese_numerals(text, number):
    assert cn_to_int(text) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、深化基层政务公开", (1, 1, "深化基层政务公开")),
        ("（十七）加强清理整合", (2, 17, "加强清理整合")),
        ("(二十二) 强化指导", (2, 22, "强化指导")),
        ("3.做好培训", (3, 3, "做好培训")),
        ("2021年，全县", None),
        ("12345热线", None),
    ],
)
def test_section_markers(text, expected):
    assert marker(text) == expected


HEAD = [
    "渠府办〔2021〕54号",
    "示范县人民政府办公室",
    "关于印发《2026年示范县政务公开工作安排》的通知",
    "《2026年示范县政务公开工作安排》已经县政府同意，现印发给你们。",
    "示范县人民政府办公室",
    "2026年3月6日",
    "2026年示范县政务公开工作安排",
    "根据《省政府办公厅通知》（川办发〔2021〕16号）要求",
]


def test_metadata_from_the_head():
    assert find_doc_number(HEAD) == "渠府办〔2021〕54号"
    assert find_date(HEAD) == dt.date(2026, 3, 6)
    assert find_title(HEAD) == "2026年示范县政务公开工作安排"
    assert find_issuer(HEAD) == "示范县人民政府办公室"


def test_metadata_of_a_web_page_header():
    head = ["成文日期", "2021-06-28", "发文字号", "冠政办发〔2021〕9号", "平政办发〔2023〕5 号"]
    assert find_date(head) == dt.date(2021, 6, 28)
    assert find_doc_number(head) == "冠政办发〔2021〕9号"
    assert find_doc_number(["平政办发〔2023〕5 号"]) == "平政办发〔2023〕5号"


@pytest.mark.parametrize(
    ("cell", "due", "due_text"),
    [
        ("2023年12月底前", dt.date(2023, 12, 31), "2023年12月底前"),
        ("2023 年 6 月底前", dt.date(2023, 6, 30), "2023年6月底前"),
        ("年底前", dt.date(2026, 12, 31), "年底前"),
        ("8月31日前", dt.date(2026, 8, 31), "8月31日前"),
        ("上半年", dt.date(2026, 6, 30), "上半年"),
        ("下半年", dt.date(2026, 12, 31), "下半年"),
        ("第三季度", dt.date(2026, 9, 30), "第三季度"),
        ("2月底前", dt.date(2026, 2, 28), "2月底前"),
        ("持续推进", None, "持续推进"),
        ("长期坚持", None, "长期坚持"),
        ("每季度", None, "每季度"),
        ("", None, ""),
    ],
)
def test_due_from_a_deadline_cell(cell, due, due_text):
    assert due_from_cell(cell, 2026) == (due, due_text)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("要在2021年8月31日前完成迁移。", dt.date(2021, 8, 31)),
        ("2021年底前，门户网站支持IPv6。", dt.date(2021, 12, 31)),
        ("8月底前实现统一查询。", dt.date(2026, 8, 31)),
        ("2023年年底前，优化企业用户空间。", dt.date(2023, 12, 31)),
        ("在2021年8月31日前迁移，2021年底前支持IPv6。", dt.date(2021, 12, 31)),
        ("上半年完成清理。", dt.date(2026, 6, 30)),
        ("持续推进重大建设项目信息公开。", None),
        ("系统清理2016年以后制定的文件。", None),
        ("年初主动向社会公开。", None),
    ],
)
def test_due_from_running_text(text, due):
    assert due_from_text(text, 2026)[0] == due


@pytest.mark.parametrize(
    ("cell", "is_due"),
    [
        ("2023年12月底前", True),
        ("长期坚持", True),
        ("持续办好政府开放活动", False),
        ("县财政局", False),
    ],
)
def test_is_due_cell(cell, is_due):
    assert is_due_cell(cell) is is_due


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("主要负责同志每年至少听取1次汇报", [("每年至少听取1次", 1)]),
        ("年内邀请代表列席会议不得少于3次", [("不得少于3次", 3)]),
        ("在决策文件出台后10个工作日内公开", [("10个工作日内", 10)]),
        ("答复期限不得超过5个工作日", [("不得超过5个工作日", 5)]),
        ("一级标准率达到100%", [("达到100%", 100)]),
        ("解读原则上不少于 5 种", [("不少于5种", 5)]),
        ("做好33项民生实事公开", []),
    ],
)
def test_targets(text, targets):
    assert [(t.text, t.count) for t in find_targets(text)] == targets


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("县教育和体育局、财政局、交通运输局", ["县教育和体育局", "县财政局", "县交通运输局"]),
        ("县政府办公室、市场监督管理局", ["县政府办公室", "县市场监督管理局"]),
        ("万善乡,县发展和改革局、水务集团", ["万善乡", "县发展和改革局", "县水务集团"]),
        (
            "县财政局等县级有关部门（单位），各乡镇（街道）人民政府",
            ["县财政局", "县级有关部门（单位）", "各乡镇（街道）人民政府"],
        ),
        (
            "各县（市、区）人民政府，达州高新区管委会",
            ["各县（市、区）人民政府", "达州高新区管委会"],
        ),
        ("县卫健局，各乡镇（街道） 县应急局、县卫健局", ["县卫健局", "各乡镇（街道）", "县应急局"]),
        ("县财政局县审计局县统计局", ["县财政局", "县审计局", "县统计局"]),
        ("县教育局、县交通运输局等", ["县教育局", "县交通运输局"]),
        (
            "市级专项、空间、区域规划编制牵头部门（单位）",
            ["市级专项、空间、区域规划编制牵头部门（单位）"],
        ),
        (
            "基层政务公开领域涉及的县级部门（单位）按职责分工推进",
            ["基层政务公开领域涉及的县级部门（单位）"],
        ),
        ("县财政局、聊城市生态环境局冠县分局", ["县财政局", "聊城市生态环境局冠县分局"]),
    ],
)
def test_unit_lists_split_and_share_their_prefix(cell, names):
    assert split_unit_names(cell) == names


@pytest.mark.parametrize(
    ("cell", "first_is_lead", "lead", "support"),
    [
        (
            "牵头单位：县政府办公室；配合单位：县财政局、审计局",
            False,
            ["县政府办公室"],
            ["县财政局", "县审计局"],
        ),
        ("县财政局（牵头）、县审计局", False, ["县财政局"], ["县审计局"]),
        ("县财政局、县审计局", False, ["县财政局", "县审计局"], []),
        ("县财政局、县审计局", True, ["县财政局"], ["县审计局"]),
    ],
)
def test_lead_and_support_units(cell, first_is_lead, lead, support):
    result = parse_units(cell, first_is_lead=first_is_lead)
    assert (result.lead, result.support) == (lead, support)


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("各乡镇（街道）", True),
        ("县直有关部门", True),
        ("县级各部门", True),
        ("相关部门", True),
        ("开设政务新媒体的县级部门（单位）", True),
        ("县财政局", False),
        ("城关镇", False),
    ],
)
def test_group_phrases(name, group):
    assert is_group(name) is group


def test_broken_body_lines_are_joined_back():
    paras = paragraphs(
        [
            "一、加大公开力度",
            "（一）推进信息公开。做好重大项目",
            "",
            "信息公开。",
            "（二）做好解读。",
        ]
    )
    assert [(p.level, p.title) for p in paras] == [
        (1, "加大公开力度"),
        (2, "推进信息公开"),
        (2, "做好解读"),
    ]
    assert paras[1].content == "做好重大项目信息公开。"

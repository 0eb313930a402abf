"""Importing past annual reports: every number lands in its cell, in every layout and both formats.

Fixtures (written for these tests, invented figures):
- report_2021_tabs.txt        a county department's 2024 report pasted from a web page (tabs)
- report_2021_pipes.md        the same report as Markdown tables
- report_2021_spaces.txt      the same with runs of spaces, full-width digits and 1、 numbering
- report_2021_lines.txt       the same copied one cell per line, a label wrapped over two lines
- report_2019.txt             a 2019 report in the trial format (国办公开办函〔2019〕60号)
- report_2021_discrepancy.txt a township report whose numbers do not add up (PDF-like spacing)
- article.txt                 a news article, not a report
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.files.tests.pdfgen import pdf_with_pages
from gongkai.inforequests.outcomes import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)
from gongkai.reports.form import (
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    SECTION_TITLES,
    cell_paths,
    get_cell,
    path_label,
    result_groups,
    section2_blocks,
    set_cell,
)
from gongkai.reports.importer import report_parse

FIXTURES = Path(__file__).parent / "fixtures"
TABS = FIXTURES / "report_2021_tabs.txt"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def section3(fmt: str, rows: list[list[int]]) -> dict:
    """Section 三 from one list of seven numbers (自然人 … 其他, 总计) per row, in printed order."""
    paths = [p[:-1] for p in cell_paths(fmt) if p[0] == "section3" and p[-1] == S3_COLUMNS[0]]
    assert len(paths) == len(rows)
    tables: dict = {}
    for path, numbers in zip(paths, rows, strict=True):
        for column, number in zip(S3_COLUMNS, numbers, strict=True):
            set_cell(tables, (*path, column), number)
    return tables["section3"]


def section4(*numbers: int) -> dict:
    tables: dict = {}
    cells = [(*block, column) for block in S4_BLOCKS for column in S4_COLUMNS]
    for cell, number in zip(cells, numbers, strict=True):
        set_cell(tables, ("section4", *cell), number)
    return tables["section4"]


# --- the 2021 county department report (fixtures 1, 2 and 5) ------------------------------------

NR_SECTION2 = {
    "第二十条第（一）项": {
        "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
        "行政规范性文件": {"本年制发件数": 3, "本年废止件数": 1, "现行有效件数": 12},
    },
    "第二十条第（五）项": {"行政许可": {"本年处理决定数量": 186}},
    "第二十条第（六）项": {
        "行政处罚": {"本年处理决定数量": 27},
        "行政强制": {"本年处理决定数量": 2},
    },
    "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（万元）": 35.6}},
}
NR_ROWS = [
    # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    [41, 6, 0, 1, 2, 0, 50],  # 一、本年新收政府信息公开申请数量
    [2, 1, 0, 0, 0, 0, 3],  # 二、上年结转政府信息公开申请数量
    [18, 3, 0, 1, 1, 0, 23],  # （一）予以公开
    [4, 1, 0, 0, 0, 0, 5],  # （二）部分公开
    [0, 0, 0, 0, 0, 0, 0],  # （三）1 属于国家秘密
    [1, 0, 0, 0, 0, 0, 1],  # 2 其他法律行政法规禁止公开
    [0, 0, 0, 0, 0, 0, 0],  # 3 危及“三安全一稳定”
    [1, 0, 0, 0, 0, 0, 1],  # 4 保护第三方合法权益
    [0, 0, 0, 0, 0, 0, 0],  # 5 属于三类内部事务信息
    [2, 0, 0, 0, 0, 0, 2],  # 6 属于四类过程性信息
    [0, 0, 0, 0, 0, 0, 0],  # 7 属于行政执法案卷
    [1, 0, 0, 0, 0, 0, 1],  # 8 属于行政查询事项
    [8, 1, 0, 0, 1, 0, 10],  # （四）1 本机关不掌握相关政府信息
    [1, 0, 0, 0, 0, 0, 1],  # 2 没有现成信息需要另行制作
    [1, 0, 0, 0, 0, 0, 1],  # 3 补正后申请内容仍不明确
    [2, 0, 0, 0, 0, 0, 2],  # （五）1 信访举报投诉类申请
    [1, 0, 0, 0, 0, 0, 1],  # 2 重复申请
    [0, 0, 0, 0, 0, 0, 0],  # 3 要求提供公开出版物
    [0, 0, 0, 0, 0, 0, 0],  # 4 无正当理由大量反复申请
    [0, 0, 0, 0, 0, 0, 0],  # 5 要求行政机关确认或重新出具已获取信息
    [1, 1, 0, 0, 0, 0, 2],  # （六）1 逾期不补正
    [0, 0, 0, 0, 0, 0, 0],  # 2 逾期未缴纳费用
    [0, 0, 0, 0, 0, 0, 0],  # 3 其他
    [41, 6, 0, 1, 2, 0, 50],  # （七）总计
    [2, 1, 0, 0, 0, 0, 3],  # 四、结转下年度继续办理
]
NR_SECTION3 = section3("2021", NR_ROWS)
NR_SECTION4 = section4(1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0)


def test_tab_separated_web_paste_is_read_into_every_cell():
    parsed = report_parse(path=TABS)

    assert parsed.format == "2021"
    assert parsed.year == 2024
    assert parsed.title == "示范县自然资源局2024年政府信息公开工作年度报告"
    assert parsed.sections["section2"] == NR_SECTION2
    assert parsed.sections["section3"] == NR_SECTION3
    assert parsed.sections["section4"] == NR_SECTION4
    assert parsed.findings == []
    # A few cells by name, as a reader of the printed form would look them up.
    s3 = parsed.sections["section3"]
    assert s3[ROW_RESULTS]["（四）无法提供"]["本机关不掌握相关政府信息"]["法律服务机构"] == 1
    assert s3[ROW_RESULTS]["（三）不予公开"]["危及“三安全一稳定”"]["总计"] == 0
    other = s3[ROW_RESULTS]["（六）其他处理"]
    assert other["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]["商业企业"] == 1
    assert parsed.sections["section1"].startswith("2024年，示范县自然资源局坚持")
    assert parsed.sections["section1"].count("\n") == 5  # six paragraphs, no headings
    assert parsed.sections["section5"].startswith("2024年我局政府信息公开工作虽然")
    assert (
        parsed.sections["section6"].splitlines()[0]
        == "（一）收取信息处理费情况。本年度我局未收取信息处理费。"
    )


def test_json_has_the_form_keys_and_the_check_results():
    data = report_parse(path=TABS).as_json()

    assert list(data) == [
        "format",
        "year",
        "title",
        "section1",
        "section2",
        "section3",
        "section4",
        "section5",
        "section6",
        "checks",
    ]
    assert data["checks"] == {"ok": True, "findings": []}
    assert data["section3"]["一、本年新收政府信息公开申请数量"] == dict(
        zip(S3_COLUMNS, [41, 6, 0, 1, 2, 0, 50], strict=True)
    )


def test_money_cells_are_floats_in_wan_yuan_and_counts_are_ints():
    for fixture in (TABS, FIXTURES / "report_2019.txt"):
        parsed = report_parse(path=fixture)
        tables = {k: parsed.sections[k] for k in ("section2", "section3", "section4")}
        for path in cell_paths(parsed.format):
            value = get_cell(tables, path)
            expected_type = float if "金额" in path[-1] else int
            assert type(value) is expected_type, (path, value)


@pytest.mark.parametrize(
    "fixture", ["report_2021_pipes.md", "report_2021_spaces.txt", "report_2021_lines.txt"]
)
def test_every_paste_layout_gives_the_same_json(fixture):
    assert report_parse(path=FIXTURES / fixture).as_json() == report_parse(path=TABS).as_json()


def test_pasted_text_and_the_file_give_the_same_result():
    assert report_parse(text=fixture_text("report_2021_tabs.txt")).as_json() == (
        report_parse(path=TABS).as_json()
    )


def test_gb18030_text_file_is_decoded(tmp_path):
    path = tmp_path / "年报.txt"
    path.write_bytes(fixture_text("report_2021_tabs.txt").encode("gb18030"))

    assert report_parse(path=path).as_json() == report_parse(path=TABS).as_json()


def _as_html(text: str) -> str:
    """The tab fixture as the web page it was copied from: tables for tab lines, else <p>."""
    out, in_table = ["<html><head><title>年报</title></head><body>"], False
    for line in text.splitlines():
        if "\t" in line:
            if not in_table:
                out.append('<table border="1">')
            cells = "".join(f"<td>\n  {c}\n</td>" for c in line.split("\t"))
            out.append(f"<tr>{cells}</tr>")
            in_table = True
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        out.append(f"<p>{line.replace('“', '&ldquo;').replace('”', '&rdquo;')}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def test_saved_web_page_is_read_like_the_pasted_text(tmp_path):
    path = tmp_path / "2024年报.html"
    path.write_text(_as_html(fixture_text("report_2021_tabs.txt")), encoding="utf-8")

    assert report_parse(path=path).as_json() == report_parse(path=TABS).as_json()


# --- fixture 5: the same report as a Word document with merged header cells ----------------------


def _merged(table, r1, c1, r2, c2, text):
    cell = table.cell(r1, c1).merge(table.cell(r2, c2))
    cell.text = text
    return cell


def _fill(table, r, c, values):
    for i, value in enumerate(values):
        table.cell(r, c + i).text = str(value)


def _word_section2(document):
    table = document.add_table(rows=14, cols=4)
    table.style = "Table Grid"
    r = 0
    for block in section2_blocks("2021"):
        _merged(table, r, 0, r, 3, block.item)
        table.cell(r + 1, 0).text = "信息内容"
        if len(block.columns) == 1:
            _merged(table, r + 1, 1, r + 1, 3, block.columns[0])
        else:
            _fill(table, r + 1, 1, block.columns)
        for i, row in enumerate(block.rows):
            table.cell(r + 2 + i, 0).text = row
            values = [NR_SECTION2[block.item][row][c] for c in block.columns]
            if len(values) == 1:
                _merged(table, r + 2 + i, 1, r + 2 + i, 3, str(values[0]))
            else:
                _fill(table, r + 2 + i, 1, values)
        r += 2 + len(block.rows)


CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _word_section3(document):
    """The national layout: 3 label columns + 7 number columns, headers merged both ways."""
    groups = result_groups("2021")
    n_rows = 3 + 2 + sum(len(subs) or 1 for _, subs in groups) + 1 + 1
    table = document.add_table(rows=n_rows, cols=10)
    table.style = "Table Grid"
    _merged(table, 0, 0, 2, 2, CHECK_NOTE)
    _merged(table, 0, 3, 0, 9, "申请人情况")
    _merged(table, 1, 3, 2, 3, "自然人")
    _merged(table, 1, 4, 1, 8, "法人或其他组织")
    _merged(table, 1, 9, 2, 9, "总计")
    _fill(table, 2, 4, S3_COLUMNS[1:6])
    rows = iter(NR_ROWS)
    r = 3
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"):
        _merged(table, r, 0, r, 2, label)
        _fill(table, r, 3, next(rows))
        r += 1
    first_result = r
    for group, subs in groups:
        if not subs:
            _merged(table, r, 1, r, 2, group)
            _fill(table, r, 3, next(rows))
            r += 1
            continue
        _merged(table, r, 1, r + len(subs) - 1, 1, group)
        for n, sub in enumerate(subs, start=1):
            table.cell(r, 2).text = f"{n}．{sub}"
            _fill(table, r, 3, next(rows))
            r += 1
    _merged(table, r, 1, r, 2, "（七）总计")
    _fill(table, r, 3, next(rows))
    _merged(table, first_result, 0, r, 0, ROW_RESULTS)
    r += 1
    _merged(table, r, 0, r, 2, "四、结转下年度继续办理")
    _fill(table, r, 3, next(rows))


def _word_section4(document):
    table = document.add_table(rows=4, cols=15)
    table.style = "Table Grid"
    _merged(table, 0, 0, 0, 4, "行政复议")
    _merged(table, 0, 5, 0, 14, "行政诉讼")
    for c, label in enumerate(S4_COLUMNS):
        _merged(table, 1, c, 2, c, label)
    _merged(table, 1, 5, 1, 9, "未经复议直接起诉")
    _merged(table, 1, 10, 1, 14, "复议后起诉")
    _fill(table, 2, 5, S4_COLUMNS * 2)
    numbers = [NR_SECTION4["行政复议"][c] for c in S4_COLUMNS]
    for kind in ("未经复议直接起诉", "复议后起诉"):
        numbers += [NR_SECTION4["行政诉讼"][kind][c] for c in S4_COLUMNS]
    _fill(table, 3, 0, numbers)


def write_word_report(path: Path) -> None:
    """The county department's report as the office's Word file: the paragraphs of the web page,
    the three tables as Word tables."""
    lines = fixture_text("report_2021_tabs.txt").splitlines()
    s2 = lines.index(SECTION_TITLES["section2"])
    s5 = lines.index(SECTION_TITLES["section5"])
    document = docx.Document()
    for line in lines[:s2]:
        document.add_paragraph(line)
    document.add_paragraph(SECTION_TITLES["section2"])
    _word_section2(document)
    document.add_paragraph(SECTION_TITLES["section3"])
    _word_section3(document)
    document.add_paragraph(SECTION_TITLES["section4"])
    _word_section4(document)
    for line in lines[s5:]:
        document.add_paragraph(line)
    document.save(path)


def test_word_document_with_merged_cells_gives_the_same_json_as_the_web_paste(tmp_path):
    path = tmp_path / "示范县自然资源局2024年年报.docx"
    write_word_report(path)
    # The test's Word file really has merged header cells: one cell over five grid columns.
    table = docx.Document(path).tables[1]
    assert [table.cell(1, c).text for c in (4, 8)] == ["法人或其他组织"] * 2

    assert report_parse(path=path).as_json() == report_parse(path=TABS).as_json()


# --- fixture 3: the 2019 trial format ------------------------------------------------------------

EDU_SECTION2 = {
    "第二十条第（一）项": {
        "规章": {"本年新制作数量": 0, "本年新公开数量": 0, "对外公开总数量": 0},
        "规范性文件": {"本年新制作数量": 2, "本年新公开数量": 2, "对外公开总数量": 9},
    },
    "第二十条第（五）项": {
        "行政许可": {"上一年项目数量": 15, "本年增/减": 0, "处理决定数量": 230},
        "其他对外管理服务事项": {"上一年项目数量": 6, "本年增/减": 1, "处理决定数量": 48},
    },
    "第二十条第（六）项": {
        "行政处罚": {"上一年项目数量": 4, "本年增/减": 0, "处理决定数量": 3},
        "行政强制": {"上一年项目数量": 0, "本年增/减": 0, "处理决定数量": 0},
    },
    "第二十条第（八）项": {"行政事业性收费": {"上一年项目数量": 2, "本年增/减": 0}},
    "第二十条第（九）项": {"政府集中采购": {"采购项目数量": 8, "采购总金额": 126.45}},
}
EDU_ROWS = [
    [12, 2, 0, 0, 1, 0, 15],  # 一、本年新收
    [0, 0, 0, 0, 0, 0, 0],  # 二、上年结转 (blank cells)
    [7, 1, 0, 0, 1, 0, 9],  # （一）予以公开
    [1, 0, 0, 0, 0, 0, 1],  # （二）部分公开
    [0, 0, 0, 0, 0, 0, 0],  # （三）1 (dashes)
    [0, 0, 0, 0, 0, 0, 0],  # 2
    [0, 0, 0, 0, 0, 0, 0],  # 3
    [1, 0, 0, 0, 0, 0, 1],  # 4 保护第三方合法权益
    [0, 0, 0, 0, 0, 0, 0],  # 5
    [0, 0, 0, 0, 0, 0, 0],  # 6
    [0, 0, 0, 0, 0, 0, 0],  # 7
    [0, 0, 0, 0, 0, 0, 0],  # 8
    [2, 1, 0, 0, 0, 0, 3],  # （四）1 本机关不掌握相关政府信息
    [0, 0, 0, 0, 0, 0, 0],  # 2
    [0, 0, 0, 0, 0, 0, 0],  # 3
    [0, 0, 0, 0, 0, 0, 0],  # （五）1
    [0, 0, 0, 0, 0, 0, 0],  # 2
    [0, 0, 0, 0, 0, 0, 0],  # 3
    [0, 0, 0, 0, 0, 0, 0],  # 4
    [0, 0, 0, 0, 0, 0, 0],  # 5
    [1, 0, 0, 0, 0, 0, 1],  # （六）其他处理 — one row in the trial format
    [12, 2, 0, 0, 1, 0, 15],  # （七）总计 (full-width digits)
    [0, 0, 0, 0, 0, 0, 0],  # 四、结转下年度继续办理
]


def test_2019_trial_format_is_recognised_and_read():
    parsed = report_parse(path=FIXTURES / "report_2019.txt")

    assert parsed.format == "2019"
    assert parsed.year == 2019
    assert parsed.title == "示范县教育局2019年政府信息公开工作年度报告"
    assert parsed.sections["section2"] == EDU_SECTION2
    assert parsed.sections["section3"] == section3("2019", EDU_ROWS)
    assert parsed.sections["section4"] == section4(*[0] * 15)
    assert parsed.sections["section3"][ROW_RESULTS]["（六）其他处理"]["自然人"] == 1
    assert parsed.sections["section6"] == "无。"
    assert parsed.findings == []


def test_2019_format_is_told_by_the_other_row_alone_when_section_2_is_absent():
    """Without section 二, the format still shows: （六）其他处理 has numbers, no sub-rows."""
    lines = fixture_text("report_2019.txt").splitlines()
    start = lines.index(SECTION_TITLES["section2"])
    end = lines.index(SECTION_TITLES["section3"])
    parsed = report_parse(text="\n".join(lines[:start] + lines[end:]))

    assert parsed.format == "2019"
    assert parsed.sections["section3"] == section3("2019", EDU_ROWS)
    assert parsed.findings[0].place == SECTION_TITLES["section2"]


# --- fixture 4: numbers that do not add up -------------------------------------------------------


def test_discrepancies_are_listed_where_they_are():
    parsed = report_parse(path=FIXTURES / "report_2021_discrepancy.txt")

    assert parsed.format == "2021"
    assert parsed.year == 2023
    assert parsed.sections["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 6
    assert [(f.check, f.place, f.expected, f.actual) for f in parsed.findings] == [
        ("row_total", "一、本年新收政府信息公开申请数量 › 总计", 5, 6),
        ("row_total", "三、本年度办理结果 › （七）总计 › 总计", 4, 5),
        ("row_total", "行政复议 › 总计", 1, 0),
        ("results_total", "三、本年度办理结果 › （七）总计 › 自然人", 5, 4),
        ("balance", "自然人列", "一＋二＝6", "三（七）＋四＝5"),
        ("balance", "总计列", "一＋二＝7", "三（七）＋四＝6"),
    ]
    data = parsed.as_json()
    assert data["checks"]["ok"] is False
    assert data["checks"]["findings"][0]["message"] == (
        "各列之和等于总计不成立：一、本年新收政府信息公开申请数量 › 总计应为 5，表中为 6。"
    )
    # Single spaces between cells and "1 属于国家秘密" numbering: every other cell still right.
    s3 = parsed.sections["section3"][ROW_RESULTS]
    assert s3["（四）无法提供"]["本机关不掌握相关政府信息"]["自然人"] == 2
    assert s3["（三）不予公开"]["属于国家秘密"] == dict.fromkeys(S3_COLUMNS, 0)
    assert parsed.sections["section2"]["第二十条第（六）项"]["行政处罚"]["本年处理决定数量"] == 12


# --- what cannot be read --------------------------------------------------------------------------

_NOT_SECRET = "三、本年度办理结果 › （三）不予公开 › 其他法律行政法规禁止公开"
_DISCLOSED = "三、本年度办理结果 › （一）予以公开"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "2．其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1\n",
            "",
            [("missing", f"{_NOT_SECRET} › {c}", None) for c in S3_COLUMNS],
            id="row missing entirely",
        ),
        pytest.param(
            "（一）予以公开\t18\t3\t0\t1\t1\t0\t23",
            "（一）予以公开\t18\t3\t0\t1\t1\t23",
            [("missing", f"{_DISCLOSED} › {c}", None) for c in S3_COLUMNS],
            id="row with a number too few",
        ),
        pytest.param(
            "行政许可\t186",
            "行政许可\t约186",
            [("not_number", "第二十条第（五）项 › 行政许可 › 本年处理决定数量", "约186")],
            id="text in a number cell",
        ),
        pytest.param(
            "（一）予以公开\t18\t3\t0",
            "（一）予以公开\t18\t三\t0",
            [("not_number", f"{_DISCLOSED} › 商业企业", "三")],
            id="chinese numeral in a cell",
        ),
        pytest.param(
            "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            "1\t0\t0\t1\t2\t0\t1\t0\t0\t1",
            [
                ("missing", f"{block} › {c}", None)
                for block in ("行政复议", "行政诉讼 › 未经复议直接起诉", "行政诉讼 › 复议后起诉")
                for c in S4_COLUMNS
            ],
            id="section 4 with five numbers missing",
        ),
    ],
)
def test_cells_that_cannot_be_read_are_findings(old, new, expected):
    text = fixture_text("report_2021_tabs.txt")
    assert old in text
    parsed = report_parse(text=text.replace(old, new, 1))

    assert [(f.check, f.place, f.actual) for f in parsed.findings] == expected
    assert parsed.as_json()["checks"]["ok"] is False


def test_a_missing_cell_is_empty_in_the_json():
    text = fixture_text("report_2021_tabs.txt").replace("行政许可\t186", "行政许可\t约186")
    data = report_parse(text=text).as_json()

    assert data["section2"]["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] is None
    assert data["checks"]["findings"][0]["message"] == (
        "“第二十条第（五）项 › 行政许可 › 本年处理决定数量”应为非负数，现为“约186”。"
    )


@pytest.mark.parametrize("name", ["section3", "section5"])
def test_a_missing_heading_is_a_finding_and_the_rest_still_reads(name):
    text = fixture_text("report_2021_tabs.txt").replace(SECTION_TITLES[name] + "\n", "")
    parsed = report_parse(text=text)
    expected = report_parse(path=TABS).sections

    assert [(f.check, f.place) for f in parsed.findings] == [("missing", SECTION_TITLES[name])]
    # A table under a missing heading is still read (it sits between its neighbours' headings);
    # prose cannot be told from the section above it.
    for section in ("section2", "section3", "section4", "section6"):
        assert parsed.sections[section] == expected[section]
    if name == "section5":
        assert parsed.sections["section5"] == ""


def test_tables_pasted_without_any_heading_are_still_read():
    """Someone pastes only the tables: each is found by its own rows and header."""
    lines = fixture_text("report_2021_tabs.txt").splitlines()
    start = lines.index(SECTION_TITLES["section2"])
    end = lines.index(SECTION_TITLES["section5"])
    tables_only = [line for line in lines[start:end] if line not in SECTION_TITLES.values()]
    parsed = report_parse(text="\n".join(tables_only))

    assert parsed.sections["section2"] == NR_SECTION2
    assert parsed.sections["section3"] == NR_SECTION3
    assert parsed.sections["section4"] == NR_SECTION4
    assert [f.place for f in parsed.findings] == list(SECTION_TITLES.values())
    assert (parsed.title, parsed.year) == ("", None)


def test_a_pdf_of_the_report_reads_like_its_text(tmp_path):
    """A PDF printed from the web page: text lines with single spaces, a page break in the
    middle of table 三."""
    lines = fixture_text("report_2021_discrepancy.txt").splitlines()
    middle = lines.index("3 危及“三安全一稳定” 0 0 0 0 0 0 0")
    path = tmp_path / "年报.pdf"
    path.write_bytes(pdf_with_pages([lines[:middle], lines[middle:]]))

    assert report_parse(path=path).as_json() == (
        report_parse(path=FIXTURES / "report_2021_discrepancy.txt").as_json()
    )


ROW_3 = "3．危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0"


@pytest.mark.parametrize(
    "zero", ["0", "０", "-", "—", "——", "－", "/", "／", "无", "", " "], ids=repr
)
def test_dashes_slashes_and_blank_cells_mean_zero(zero):
    row = "\t".join(["3．危及“三安全一稳定”", *[zero] * 7])
    text = fixture_text("report_2021_tabs.txt").replace(ROW_3, row)
    parsed = report_parse(text=text)

    assert parsed.sections["section3"] == NR_SECTION3
    assert parsed.findings == []


@pytest.mark.parametrize(
    ("written", "value"),
    [("35.6", 35.6), ("３５．６", 35.6), ("35.60万元", 35.6), ("1,035.6", 1035.6), ("-", 0.0)],
)
def test_fee_amounts_are_read_in_wan_yuan(written, value):
    text = fixture_text("report_2021_tabs.txt").replace(
        "行政事业性收费\t35.6", f"行政事业性收费\t{written}"
    )
    fees = report_parse(text=text).sections["section2"]["第二十条第（八）项"]["行政事业性收费"]

    assert fees["本年收费金额（万元）"] == value
    assert isinstance(fees["本年收费金额（万元）"], float)


def test_a_decrease_in_the_2019_form_is_a_negative_number():
    text = fixture_text("report_2019.txt").replace("行政许可\t15\t0\t230", "行政许可\t15\t-2\t230")
    parsed = report_parse(text=text)

    assert parsed.sections["section2"]["第二十条第（五）项"]["行政许可"]["本年增/减"] == -2


# --- title, year, headings -----------------------------------------------------------------------

_BODY = fixture_text("report_2021_tabs.txt").split("一、总体情况", 1)[1]


@pytest.mark.parametrize(
    ("head", "title", "year"),
    [
        (
            "示范县自然资源局2024年政府信息公开工作年度报告\n",
            "示范县自然资源局2024年政府信息公开工作年度报告",
            2024,
        ),
        (
            "示范县人民政府二〇二三年政府信息公开工作年度报告\n",
            "示范县人民政府二〇二三年政府信息公开工作年度报告",
            2023,
        ),
        (
            "示范县人民政府2022年度政府信息公开工作年度报告\n",
            "示范县人民政府2022年度政府信息公开工作年度报告",
            2022,
        ),
        (
            "首页 > 政务公开 > 年度报告\n关于本局政府信息公开工作的报告\n"
            "本报告统计期限为2021年1月1日至2021年12月31日。\n",
            "关于本局政府信息公开工作的报告",
            2021,
        ),
        ("", "", None),
    ],
)
def test_title_and_year(head, title, year):
    parsed = report_parse(text=head + "一、总体情况" + _BODY)

    assert (parsed.title, parsed.year) == (title, year)
    assert parsed.sections["section3"] == NR_SECTION3


@pytest.mark.parametrize(
    ("heading", "variant"),
    [
        ("一、总体情况", "一．总体情况"),
        ("一、总体情况", "一 总体情况"),
        ("一、总体情况", "总体情况"),
        ("二、主动公开政府信息情况", "二、主动公开政府信息"),
        ("二、主动公开政府信息情况", "二.主动公开政府信息情况"),
        ("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况："),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ),
        ("五、存在的主要问题及改进情况", "五、存在的主要问题及改进措施"),
        ("六、其他需要报告的事项", "六、其他需要报告的事项。"),
        ("六、其他需要报告的事项", "## 六、 其他需要报告的事项"),
    ],
)
def test_heading_variants_are_recognised(heading, variant):
    text = fixture_text("report_2021_tabs.txt").replace(heading + "\n", variant + "\n")
    assert report_parse(text=text).as_json() == report_parse(path=TABS).as_json()


def test_first_paragraph_on_the_heading_line_goes_to_its_section():
    text = fixture_text("report_2021_tabs.txt").replace("一、总体情况\n", "一、总体情况　")
    parsed = report_parse(text=text)

    assert parsed.sections["section1"] == report_parse(path=TABS).sections["section1"]


def test_a_subheading_in_the_overview_is_not_taken_for_section_2():
    text = fixture_text("report_2021_tabs.txt").replace(
        "（一）主动公开。", "主动公开情况\n（一）主动公开。"
    )
    parsed = report_parse(text=text)

    assert "主动公开情况" in parsed.sections["section1"]
    assert parsed.sections["section2"] == NR_SECTION2
    assert parsed.findings == []


# --- bad input ------------------------------------------------------------------------------------

NOT_A_REPORT = "未能识别为政府信息公开工作年度报告："


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", NOT_A_REPORT),
        ("blank.txt", "   \n\n\u3000\n".encode(), NOT_A_REPORT),
        ("article.txt", (FIXTURES / "article.txt").read_bytes(), NOT_A_REPORT),
        ("empty.docx", b"", NOT_A_REPORT),
        ("broken.docx", b"PK\x03\x04 this is not really a zip archive \x00\x01\x02", "Word"),
        ("random.docx", bytes(range(256)) * 8, "Word"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, ".docx"),
        ("report.xlsx", b"PK\x03\x04", "不支持“.xlsx”"),
        ("binary.txt", b"\x00\x01\x02\x03garbage", "不是文本文件"),
    ],
)
def test_bad_files_are_refused_with_a_chinese_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(GongkaiError) as error:
        report_parse(path=path)
    assert message in error.value.message
    assert re.search(r"[\u4e00-\u9fff]{4}", error.value.message)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(GongkaiError, match="找不到文件"):
        report_parse(path=tmp_path / "没有这个文件.txt")


@pytest.mark.parametrize("text", ["", "  \n\t\n", "今天天气很好。\n一、总体情况\n很好。"])
def test_text_that_is_no_report_is_refused(text):
    with pytest.raises(GongkaiError, match=r"^未能识别为政府信息公开工作年度报告：.+"):
        report_parse(text=text)


def test_text_or_path_is_required():
    with pytest.raises(GongkaiError, match="二者选一"):
        report_parse()


# --- any table, any layout (hypothesis) ----------------------------------------------------------

STYLES = ("tabs", "grid", "pipes", "spaces", "lines")
ZEROS = ("0", "-", "—", "／", "０")


def _money(path) -> bool:
    return "金额" in path[-1]


def _cell(value, zero: str) -> str:
    if value == 0:
        return zero
    return str(value)


def render(tables: dict, fmt: str, style: str, zeros: dict, numbering: str = "{}．") -> str:
    """A report's text with the tables laid out as one of the paste styles; sub-rows numbered
    1．/1./1、/（1）/… and, with a bare "1 ", straight quotes (as plain-text sites print them).

    "grid" is a Word or web table copied with its merged cells: tab-separated on the full grid,
    a merged cell's text where it begins and empty cells where it spans."""
    out: list[str] = []
    grid = style == "grid"

    def row(*cells: str) -> None:
        if style in ("tabs", "grid"):
            out.append("\t".join(cells))
        elif style == "pipes":
            out.append("| " + " | ".join(cells) + " |")
        elif style == "spaces":
            out.append("   ".join(cells))
        else:
            out.extend(cells)

    def labels(*cells: str) -> list[str]:
        """The three label columns of section 三 (only the non-empty ones unless on the grid)."""
        return list(cells) if grid else [c for c in cells if c]

    def values(path, columns, width: int | None = None) -> list[str]:
        cells = [_cell(get_cell(tables, (*path, c)), zeros[(*path, c)]) for c in columns]
        return cells + [""] * ((width or 0) - len(cells)) if grid else cells

    out += ["示范县测试局2020年政府信息公开工作年度报告", "一、总体情况", "概述。"]
    out.append(SECTION_TITLES["section2"])
    for block in section2_blocks(fmt):
        out.append(block.item)
        row("信息内容", *block.columns, *([""] * (3 - len(block.columns)) if grid else []))
        for name in block.rows:
            row(name, *values(("section2", block.item, name), block.columns, width=3))
    out.append(SECTION_TITLES["section3"])
    row(*labels(CHECK_NOTE, "", ""), "申请人情况")
    row(*labels("", "", ""), "自然人", "法人或其他组织", "总计")
    row(*labels("", "", ""), *S3_COLUMNS[1:6])
    s3 = ("section3",)
    for label in (ROW_NEW, ROW_CARRIED_IN):
        row(*labels(label, "", ""), *values((*s3, label), S3_COLUMNS))
    lead = ROW_RESULTS
    for group, subs in result_groups(fmt):
        if not subs:
            row(*labels(lead, group, ""), *values((*s3, ROW_RESULTS, group), S3_COLUMNS))
        for n, sub in enumerate(subs, start=1):
            cells = values((*s3, ROW_RESULTS, group, sub), S3_COLUMNS)
            if numbering.endswith(" "):
                sub = sub.replace("“", '"').replace("”", '"')
            row(*labels(lead, group if n == 1 else "", numbering.format(n) + sub), *cells)
            lead = ""
        lead = ""
    row(*labels("", ROW_TOTAL, ""), *values((*s3, ROW_RESULTS, ROW_TOTAL), S3_COLUMNS))
    row(*labels(ROW_CARRIED_OUT, "", ""), *values((*s3, ROW_CARRIED_OUT), S3_COLUMNS))
    out.append(SECTION_TITLES["section4"])
    gap = [""] * 4 if grid else []
    row("行政复议", *gap, "行政诉讼")
    row(*S4_COLUMNS, "未经复议直接起诉", *gap, "复议后起诉", *gap)
    row(*([""] * 5 if grid else S4_COLUMNS), *S4_COLUMNS, *S4_COLUMNS)
    row(*[v for block in S4_BLOCKS for v in values(("section4", *block), S4_COLUMNS)])
    out += [SECTION_TITLES["section5"], "无。", SECTION_TITLES["section6"], "无。"]
    return "\n".join(out)


@st.composite
def laid_out_reports(draw):
    fmt = draw(st.sampled_from(["2021", "2019"]))
    style = draw(st.sampled_from(STYLES))
    zero_styles = (*ZEROS, "") if style in ("tabs", "grid", "pipes") else ZEROS
    tables: dict = {}
    zeros: dict = {}
    for path in cell_paths(fmt):
        if _money(path):
            value = draw(st.integers(0, 10**7)) / 100
        elif path[-1] == "本年增/减":
            value = draw(st.integers(-50, 50))
        else:
            value = draw(st.integers(0, 3) | st.integers(0, 99999))
        set_cell(tables, path, value)
        zeros[path] = draw(st.sampled_from(zero_styles)) if value == 0 else "0"
    numbering = draw(st.sampled_from(["{}．", "{}.", "{}、", "（{}）", "({})", "{} "]))
    return fmt, style, tables, zeros, numbering


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(laid_out_reports())
def test_any_table_in_any_layout_reads_back(case):
    fmt, style, tables, zeros, numbering = case
    parsed = report_parse(text=render(tables, fmt, style, zeros, numbering))

    assert parsed.format == fmt
    for section in ("section2", "section3", "section4"):
        assert parsed.sections[section] == tables[section]
    assert not [f for f in parsed.findings if f.check == "missing"]
    # The checks refuse negative cells; only a 2019 本年增/减 may be drawn negative here.
    assert {f.place for f in parsed.findings if f.check == "not_number"} <= {
        path_label(p) for p in cell_paths(fmt) if get_cell(tables, p) < 0
    }


def test_a_blank_zero_before_an_amount_in_a_copied_grid_stays_in_its_column():
    # Found by the property above: 政府集中采购 with 0 projects left blank and an amount, in a
    # table of three value columns copied with its empty edge cell.
    tables, zeros = {}, {}
    for path in cell_paths("2019"):
        value = 11501.65 if _money(path) else (0 if path[-1] == "采购项目数量" else 3)
        set_cell(tables, path, value)
        zeros[path] = "" if value == 0 else "0"
    parsed = report_parse(text=render(tables, "2019", "grid", zeros))
    assert parsed.sections["section2"]["第二十条第（九）项"] == {
        "政府集中采购": {"采购项目数量": 0, "采购总金额": 11501.65}
    }
    assert parsed.sections["section2"] == tables["section2"]

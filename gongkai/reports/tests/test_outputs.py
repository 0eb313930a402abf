"""The annual report's outputs: HTML (portal and print), .docx, PDF, JSON.

The report dicts are built here without the database, in the shape of selectors.report_json, with
a different number in every cell of sections 二, 三 and 四 so that a number in the wrong cell shows.
"""

from __future__ import annotations

import io
import json
import time
from html.parser import HTMLParser
from itertools import count
from typing import Any

import docx
import pdfplumber
import pytest
from docx.shared import Mm

from gongkai.core.errors import GongkaiError
from gongkai.inforequests.outcomes import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)
from gongkai.reports import form
from gongkai.reports.checks import check_tables
from gongkai.reports.outputs import (
    cell_text,
    report_docx,
    report_html,
    report_output,
    report_pdf,
    report_print_html,
)

TITLE = "示范县发展和改革局2025年政府信息公开工作年度报告"
SECRET = ("section3", ROW_RESULTS, "（三）不予公开", "属于国家秘密", "商业企业")
FEE = ("section2", "第二十条第（八）项", "行政事业性收费", "本年收费金额（万元）")


def make_report(fmt: str = form.FORMAT_2021) -> dict[str, Any]:
    """A report whose tables satisfy every invariant, with distinct figures throughout."""
    tables = form.empty_tables(fmt)
    numbers = count(1)
    for block in form.section2_blocks(fmt):
        for row in block.rows:
            for column in block.columns:
                value = next(numbers)
                form.set_cell(
                    tables,
                    ("section2", block.item, row, column),
                    value + 0.3456 if column in block.money else value,
                )
    results = ("section3", ROW_RESULTS)
    total_row = {c: 0 for c in form.S3_PARTS}
    for group, subs in form.result_groups(fmt):
        for sub in subs or (None,):
            path = (*results, group, *((sub,) if sub else ()))
            row = {c: next(numbers) for c in form.S3_PARTS}
            for column, value in row.items():
                form.set_cell(tables, (*path, column), value)
                total_row[column] += value
            form.set_cell(tables, (*path, form.S3_TOTAL), sum(row.values()))
    carried_in = {c: 2 + i for i, c in enumerate(form.S3_PARTS)}
    carried_out = {c: 30 + i for i, c in enumerate(form.S3_PARTS)}
    new = {c: total_row[c] + carried_out[c] - carried_in[c] for c in form.S3_PARTS}
    for label, row in (
        ((ROW_RESULTS, ROW_TOTAL), total_row),
        ((ROW_CARRIED_IN,), carried_in),
        ((ROW_CARRIED_OUT,), carried_out),
        ((ROW_NEW,), new),
    ):
        for column, value in row.items():
            form.set_cell(tables, ("section3", *label, column), value)
        form.set_cell(tables, ("section3", *label, form.S3_TOTAL), sum(row.values()))
    for block in form.S4_BLOCKS:
        parts = [next(numbers) for _ in form.S4_COLUMNS[:-1]]
        for column, value in zip(form.S4_COLUMNS, [*parts, sum(parts)], strict=True):
            form.set_cell(tables, ("section4", *block, column), value)
    assert check_tables(tables, fmt) == []
    return {
        "title": TITLE if fmt == form.FORMAT_2021 else TITLE.replace("2025", "2020"),
        "format": fmt,
        "year": 2025 if fmt == form.FORMAT_2021 else 2020,
        "scope": {
            "kind": "unit",
            "name": "示范县发展和改革局",
            "unit_code": "fgj",
            "region_code": "sfx",
            "aggregate_all": False,
        },
        "status": "published",
        "source": "generated",
        "deadline": "2026-01-31",
        "published_on": "2026-01-20",
        "section1": "2025年，本局全年主动公开政府信息86条。\n\n全年收到政府信息公开申请若干件。",
        **tables,
        "section5": "存在的主要问题：解读形式较单一。\n\n改进情况：增加图解。",
        "section6": "本年度未收取信息处理费。",
        "overrides": [],
        "checks": {"ok": True, "findings": []},
    }


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return make_report()


def s3_paths(fmt: str = form.FORMAT_2021) -> list[tuple[str, ...]]:
    return [p for p in form.cell_paths(fmt) if p[0] == "section3"]


def s3_row_labels(path: tuple[str, ...]) -> tuple[str, str, str]:
    """The three label columns of section 三 as the form fills them (merged cells repeat)."""
    rows = path[1:-1]
    if len(rows) == 1:
        return rows[0], rows[0], rows[0]
    if len(rows) == 2:
        return rows[0], rows[1], rows[1]
    subs = dict(form.result_groups(form.FORMAT_2021))[rows[1]]
    return rows[0], rows[1], f"{subs.index(rows[2]) + 1}. {rows[2]}"


def expected(data: dict[str, Any], path: tuple[str, ...]) -> str:
    return cell_text(form.get_cell(data, path), money=form.is_money(path, data["format"]))


# --- .docx -------------------------------------------------------------------------------------


def open_docx(data: dict[str, Any]) -> Any:
    return docx.Document(io.BytesIO(report_docx(data)))


def test_docx_title_headings_and_page(report):
    document = open_docx(report)
    title = document.paragraphs[0]
    assert title.text == TITLE
    assert title.alignment == 1  # centred
    east_asia = title.runs[0]._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asia == "方正小标宋简体"
    texts = [p.text for p in document.paragraphs]
    headings = [t for t in texts if t in form.SECTION_TITLES.values()]
    assert headings == list(form.SECTION_TITLES.values())
    heading = next(p for p in document.paragraphs if p.text == "一、总体情况")
    assert heading.runs[0].bold
    # the prose in paragraphs, split at the blank line
    assert "2025年，本局全年主动公开政府信息86条。" in texts
    assert "全年收到政府信息公开申请若干件。" in texts
    page = document.sections[0]
    assert abs(page.page_width - Mm(210)) < Mm(1) and abs(page.page_height - Mm(297)) < Mm(1)
    assert "PAGE" in page.footer._element.xml


def test_docx_has_the_forms_tables_with_every_number_in_its_cell(report):
    tables = open_docx(report).tables
    assert len(tables) == 4 + 1 + 1
    assert all(t.style.name == "Table Grid" for t in tables)

    # section 二: one small table per block, its first row the article item across all columns
    for table, block in zip(tables[:4], form.section2_blocks("2021"), strict=True):
        assert {c.text for c in table.rows[0].cells} == {block.item}
        assert [c.text for c in table.rows[1].cells] == ["信息内容", *block.columns]
        for r, row in enumerate(block.rows, start=2):
            cells = [c.text for c in table.rows[r].cells]
            path = ("section2", block.item, row)
            assert cells == [row, *(expected(report, (*path, c)) for c in block.columns)]
    assert tables[3].rows[2].cells[1].text == "10.3456"  # 万元, as given

    # section 三: find the row by its labels, the column by position
    s3 = tables[4]
    corner = s3.cell(0, 0)
    assert corner.text.startswith("（本列数据的勾稽关系为：第一项加第二项之和")
    assert s3.cell(2, 2)._tc is corner._tc  # one merged corner cell
    assert [c.text for c in s3.rows[0].cells[3:]] == ["申请人情况"] * 7
    assert [c.text for c in s3.rows[1].cells[3:]] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert [c.text for c in s3.rows[2].cells[3:]] == list(form.S3_COLUMNS)
    rows = {tuple(c.text for c in row.cells[:3]): row for row in s3.rows[3:]}
    assert len(rows) == len(s3.rows) - 3
    for path in s3_paths():
        row = rows[s3_row_labels(path)]
        column = 3 + form.S3_COLUMNS.index(path[-1])
        assert row.cells[column].text == expected(report, path), path
    secret = rows[s3_row_labels(SECRET)].cells[3 + form.S3_COLUMNS.index("商业企业")]
    assert secret.text == str(form.get_cell(report, SECRET)) != "0"

    # section 四: 行政复议 over 5 columns, 行政诉讼 over 10, split in two, then 15 numbers
    s4 = tables[5]
    assert [c.text for c in s4.rows[0].cells] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert [c.text for c in s4.rows[1].cells[5:]] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert [c.text for c in s4.rows[2].cells] == list(form.S4_COLUMNS) * 3
    assert s4.cell(2, 0)._tc is s4.cell(1, 0)._tc  # 行政复议's labels reach down two rows
    numbers = [c.text for c in s4.rows[3].cells]
    assert numbers == [
        expected(report, ("section4", *block, column))
        for block in form.S4_BLOCKS
        for column in form.S4_COLUMNS
    ]


def test_docx_of_a_2019_report_has_its_five_section_two_blocks():
    old = make_report(form.FORMAT_2019)
    tables = open_docx(old).tables
    assert len(tables) == 5 + 1 + 1
    items = [t.rows[0].cells[0].text for t in tables[:5]]
    assert items == [b.item for b in form.SECTION2_2019]
    purchase = tables[4]
    assert [c.text for c in purchase.rows[1].cells] == ["信息内容", "采购项目数量", "采购总金额"]
    s3 = tables[5]
    rows = {tuple(c.text for c in row.cells[:3]): row for row in s3.rows[3:]}
    other = rows[(ROW_RESULTS, "（六）其他处理", "（六）其他处理")]  # no sub-rows in 2019
    path = ("section3", ROW_RESULTS, "（六）其他处理", "自然人")
    assert other.cells[3].text == expected(old, path)


# --- HTML --------------------------------------------------------------------------------------


class Tables(HTMLParser):
    """Every <table>: its caption and its rows of cells (tag, attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self.cell: dict[str, Any] | None = None
        self.in_caption = False
        self.paragraphs: list[str] = []
        self.in_p = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "rows": [], "attrs": attrs})
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self.cell = {"tag": tag, "attrs": attrs, "text": ""}
            self.tables[-1]["rows"][-1].append(self.cell)
        elif tag == "p":
            self.in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.cell = None
        elif tag == "caption":
            self.in_caption = False
        elif tag == "p":
            self.in_p = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
        elif self.in_caption:
            self.tables[-1]["caption"] += data
        elif self.in_p:
            self.paragraphs[-1] += data


def parse(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


def expand(table: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The table's grid with each spanning cell repeated where it reaches, as a reader sees it."""
    grid: dict[tuple[int, int], dict[str, Any]] = {}
    for r, row in enumerate(table["rows"]):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(int(cell["attrs"].get("rowspan", 1))):
                for dc in range(int(cell["attrs"].get("colspan", 1))):
                    grid[r + dr, c + dc] = cell
            c += int(cell["attrs"].get("colspan", 1))
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    assert len(grid) == height * width, "rows of unequal width"
    return [[grid[r, c] for c in range(width)] for r in range(height)]


def test_html_tables_are_accessible_and_every_number_is_in_its_cell(report):
    page = parse(report_html(report))
    assert len(page.tables) == 6
    assert all(t["caption"].strip() for t in page.tables)
    headers = {
        cell["attrs"]["id"]: cell["text"]
        for t in page.tables
        for row in t["rows"]
        for cell in row
        if cell["tag"] == "th"
    }
    for t in page.tables:
        for row in t["rows"]:
            for cell in row:
                if cell["tag"] == "th":
                    assert cell["attrs"]["scope"] in ("col", "colgroup", "row", "rowgroup")
                elif "headers" in cell["attrs"]:
                    assert all(h in headers for h in cell["attrs"]["headers"].split())

    s3 = expand(page.tables[4])
    rows = {tuple(c["text"] for c in row[:3]): row for row in s3[3:]}
    for path in s3_paths():
        cell = rows[s3_row_labels(path)][3 + form.S3_COLUMNS.index(path[-1])]
        assert cell["tag"] == "td" and cell["text"] == expected(report, path), path
    # a screen reader announces the secret-withheld cell with every header above and beside it
    secret = rows[s3_row_labels(SECRET)][3 + form.S3_COLUMNS.index("商业企业")]
    named = {headers[h] for h in secret["attrs"]["headers"].split()}
    assert named == {
        "申请人情况",
        "法人或其他组织",
        "商业企业",
        ROW_RESULTS,
        "（三）不予公开",
        "1. 属于国家秘密",
    }
    assert secret["text"] == str(form.get_cell(report, SECRET))

    s4 = expand(page.tables[5])
    assert [c["text"] for c in s4[0]] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert [c["text"] for c in s4[1][5:]] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert [c["text"] for c in s4[2]] == list(form.S4_COLUMNS) * 3
    last = s4[3][-1]
    assert last["text"] == expected(report, ("section4", "行政诉讼", "复议后起诉", "总计"))
    assert {headers[h] for h in last["attrs"]["headers"].split()} == {
        "行政诉讼",
        "复议后起诉",
        "总计",
    }

    fee = expand(page.tables[3])
    assert [c["text"] for c in fee[2]] == ["行政事业性收费", expected(report, FEE)]
    assert fee[0][0]["attrs"]["colspan"] == "2" and fee[0][0]["text"] == "第二十条第（八）项"


def test_html_prose_is_escaped_and_shown_as_paragraphs(report):
    hostile = {**report, "section6": '<script>alert("x")</script>\n\n第二段 & <b>粗</b>'}
    html = report_html(hostile)
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    page = parse(html)
    assert '<script>alert("x")</script>' in page.paragraphs
    assert "第二段 & <b>粗</b>" in page.paragraphs
    assert "2025年，本局全年主动公开政府信息86条。" in page.paragraphs


def test_html_of_a_2019_report_renders_its_blocks():
    old = make_report(form.FORMAT_2019)
    page = parse(report_html(old))
    assert len(page.tables) == 5 + 1 + 1
    assert [t["rows"][0][0]["text"] for t in page.tables[:5]] == [
        b.item for b in form.SECTION2_2019
    ]
    s3 = expand(page.tables[5])
    other = next(row for row in s3 if row[1]["text"] == "（六）其他处理")
    assert other[2]["text"] == "（六）其他处理"  # spans both label columns: no sub-rows


def test_print_page_is_a_standalone_a4_page(report):
    html = report_print_html(report)
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html and f"<title>{TITLE}</title>" in html
    assert "size: A4" in html and "counter(page)" in html and "Noto Serif CJK SC" in html
    assert "<script" not in html
    assert report_html(report).strip() in html


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_has_the_title_and_the_numbers(report):
    started = time.monotonic()
    pdf = report_pdf(report)
    assert time.monotonic() - started < 60
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) >= 1
        text = "".join("".join((page.extract_text() or "").split()) for page in doc.pages)
    assert TITLE in text
    assert "三、收到和处理政府信息公开申请情况" in text
    assert expected(report, FEE) in text
    assert "—1—" in text


# --- one entry point ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("json", "application/json; charset=utf-8", b"{"),
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_report_output_gives_content_type_and_extension(report, fmt, content_type, magic):
    content, ctype, ext = report_output(report, fmt)
    assert ctype == content_type and ext == fmt
    assert content.lstrip().startswith(magic)
    if fmt == "json":
        assert json.loads(content) == report
        assert TITLE.encode() in content  # not \\u-escaped


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (None, "xml", "请选择 json、html、docx 或 pdf"),
        ({"format": "2018", "title": TITLE}, "html", "格式“2018”无法识别"),
        ({"format": "2021", "title": " "}, "docx", "缺少标题"),
        ("不是报告", "html", "应为 JSON 对象"),
    ],
)
def test_bad_input_is_a_clear_error(report, data, fmt, message):
    with pytest.raises(GongkaiError) as error:
        report_output(report if data is None else data, fmt)
    assert message in error.value.message


@pytest.mark.parametrize(
    ("value", "money", "shown"),
    [
        (12.5, True, "12.50"),
        (12.3456, True, "12.3456"),
        (12.34567, True, "12.3457"),
        (3, True, "3.00"),
        (0.0, True, "0.00"),
        (7, False, "7"),
        (7.0, False, "7"),
        (None, False, ""),
    ],
)
def test_figures_are_printed_as_the_form_expects(value, money, shown):
    assert cell_text(value, money=money) == shown

"""The annual report as HTML, .docx, PDF and JSON, laid out as 国办公开办函〔2021〕30号 prints it.

Every output starts from the report's JSON (``selectors.report_json``) and from one layout built
here: the tables of sections 二, 三 and 四 as rows of cells with their spans, header scopes and
header ids. The HTML template and the .docx writer only draw that layout, so the form's wording
(form.py) and its merged headers are stated once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.core.errors import GongkaiError
from gongkai.inforequests.outcomes import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)

from ..form import (
    FORMAT_2021,
    FORMATS,
    PROSE_SECTIONS,
    S3_COLUMNS,
    S3_ORG_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    SECTION_TITLES,
    Path,
    get_cell,
    result_groups,
    section2_blocks,
)

# Header wording printed on the form that is not a key of the JSON.
S2_LABEL_HEAD = "信息内容"
S3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
S3_APPLICANTS = "申请人情况"
S3_ORGS = "法人或其他组织"

# Column widths in centimetres on A4 portrait with GB/T 9704 margins (15.6 cm of text).
TEXT_WIDTH_CM = 15.6
S2_LABEL_CM = 4.4
S3_LABEL_CM = (1.2, 2.4, 3.6)


@dataclass(frozen=True)
class Cell:
    text: str = ""
    header: bool = False
    scope: str = ""  # col / colgroup / row / rowgroup, for header cells
    colspan: int = 1
    rowspan: int = 1
    id: str = ""
    headers: tuple[str, ...] = ()  # data cells: the ids of every header cell that names them
    css: str = ""  # num (a figure), note (the form's printed note), label

    @property
    def headers_attr(self) -> str:
        return " ".join(self.headers)


@dataclass(frozen=True)
class Table:
    key: str  # s2-1, s3, s4: ids and CSS classes
    caption: str
    columns: int
    widths: tuple[float, ...]  # cm, for the .docx
    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]

    @property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        return self.head + self.body

    @property
    def parts(self) -> tuple[tuple[str, tuple[tuple[Cell, ...], ...]], ...]:
        return (("thead", self.head), ("tbody", self.body))

    @property
    def percents(self) -> list[str]:
        total = sum(self.widths)
        return [f"{100 * w / total:.2f}" for w in self.widths]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    text: str = ""  # prose sections
    tables: tuple[Table, ...] = ()

    @property
    def is_prose(self) -> bool:
        return self.key in PROSE_SECTIONS

    @property
    def paragraphs(self) -> list[str]:
        """The prose split at blank lines, as the linebreaks filter splits it."""
        text = self.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        parts = [p.strip() for p in _BLANK_LINES.split(text)] if text else []
        return [p for p in parts if p]


@dataclass(frozen=True)
class Layout:
    title: str
    format: str
    year: Any
    scope_name: str
    sections: tuple[Section, ...] = ()


_BLANK_LINES = re.compile(r"\n\s*\n")


# --- values ------------------------------------------------------------------------------------


def cell_text(value: Any, *, money: bool = False) -> str:
    """A figure as printed: counts as integers, amounts (万元) with 2 to 4 decimals as given."""
    if value is None or value == "" or isinstance(value, bool | dict | list):
        return ""
    if money:
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        if not amount.is_finite():
            return str(value)
        text = f"{amount:.4f}"
        while text.endswith("0") and len(text.split(".")[1]) > 2:
            text = text[:-1]
        return text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- layout ------------------------------------------------------------------------------------


def _format(data: Any) -> str:
    if not isinstance(data, dict):
        raise GongkaiError("年度报告数据应为 JSON 对象（由 report_json 生成），请检查输入。")
    fmt = str(data.get("format") or FORMAT_2021)
    if fmt not in FORMATS:
        raise GongkaiError(
            f"年度报告格式“{fmt}”无法识别：应为 2021（{FORMATS['2021']}）"
            f"或 2019（{FORMATS['2019']}）。"
        )
    if not str(data.get("title") or "").strip():
        raise GongkaiError("年度报告缺少标题，请先填写报告标题再导出。")
    return fmt


def _number(data: dict[str, Any], path: Path, headers: tuple[str, ...], money: bool) -> Cell:
    return Cell(cell_text(get_cell(data, path), money=money), headers=headers, css="num")


def _section2(data: dict[str, Any], fmt: str) -> tuple[Table, ...]:
    tables = []
    for k, block in enumerate(section2_blocks(fmt), start=1):
        key = f"s2-{k}"
        item_id, label_id = f"ar-{key}-item", f"ar-{key}-label"
        col_ids = [f"ar-{key}-c{j}" for j in range(len(block.columns))]
        head = (
            (
                Cell(
                    block.item,
                    header=True,
                    scope="colgroup",
                    colspan=1 + len(block.columns),
                    id=item_id,
                ),
            ),
            (
                Cell(S2_LABEL_HEAD, header=True, scope="col", id=label_id),
                *(
                    Cell(c, header=True, scope="col", id=i)
                    for c, i in zip(block.columns, col_ids, strict=True)
                ),
            ),
        )
        body = []
        for r, row in enumerate(block.rows):
            row_id = f"ar-{key}-r{r}"
            body.append(
                (
                    Cell(row, header=True, scope="row", id=row_id, headers=(label_id,)),
                    *(
                        _number(
                            data,
                            ("section2", block.item, row, column),
                            (item_id, col_id, row_id),
                            column in block.money,
                        )
                        for column, col_id in zip(block.columns, col_ids, strict=True)
                    ),
                )
            )
        width = (TEXT_WIDTH_CM - S2_LABEL_CM) / len(block.columns)
        tables.append(
            Table(
                key=key,
                caption=f"{SECTION_TITLES['section2'][2:]}：{block.item}",
                columns=1 + len(block.columns),
                widths=(S2_LABEL_CM, *(width,) * len(block.columns)),
                head=head,
                body=tuple(body),
            )
        )
    return tuple(tables)


def _section3(data: dict[str, Any], fmt: str) -> Table:
    labels = len(S3_LABEL_CM)
    applicants_id, orgs_id = "ar-s3-applicants", "ar-s3-orgs"
    col_ids = [f"ar-s3-c{j}" for j in range(len(S3_COLUMNS))]
    col_headers: list[tuple[str, ...]] = []
    row2: list[Cell] = []
    row3: list[Cell] = []
    for column, col_id in zip(S3_COLUMNS, col_ids, strict=True):
        if column in S3_ORG_COLUMNS:
            if not row3:
                row2.append(
                    Cell(
                        S3_ORGS,
                        header=True,
                        scope="colgroup",
                        colspan=len(S3_ORG_COLUMNS),
                        id=orgs_id,
                    )
                )
            row3.append(Cell(column, header=True, scope="col", id=col_id))
            col_headers.append((applicants_id, orgs_id, col_id))
        else:
            row2.append(Cell(column, header=True, scope="col", rowspan=2, id=col_id))
            col_headers.append((applicants_id, col_id))
    head = (
        (
            Cell(S3_NOTE, rowspan=3, colspan=labels, css="note"),
            Cell(
                S3_APPLICANTS,
                header=True,
                scope="colgroup",
                colspan=len(S3_COLUMNS),
                id=applicants_id,
            ),
        ),
        tuple(row2),
        tuple(row3),
    )

    def figures(path: Path, row_ids: tuple[str, ...]) -> list[Cell]:
        return [
            _number(data, (*path, column), (*hdrs, *row_ids), False)
            for column, hdrs in zip(S3_COLUMNS, col_headers, strict=True)
        ]

    def whole_row(label: str, row_id: str) -> tuple[Cell, ...]:
        th = Cell(label, header=True, scope="row", colspan=labels, id=row_id, css="label")
        return (th, *figures(("section3", label), (row_id,)))

    body: list[tuple[Cell, ...]] = [
        whole_row(ROW_NEW, "ar-s3-new"),
        whole_row(ROW_CARRIED_IN, "ar-s3-in"),
    ]
    groups = result_groups(fmt)
    results_id = "ar-s3-results"
    span = sum(max(1, len(subs)) for _, subs in groups) + 1
    lead: list[Cell] = [
        Cell(ROW_RESULTS, header=True, scope="rowgroup", rowspan=span, id=results_id, css="label")
    ]
    for g, (group, subs) in enumerate([*groups, (ROW_TOTAL, ())], start=1):
        group_id = f"ar-s3-g{g}"
        if not subs:
            th = Cell(group, header=True, scope="row", colspan=2, id=group_id, css="label")
            path = ("section3", ROW_RESULTS, group)
            body.append((*lead, th, *figures(path, (results_id, group_id))))
            lead = []
            continue
        for s, sub in enumerate(subs, start=1):
            cells = list(lead)
            lead = []
            if s == 1:
                cells.append(
                    Cell(
                        group,
                        header=True,
                        scope="rowgroup",
                        rowspan=len(subs),
                        id=group_id,
                        css="label",
                    )
                )
            sub_id = f"{group_id}-{s}"
            cells.append(Cell(f"{s}. {sub}", header=True, scope="row", id=sub_id, css="label"))
            path = ("section3", ROW_RESULTS, group, sub)
            body.append((*cells, *figures(path, (results_id, group_id, sub_id))))
    body.append(whole_row(ROW_CARRIED_OUT, "ar-s3-out"))
    width = (TEXT_WIDTH_CM - sum(S3_LABEL_CM)) / len(S3_COLUMNS)
    return Table(
        key="s3",
        caption=SECTION_TITLES["section3"][2:],
        columns=labels + len(S3_COLUMNS),
        widths=(*S3_LABEL_CM, *(width,) * len(S3_COLUMNS)),
        head=head,
        body=tuple(body),
    )


def _section4(data: dict[str, Any]) -> Table:
    depth = max(len(b) for b in S4_BLOCKS)
    n = len(S4_COLUMNS)
    head: list[list[Cell]] = [[] for _ in range(depth + 1)]
    group_ids: dict[tuple[str, ...], str] = {}
    col_ids: dict[tuple[int, int], str] = {}
    # Row by row, left to right: a block's own header where it is longer than the level, its
    # column labels (reaching down to the last header row) on the level after its last label.
    for level in range(depth + 1):
        for b, block in enumerate(S4_BLOCKS):
            prefix = block[: level + 1]
            if len(block) > level and prefix not in group_ids:
                count = sum(1 for other in S4_BLOCKS if other[: level + 1] == prefix)
                group_ids[prefix] = f"ar-s4-{level}-{b}"
                head[level].append(
                    Cell(
                        block[level],
                        header=True,
                        scope="colgroup",
                        colspan=n * count,
                        id=group_ids[prefix],
                    )
                )
            elif len(block) == level:
                for j, column in enumerate(S4_COLUMNS):
                    col_ids[b, j] = f"ar-s4-b{b}-c{j}"
                    head[level].append(
                        Cell(
                            column,
                            header=True,
                            scope="col",
                            rowspan=depth + 1 - level,
                            id=col_ids[b, j],
                        )
                    )
    row: list[Cell] = []
    for b, block in enumerate(S4_BLOCKS):
        groups = tuple(group_ids[block[: i + 1]] for i in range(len(block)))
        for j, column in enumerate(S4_COLUMNS):
            path = ("section4", *block, column)
            row.append(_number(data, path, (*groups, col_ids[b, j]), False))
    columns = n * len(S4_BLOCKS)
    return Table(
        key="s4",
        caption=SECTION_TITLES["section4"][2:],
        columns=columns,
        widths=(TEXT_WIDTH_CM / columns,) * columns,
        head=tuple(tuple(r) for r in head),
        body=(tuple(row),),
    )


def report_layout(data: dict[str, Any]) -> Layout:
    """The report's title, sections and tables, ready to draw."""
    fmt = _format(data)
    tables = {
        "section2": _section2(data, fmt),
        "section3": (_section3(data, fmt),),
        "section4": (_section4(data),),
    }
    sections = tuple(
        Section(key, title, text=str(data.get(key) or ""))
        if key in PROSE_SECTIONS
        else Section(key, title, tables=tables[key])
        for key, title in SECTION_TITLES.items()
    )
    scope = data.get("scope") if isinstance(data.get("scope"), dict) else {}
    return Layout(
        title=str(data["title"]).strip(),
        format=fmt,
        year=data.get("year"),
        scope_name=str(scope.get("name") or ""),
        sections=sections,
    )


def grid(table: Table) -> list[tuple[int, int, Cell]]:
    """Where each cell starts in the table's grid (row, column), spans taken into account.

    Raises ValueError when the rows do not fill the grid exactly: a layout bug, never input.
    """
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, cells in enumerate(table.rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    expected = {(r, c) for r in range(len(table.rows)) for c in range(table.columns)}
    if taken != expected:
        raise ValueError(f"table {table.key}: cells do not fill the grid")
    return placed


# --- one entry point for every format ----------------------------------------------------------

OUTPUT_FORMATS = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def report_output(data: dict[str, Any], fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file extension) of the report in ``fmt``: json|html|docx|pdf."""
    kind = str(fmt or "").strip().lower()
    if kind not in OUTPUT_FORMATS:
        raise GongkaiError(
            f"不支持导出为“{fmt}”格式：请选择 json、html、docx 或 pdf。", code="bad_format"
        )
    if kind == "json":
        content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    elif kind == "html":
        content = report_print_html(data).encode("utf-8")
    elif kind == "docx":
        content = report_docx(data)
    else:
        content = report_pdf(data)
    return content, OUTPUT_FORMATS[kind], kind


# The drawers import the layout above, so they are imported last.
from .docx import report_docx  # noqa: E402
from .html import report_html, report_print_html  # noqa: E402
from .pdf import report_pdf  # noqa: E402

__all__ = [
    "Cell",
    "Layout",
    "Section",
    "Table",
    "cell_text",
    "grid",
    "report_docx",
    "report_html",
    "report_layout",
    "report_output",
    "report_pdf",
    "report_print_html",
]

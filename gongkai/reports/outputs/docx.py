"""The report as .docx, for offices to print and stamp: A4 portrait, GB/T 9704 margins and fonts.

East Asian font names are set on every run (``w:eastAsia``): 方正小标宋简体 for the title, 黑体 for
the section headings, 仿宋_GB2312 for the text and 宋体 in the tables. Word and LibreOffice use
them where installed and substitute a close font where not. The tables are drawn from the shared
layout (``outputs.report_layout``) with merged cells where the form merges them.
"""

from __future__ import annotations

import io
from typing import Any

from . import Section, Table, grid, report_layout

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
LINE_PT = 28  # fixed line pitch of 公文 text
TABLE_PT = {"s3": 9, "s4": 9}  # 小五; section 二's small tables in 五号
TABLE_PT_DEFAULT = 10.5


def _fonts(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    r_pr = run._element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _setup(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(LINE_PT)
    grid_style = document.styles["Table Grid"]
    grid_style.font.name = TABLE_FONT
    grid_style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TABLE_FONT)

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_numbers(section)


def _page_numbers(section: Any) -> None:
    """“— 1 —” centred in the footer (a PAGE field, filled in by Word/LibreOffice)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(paragraph.add_run("— "), "宋体")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _fonts(paragraph.add_run(" —"), "宋体")
    for r in paragraph.runs:
        r.font.size = Pt(14)


def _title(document: Any, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(36)
    paragraph.paragraph_format.space_after = Pt(LINE_PT)
    run = paragraph.add_run(title)
    run.font.size = Pt(TITLE_PT)
    _fonts(run, TITLE_FONT)


def _heading(document: Any, text: str) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    _fonts(run, HEADING_FONT)


def _prose(document: Any, section: Section) -> None:
    from docx.shared import Pt

    for text in section.paragraphs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
        run = paragraph.add_run()
        _fonts(run, BODY_FONT)
        for i, line in enumerate(text.split("\n")):
            if i:
                run.add_break()
            run.add_text(line.strip())


def _row_flags(row: Any, *, header: bool) -> None:
    """Header rows repeat on every page; no row is split across two pages."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _table(document: Any, table: Table) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    size = Pt(TABLE_PT.get(table.key, TABLE_PT_DEFAULT))
    out = document.add_table(rows=len(table.rows), cols=table.columns)
    out.style = document.styles["Table Grid"]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    for column, width in zip(out.columns, table.widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for r, row in enumerate(out.rows):
        _row_flags(row, header=r < len(table.head))
    placed = grid(table)
    for r, c, spec in placed:
        if spec.rowspan > 1 or spec.colspan > 1:
            out.cell(r, c).merge(out.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
    cells = [row.cells for row in out.rows]  # Table.cell() rebuilds the whole grid each call
    for r, c, spec in placed:
        cell = cells[r][c]
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.paragraph_format.first_line_indent = Pt(0)
        left = spec.css in ("label", "note")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(spec.text)
        run.font.size = Pt(8) if spec.css == "note" else size
        _fonts(run, TABLE_FONT)
    # a little air between a table and what follows
    document.add_paragraph().paragraph_format.line_spacing = Pt(8)


def report_docx(data: dict[str, Any]) -> bytes:
    """The report as a Word document laid out like the national template."""
    import docx

    layout = report_layout(data)
    document = docx.Document()
    _setup(document)
    document.core_properties.title = layout.title
    document.core_properties.author = layout.scope_name
    document.core_properties.language = "zh-CN"
    _title(document, layout.title)
    for section in layout.sections:
        _heading(document, section.title)
        if section.is_prose:
            _prose(document, section)
        for table in section.tables:
            _table(document, table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

"""The ledger as files offices pass around: .xlsx (the original table plus status columns) and
.docx for 周催办 / 月督办 / 季度通报 / 回头看."""

from __future__ import annotations

import datetime as dt
import io

from .models import WorkPlan
from .selectors import LookBack, Sheet, TaskState

XLSX_HEADER = [
    "序号",
    "工作类别",
    "工作任务",
    "牵头单位",
    "配合单位",
    "完成时限",
    "进展状态",
    "是否逾期",
    "各单位进展",
    "最新落实情况",
    "最近报送",
]
XLSX_WIDTHS = [6, 24, 60, 24, 24, 14, 10, 9, 36, 50, 12]


def ledger_xlsx(plan: WorkPlan, rows: list[TaskState], *, today: dt.date) -> bytes:
    """One row per task, in the plan's order; the section cell spans its tasks as in the plan."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "工作台账"
    ws.append(XLSX_HEADER)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    red = Font(color="C00000", bold=True)
    span_start, span_label = 2, None
    for r, ts in enumerate(rows, start=2):
        task = ts.task
        section = task.section.label if task.section_id else ""
        latest = max(
            (p.latest for p in ts.parts if p.latest), key=lambda x: x.reported_at, default=None
        )
        ws.append(
            [
                task.number or task.order,
                section,
                task.text,
                "、".join(p.unit.name for p in ts.lead) or "、".join(ts.pending_names),
                "、".join(p.unit.name for p in ts.support),
                task.due.isoformat() if task.due else (task.due_text or "年底前"),
                ts.status_label,
                "逾期" if ts.overdue else "",
                "\n".join(
                    f"{p.unit.label}：{p.status_label}"
                    + (f" {p.percent}%" if p.percent is not None else "")
                    + ("（逾期）" if p.overdue else "")
                    + ("（待审核）" if p.pending else "")
                    for p in ts.parts
                ),
                latest.text if latest else "",
                f"{latest.reported_at:%Y-%m-%d}" if latest else "",
            ]
        )
        for cell in ws[r]:
            cell.alignment = wrap
        if ts.overdue:
            ws.cell(row=r, column=8).font = red
        if section != span_label:
            if span_label and r - 1 > span_start:
                ws.merge_cells(start_row=span_start, start_column=2, end_row=r - 1, end_column=2)
            span_start, span_label = r, section
    last = len(rows) + 1
    if span_label and last > span_start:
        ws.merge_cells(start_row=span_start, start_column=2, end_row=last, end_column=2)
    for i, width in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_HEADER))}{last}"
    ws.print_title_rows = "1:1"
    info = wb.create_sheet("说明")
    info.append(["工作要点", plan.title])
    info.append(["文号", plan.doc_number])
    info.append(["年度", plan.year])
    info.append(["导出日期", today.isoformat()])
    info.append(["说明", "进展状态按公开办认可的最新报送计算；无明确时限的任务按年底前跟踪。"])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 80
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _document(title: str, subtitle: str):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(20)
    run.font.name = "黑体"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "黑体")
    if subtitle:
        p = document.add_paragraph(subtitle)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sheet_docx(plan: WorkPlan, sheet: Sheet) -> bytes:
    office = plan.region.office_name or plan.region.short_name
    document = _document(sheet.title, f"{office}　{sheet.on:%Y年%m月%d日}")
    document.add_paragraph(sheet.intro)
    if sheet.kind == "quarterly":
        document.add_paragraph("一、各单位任务落实情况")
        _table(
            document,
            ["单位", "承担任务", "已完成", "按时完成", "推进中", "逾期未完成", "完成率"],
            [
                [
                    g.unit.name,
                    g.score.total,
                    g.score.done,
                    g.score.on_time,
                    g.score.in_progress,
                    g.score.overdue,
                    f"{g.score.rate}%",
                ]
                for g in sheet.groups
                if g.score
            ],
        )
        document.add_paragraph("二、逾期未完成任务")
    overdue_rows = [
        [
            g.unit.name,
            str(p.task.order),
            p.task.text[:120],
            f"{p.due:%Y-%m-%d}",
            p.status_label + (f" {p.percent}%" if p.percent is not None else ""),
        ]
        for g in sheet.groups
        for p in g.items
    ]
    if overdue_rows:
        _table(document, ["责任单位", "任务序号", "任务内容", "完成时限", "进展"], overdue_rows)
    else:
        document.add_paragraph("（无）")
    return _save(document)


def lookback_docx(result: LookBack) -> bytes:
    plan = result.plan
    document = _document(f"{plan.title}落实情况回头看", f"截至{result.on:%Y年%m月%d日}")
    document.add_paragraph(result.summary())
    document.add_paragraph("一、分单位情况")
    _table(
        document,
        ["单位", "承担任务", "按时完成", "逾期完成", "持续推进", "未完成"],
        [[u.unit.name, u.total, u.on_time, u.late, u.ongoing, u.not_done] for u in result.units],
    )
    document.add_paragraph("二、未完成任务")
    labels = {
        "on_time": "按时完成",
        "late": "逾期完成",
        "ongoing": "持续推进",
        "not_done": "未完成",
    }
    rows = [
        [str(t.task.order), t.task.text[:120], p.unit.name, labels[p.outcome]]
        for t in result.tasks
        for p in t.parts
        if p.outcome in ("not_done", "late")
    ]
    if rows:
        _table(document, ["序号", "任务", "单位", "情况"], rows)
    else:
        document.add_paragraph("（无）")
    return _save(document)

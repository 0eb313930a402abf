"""The stages in order: normalise → metadata → locate the task table (or fall back to the body's
numbered items) → rows into tasks with their section path → units, deadlines, targets."""

from __future__ import annotations

import re

from gongkai.core.errors import GongkaiError
from gongkai.core.files import ExtractedDocument

from . import messages
from .body import body_tasks, outline, paragraphs
from .deadlines import due_from_cell, due_from_text
from .metadata import find_date, find_doc_number, find_issuer, find_title, find_year, head_lines
from .model import ParsedPlan, ParsedTask
from .normalise import looks_garbled, normalise, normalise_line, squash
from .numbering import LEVEL1
from .rows import tasks_from_grid, tasks_from_lines, tasks_from_numbered
from .tables import is_header_row, locate_table
from .targets import find_targets
from .units import FIRST_IS_LEAD, is_group, looks_like_unit, parse_units


def _body_bounds(lines: list[str], table_start: int | None) -> tuple[int, int]:
    end = table_start if table_start is not None else len(lines)
    start = next((i for i, x in enumerate(lines[:end]) if LEVEL1.match(x) and "\t" not in x), end)
    for i in range(start, end):
        if re.match(r"^\s*附\s*件\s*[:：\d]?", lines[i]):
            return start, i
    return start, end


def _grid_rows(doc: ExtractedDocument) -> list[list[str]]:
    """The Word/PDF tables that are task tables, as one grid (a table broken across pages is
    read as one; repeated header rows are skipped by the reader)."""
    rows: list[list[str]] = []
    for table in doc.tables:
        grid = [
            [normalise_line(c.replace("\n", " ").replace("\t", " ")) for c in r]
            for r in table.first_occurrence_rows()
        ]
        if rows or any(is_header_row(r) for r in grid[:3]):
            rows.extend(grid)
    return rows


def finish_task(task: ParsedTask, *, year: int | None, first_is_lead: bool) -> None:
    task.text = re.sub(r"\s*\n\s*", "\n", task.text.strip())
    assignment = parse_units(
        task.units_cell, first_is_lead=first_is_lead, support_cell=task.support_cell
    )
    task.lead_units, task.support_units = assignment.lead, assignment.support
    task.unit_groups = [u for u in assignment.all if is_group(u)]
    due, due_text = None, ""
    if squash(task.due_cell):
        due, due_text = due_from_cell(task.due_cell, year)
    if due is None and not due_text and squash(task.remark_cell):
        due, due_text = due_from_text(task.remark_cell, year)
        if due is None:
            cell_due, cell_text = due_from_cell(task.remark_cell, year)
            if cell_due or any(w in cell_text for w in ("长期", "持续", "每")):
                due, due_text = cell_due, cell_text
    if due is None and not due_text:
        due, due_text = due_from_text(task.text, year)
    task.due, task.due_text = due, due_text
    task.targets = find_targets(task.text)


def _has_units(task: ParsedTask) -> bool:
    return any(looks_like_unit(u) for u in task.lead_units + task.support_units)


def parse_plan(source: str | ExtractedDocument, *, year: int | None = None) -> ParsedPlan:
    """Parse a work plan (its text, or what `gongkai.core.files.extract` read from a file).

    Raises GongkaiError with a Chinese message when the document is empty, garbled, not a
    work plan, or has a task table whose rows cannot be read.
    """
    doc = source if isinstance(source, ExtractedDocument) else ExtractedDocument(text=source)
    if not doc.text.strip() and not doc.tables:
        raise GongkaiError(messages.EMPTY, code="empty")
    if looks_garbled(doc.text):
        raise GongkaiError(messages.GARBLED, code="garbled")
    lines = normalise(doc.text)
    head = head_lines(lines)
    plan = ParsedPlan(
        title=find_title(head),
        issuer=find_issuer(head),
        doc_number=find_doc_number(head),
        date=find_date(head),
    )
    plan.year = year or find_year(plan.title, plan.date, plan.doc_number)
    first_is_lead = bool(FIRST_IS_LEAD.search(squash(doc.text)))

    table = locate_table(lines)
    start, end = _body_bounds(lines, table.start if table else None)
    paras = paragraphs(lines[start:end])
    known = outline(paras)

    tasks: list[ParsedTask] = []
    grid = _grid_rows(doc)
    if grid:
        tasks = tasks_from_grid(grid, known)
    elif table is not None:
        if table.shape in ("tabs", "tabcells"):
            tasks = tasks_from_grid(table.rows, known)
        elif table.shape == "lines":
            tasks = tasks_from_lines(table.lines, known)
        else:
            tasks = tasks_from_numbered(table.lines, known, table.header)
    if (grid or table is not None) and not tasks:
        raise GongkaiError(messages.TABLE_UNREADABLE, code="table_unreadable")
    plan.source = "table"
    if not tasks:
        tasks = body_tasks(paras)
        plan.source = "body"
        if tasks:
            plan.warnings.append(messages.NO_TABLE)
    if not tasks:
        raise GongkaiError(messages.NOT_A_PLAN, code="not_a_plan")
    for task in tasks:
        finish_task(task, year=plan.year, first_is_lead=first_is_lead)
    if plan.source == "table" and sum(1 for t in tasks if not _has_units(t)) > len(tasks) / 2:
        # Most rows without a readable unit: the columns are not where the header says.
        raise GongkaiError(messages.TABLE_UNREADABLE, code="table_unreadable")
    plan.tasks = tasks
    return plan

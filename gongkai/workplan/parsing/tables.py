"""Stage 3b: find the annex task table in the text and read it in whichever shape it came.

Shapes seen in plans copied from web pages and PDFs:

- "tabs":      one row per line, cells separated by tabs (a web table copied as text);
- "tabcells":  one cell per line, each line starting with a tab, rows separated by blank lines;
- "lines":     one cell per line, no tabs, no row boundaries (a web table flattened);
- "numbered":  a 序号 column, every cell broken into short lines by PDF extraction.

The first two become a grid (rows of cells) for `rows.tasks_from_grid`; the other two are read
as streams by `rows.tasks_from_lines` and `rows.tasks_from_numbered`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import squash

ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "content": (
        "主要内容",
        "具体要求",
        "工作内容",
        "任务内容",
        "具体任务",
        "工作措施",
        "目标要求",
        "具体内容",
        "工作要求",
        "主要任务",
        "具体措施",
        "任务要求",
        "重点任务内容",
        "工作目标",
        "主要措施",
    ),
    "section": (
        "重点工作",
        "工作任务",
        "目标任务",
        "任务",
        "工作事项",
        "重点任务",
        "项目",
        "类别",
        "工作类别",
        "工作项目",
        "任务名称",
        "工作重点",
        "重点领域",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头责任单位"),
    "support": ("配合单位", "配合部门", "协办单位", "参与单位", "协同单位"),
    "units": ("责任单位", "责任部门", "责任主体", "承办单位", "落实单位", "责任单位部门"),
    "due": (
        "完成时限",
        "时限",
        "完成时间",
        "时间节点",
        "时限要求",
        "进度安排",
        "完成期限",
        "时间要求",
        "完成时限要求",
    ),
    "remark": ("备注",),
}
ALL_HEADER_WORDS = {w for words in ROLE_WORDS.values() for w in words}
# Pieces of header words broken across lines ("重点" / "工作", "完成" / "时限").
HEADER_FRAGMENTS = {
    "重点",
    "工作",
    "完成",
    "时限",
    "主要",
    "内容",
    "责任",
    "单位",
    "具体",
    "要求",
    "目标",
    "任务",
    "序",
    "号",
}
UNIT_ROLES = ("units", "lead")


def role_of(word: str) -> str | None:
    key = squash(word).replace("（", "").replace("）", "")
    for role in ("number", "lead", "support", "units", "due", "remark", "content", "section"):
        if key in ROLE_WORDS[role]:
            return role
    return None


def is_header_word(text: str) -> bool:
    key = squash(text)
    return bool(key) and (role_of(key) is not None or key in HEADER_FRAGMENTS)


def header_roles(cells: list[str]) -> list[str | None]:
    """Each header cell's role. Without an explicit content column the last 工作任务-like
    column holds the task text; an empty header cell after a section column is its second level
    (a 工作任务 header spanning two columns)."""
    roles = [role_of(c) for c in cells]
    for i, r in enumerate(roles):
        if r is None and not squash(cells[i]) and i > 0 and roles[i - 1] == "section":
            roles[i] = "section"
    if "content" not in roles and "section" in roles:
        last = max(i for i, r in enumerate(roles) if r == "section")
        roles[last] = "content"
    return roles


def is_header_row(cells: list[str]) -> bool:
    filled = [c for c in cells if squash(c)]
    if len(filled) < 2 or not all(is_header_word(c) for c in filled):
        return False
    roles = {role_of(c) for c in filled}
    return bool(roles & {"units", "lead"}) and bool(roles & {"content", "section"})


@dataclass
class TableText:
    shape: str  # "tabs" | "tabcells" | "lines" | "numbered"
    start: int  # index of the header's first line
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)  # tabs / tabcells
    lines: list[str] = field(default_factory=list)  # lines / numbered


def _tab_cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _group_tabcells(lines: list[str], start: int) -> list[list[str]]:
    """Rows of a "tabcells" table: a row begins at a tab-led line after a blank line; a line
    without a leading tab continues the cell before it."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    blank = True
    for line in lines[start:]:
        if not line.startswith("\t") and not line.strip():
            blank = True
            continue
        if line.startswith("\t"):
            if blank or row is None:
                row = []
                rows.append(row)
            row.append(line[1:].strip())
        elif row is not None and row:
            row[-1] += line.strip()
        blank = False
    return rows


# Where a copied web page or a printed notice goes on after the table.
END_MARKERS = re.compile(
    r"^\s*(如果您对该文件有疑问|扫一扫在手机|信息公开选项|抄送[:：]|打印本页|关闭窗口|分享到|"
    r"【打印】|【关闭】|相关链接|上一篇|下一篇)"
)


def _until_end(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if END_MARKERS.match(line):
            return lines[:i]
    return lines


def locate_table(lines: list[str]) -> TableText | None:
    table = _locate(lines)
    if table is not None:
        table.lines = _until_end(table.lines)
        end = len(_until_end(lines[table.start :]))
        if table.shape == "tabs":
            table.rows = [
                _tab_cells(x) for x in lines[table.start : table.start + end] if x.strip()
            ]
        elif table.shape == "tabcells":
            table.rows = _group_tabcells(lines[: table.start + end], table.start)
            if table.rows:
                table.rows[0] = _rejoin_fragments(table.rows[0])
    return table


def _locate(lines: list[str]) -> TableText | None:
    n = len(lines)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        # "tabs": a header row on one line.
        if "\t" in line.strip("\t"):
            cells = _tab_cells(line)
            if is_header_row(cells):
                rows = [_tab_cells(x) for x in lines[i:] if x.strip()]
                return TableText("tabs", i, cells, rows=rows)
        # "numbered": 序号 工作任务 具体要求 责任单位 on one line, separated by spaces.
        words = line.split()
        if len(words) >= 3 and all(is_header_word(w) for w in words) and is_header_row(words):
            header = list(words)
            j = i + 1
            while j < n and (not lines[j].strip() or is_header_word(lines[j])):
                if lines[j].strip():
                    header.append(lines[j].strip())
                j += 1
            header = _rejoin_fragments(header)
            return TableText(
                "numbered", i, header, lines=[x.strip() for x in lines[i:] if x.strip()]
            )
        # One header cell per line ("tabcells" when led by a tab, else "lines").
        if is_header_word(line.strip()):
            cells, j = [], i
            while j < n and (not lines[j].strip() or is_header_word(lines[j])):
                if lines[j].strip():
                    cells.append(lines[j].strip())
                j += 1
            cells = _rejoin_fragments(cells)
            if not is_header_row(cells):
                continue
            if line.startswith("\t"):
                rows = _group_tabcells(lines, i)
                if rows:
                    rows[0] = _rejoin_fragments(rows[0])
                return TableText("tabcells", i, cells, rows=rows)
            return TableText("lines", i, cells, lines=[x.strip() for x in lines[i:] if x.strip()])
    return None


def _rejoin_fragments(cells: list[str]) -> list[str]:
    """["重点", "工作", "目标任务"] → ["重点工作", "目标任务"]."""
    out: list[str] = []
    for cell in cells:
        key = squash(cell)
        if (out and role_of(key) is None and role_of(squash(out[-1]) + key)) or (
            out and squash(out[-1]) in HEADER_FRAGMENTS and role_of(squash(out[-1]) + key)
        ):
            out[-1] = squash(out[-1]) + key
        else:
            out.append(key)
    return out


def is_repeated_header(line_or_cells: str | list[str]) -> bool:
    if isinstance(line_or_cells, str):
        cells = re.split(r"[\t ]+", line_or_cells.strip())
    else:
        cells = line_or_cells
    filled = [c for c in cells if squash(c)]
    return bool(filled) and all(is_header_word(c) for c in filled)

"""Stage 4: table rows → tasks with their section path.

A row's section cells set the current headings (a heading spanning many rows is written once, or
repeated at page breaks); its content cell makes a task; a row with only unit or deadline text
continues the task above (a cell split by a page break). A task with an empty unit or deadline
cell shares the one above it: that is how a merged cell reads once the table is flattened.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .body import Outline
from .deadlines import RECURRING, is_due_cell
from .model import ParsedTask, Section
from .normalise import squash
from .numbering import canonical_marker, marker
from .tables import UNIT_ROLES, header_roles, is_header_row, is_header_word, is_repeated_header
from .units import UNIT_SUFFIX, looks_like_units


class SectionTracker:
    """The headings in force while reading rows, with the body's outline to name them."""

    def __init__(self, outline: Outline, depth: int = 3):
        self.outline = outline
        self.current: list[Section | None] = [None] * depth

    def path(self) -> list[Section]:
        return [s for s in self.current if s is not None]

    def make(self, level: int, text: str) -> Section:
        text = squash(text)
        m = marker(text)
        if m:
            level, number, rest = m
            return Section(
                level=level, title=rest.rstrip("。"), marker=canonical_marker(level, number)
            )
        known = self.outline.find(text)
        if known:
            return Section(level=known.level, title=known.title, marker=known.marker)
        return Section(level=level, title=text.rstrip("。"))

    def set(self, section: Section) -> bool:
        """Make `section` current at its level; False when it already is (a repeated cell)."""
        i = min(max(section.level, 1), len(self.current)) - 1
        cur = self.current[i]
        if cur is not None and Outline.key(cur.title) == Outline.key(section.title):
            return False
        self.current[i] = section
        for j in range(i + 1, len(self.current)):
            self.current[j] = None
        return True

    def level_of(self, level: int) -> Section | None:
        return self.current[level - 1]


def join_cell(before: str, after: str, *, direct: bool = False) -> str:
    """Rejoin a cell split across lines or pages: directly when the split fell inside a name
    (“县人力资源社” + “会保障局”), with 、 between two complete names. PDF lines are always
    joined directly: two names that meet there are split again by the unit reader."""
    before, after = before.rstrip(), after.strip()
    if not before:
        return after
    if not after:
        return before
    if direct or before[-1] in "、，,；;" or after[0] in "、，,；;":
        return before + after
    last = re.split(r"[、，,；; ]", before)[-1]
    if UNIT_SUFFIX.search(re.sub(r"（[^（）]*）$", "", last)) and looks_like_units(after):
        return before + "、" + after
    return before + after


def _inherit_merged(tasks: list[ParsedTask], *, units: bool, due: bool) -> None:
    for prev, task in pairwise(tasks):
        if units and not task.units_cell.strip() and not task.support_cell.strip():
            task.units_cell, task.support_cell = prev.units_cell, prev.support_cell
        if due and not task.due_cell.strip():
            task.due_cell = prev.due_cell


# --- grid: tabs, tabcells, Word and PDF tables ----------------------------------------------


def tasks_from_grid(rows: list[list[str]], outline: Outline) -> list[ParsedTask]:
    hi = next((i for i, r in enumerate(rows) if is_header_row(r)), None)
    if hi is None:
        return []
    roles = header_roles(rows[hi])
    data = [r for r in rows[hi + 1 :] if any(squash(c) for c in r)]
    widths = sorted(len(r) for r in data) or [len(roles)]
    typical = widths[len(widths) // 2]
    if typical > len(roles) and "section" in roles:
        at = roles.index("section")
        roles[at:at] = ["section"] * (typical - len(roles))
    width = len(roles)
    col = {r: [i for i, x in enumerate(roles) if x == r] for r in set(roles) if r}
    sections = col.get("section", [])
    content = col.get("content", [None])[0]
    if content is None:
        return []
    marked = [any(marker(squash(r[c])) for r in data if c < len(r)) for c in sections]
    tracker = SectionTracker(outline)
    tasks: list[ParsedTask] = []
    awaiting: list[ParsedTask] | None = None

    def cell(row: list[str], role: str) -> str:
        return " ".join(
            row[c].strip() for c in col.get(role, []) if c < len(row) and row[c].strip()
        )

    for raw in data:
        row = list(raw[:width]) + [""] * (width - len(raw))
        if len(raw) > width:  # cells run over: the overflow belongs to the content
            row[content] = " ".join(x for x in [row[content], *raw[width:]] if x.strip())
        if is_repeated_header(row):
            continue
        for k, c in enumerate(sections):
            text = squash(row[c])
            if not text:
                continue
            level = k + 1
            cur = tracker.level_of(level)
            if (
                marked[k]
                and cur is not None
                and not marker(text)
                and not tracker.outline.find(text)
            ):
                cur.title += text  # the rest of a heading split by a page break
                continue
            section = tracker.make(level, text)
            section.level = level
            if tracker.set(section):
                if level == 1:
                    awaiting = [] if len(sections) > 1 and not squash(row[sections[1]]) else None
                elif awaiting:
                    # The heading of the first rows under a new 一、 came a row late
                    # (a merged cell whose text sits lower down): those rows belong to it.
                    for t in awaiting:
                        t.sections.append(section)
                    awaiting = None
                else:
                    awaiting = None
        text = row[content].strip()
        units, support = cell(row, "units") or cell(row, "lead"), cell(row, "support")
        due, remark = cell(row, "due"), cell(row, "remark")
        if text:
            task = ParsedTask(
                sections=tracker.path(),
                text=text,
                units_cell=units,
                support_cell=support,
                due_cell=due,
                remark_cell=remark,
                number=cell(row, "number"),
            )
            tasks.append(task)
            if awaiting is not None and len(task.sections) == 1:
                awaiting.append(task)
        elif tasks and (units or support or due or remark):
            last = tasks[-1]
            last.units_cell = join_cell(last.units_cell, units)
            last.support_cell = join_cell(last.support_cell, support)
            last.due_cell = (last.due_cell + due).strip()
            last.remark_cell = (last.remark_cell + remark).strip()
    _inherit_merged(tasks, units=any(r in col for r in (*UNIT_ROLES, "support")), due="due" in col)
    return tasks


# --- stream of cells, one per line (a web table flattened) ------------------------------------

_TAIL_DUE = re.compile(
    r"((?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日|底|末)?|年底|年内|上半年|下半年)前?|"
    + "|".join(RECURRING)
    + r")$"
)


def split_run_together(text: str) -> tuple[str, str, str]:
    """A row whose cells ran together with no separator: “…公开。县财政局、县审计局2023年6月底前”
    → (content, units, due). The content ends at its last 。."""
    head, sep, tail = text.rpartition("。")
    if not sep or not tail.strip():
        return text, "", ""
    due = ""
    m = _TAIL_DUE.search(squash(tail))
    rest = tail
    if m and m.start() > 0:
        due = m.group(0)
        rest = squash(tail)[: m.start()]
    if looks_like_units(rest):
        return head + "。", rest.strip(), due
    return text, "", ""


def _classify(line: str) -> str:
    text = squash(line)
    if is_due_cell(text):
        return "due"
    if "。" in text:
        return "content"
    if looks_like_units(line):
        return "units"
    if len(text) > 40:
        return "content"
    return "title"


def _set_titles(tracker: SectionTracker, titles: list[str]) -> None:
    if not titles:
        return
    known: list[Section] = []
    for title in titles:
        found = tracker.outline.find(title)
        found_run = [found] if found else tracker.outline.split_run(title)
        if not found_run:
            known = []
            break
        known.extend(found_run)
    if known:
        for s in known:
            tracker.set(Section(level=s.level, title=s.title, marker=s.marker))
        return
    if len(titles) == 1:
        # Under a 一、 with （一） headings a lone title is the next （…）; where no second level
        # was ever seen, titles are siblings.
        level = 2 if tracker.level_of(2) is not None else 1
        tracker.set(tracker.make(level, titles[0]))
    else:
        tracker.set(tracker.make(1, titles[0]))
        tracker.set(tracker.make(2, "".join(titles[1:])))


def tasks_from_lines(lines: list[str], outline: Outline) -> list[ParsedTask]:
    i = 0
    while i < len(lines) and is_header_word(lines[i]):
        i += 1
    cells = [x for x in lines[i:] if not is_repeated_header(x)]
    kinds = [_classify(x) for x in cells]
    # A short cell followed by its units is a task, not a heading.
    for j in range(len(kinds) - 1):
        if kinds[j] == "title" and kinds[j + 1] in ("units", "due"):
            kinds[j] = "content"
    tracker = SectionTracker(outline)
    tasks: list[ParsedTask] = []
    titles: list[str] = []
    for text, kind in zip(cells, kinds, strict=True):
        if kind == "title":
            titles.append(text)
        elif kind == "content":
            _set_titles(tracker, titles)
            titles = []
            content, units, due = split_run_together(text)
            tasks.append(
                ParsedTask(sections=tracker.path(), text=content, units_cell=units, due_cell=due)
            )
        elif kind == "units" and tasks:
            tasks[-1].units_cell = join_cell(tasks[-1].units_cell, text)
        elif kind == "due" and tasks:
            tasks[-1].due_cell = (tasks[-1].due_cell + text).strip()
    _inherit_merged(tasks, units=True, due=any(t.due_cell for t in tasks))
    return tasks


# --- numbered rows broken into short lines (PDF extraction) -----------------------------------

_ROW_START = re.compile(r"^(\d{1,3})(?!\d)\s*(?![年月日号个次种项家人%％．.、])(.*)$")
_DUE_START = re.compile(
    r"^(\d{4}年|\d{1,2}月|年底|年内|上半年|下半年|" + "|".join(RECURRING) + r"|长期坚|持续推)"
)


def _numbered_rows(lines: list[str]) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []
    expected = 1
    for line in lines:
        if is_repeated_header(line):
            continue
        m = _ROW_START.match(line.strip())
        if m and int(m.group(1)) == expected:
            rows.append((m.group(1), [m.group(2).strip()] if m.group(2) else []))
            expected += 1
        elif rows:
            rows[-1][1].append(line.strip())
    return rows


def tasks_from_numbered(lines: list[str], outline: Outline, header: list[str]) -> list[ParsedTask]:
    roles = header_roles(header)
    rows = _numbered_rows(lines)
    body = [squash(x) for _, ls in rows for x in ls]
    width = max((len(x) for x in body), default=0)
    long = max(int(width * 0.6), 12)
    tracker = SectionTracker(outline)
    tasks: list[ParsedTask] = []
    for number, raw in rows:
        ls = [squash(x) for x in raw if squash(x)]
        i = 0
        frags: list[str] = []
        while (
            i < len(ls)
            and len(ls[i]) <= 8
            and not ls[i].endswith("。")
            and not _DUE_START.match(ls[i])
        ):
            frags.append(ls[i])
            i += 1
        if len(frags) == len(ls) and frags:  # a row of short lines only: no heading cells
            i, frags = 0, []
        if frags:
            _set_titles(tracker, ["".join(frags)])
        req: list[str] = []
        if i < len(ls):
            req.append(ls[i])
            i += 1
            while i < len(ls):
                prev = req[-1]
                if len(prev) < long or (prev.endswith("。") and len(ls[i]) < long):
                    break
                req.append(ls[i])
                i += 1
        units = ""
        while i < len(ls) and not _DUE_START.match(ls[i]):
            units = join_cell(units, ls[i], direct=True)
            i += 1
        due = "".join(ls[i:])
        if not req:
            continue
        tasks.append(
            ParsedTask(
                sections=tracker.path(),
                text="".join(req),
                units_cell=units,
                due_cell=due,
                number=number,
            )
        )
    _inherit_merged(tasks, units=True, due="due" in roles)
    return tasks

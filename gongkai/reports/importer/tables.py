"""Tables 二, 三 and 四 read from the token stream, row by row in the form's fixed order.

Each row of the form is recognised by a few characters of its label that no other row shares
(国家秘密, 不掌握, 结转下年度 …), so numbering styles, quotes, a group label on the line above or
a label broken over two lines do not matter. The numbers after a recognised label belong to that
row, assigned to its columns in the printed order. Section 四 has no row labels: its 15 numbers
follow the header cells.

A row whose label is not found, or that has too few numbers, is left empty (``None``) and shows
as "missing"; a cell holding something that is not a number is left empty and remembered, to be
reported with what it held.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gongkai.inforequests.outcomes import (
    OUTCOMES,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)

from ..form import (
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    Path,
    is_money,
    result_groups,
    section2_blocks,
    set_cell,
)
from .tokens import BLANK, EOL, LABEL, NUM, BadValue, Token, cell_value, strip_marker

# The part of each label that identifies its row (labels compared without spaces and quotes).
_ROW_KEYS = {
    # section 二
    "规章": "规章",
    "行政规范性文件": "规范性文件",
    "规范性文件": "规范性文件",
    "行政许可": "行政许可",
    "其他对外管理服务事项": "对外管理服务",
    "行政处罚": "行政处罚",
    "行政强制": "行政强制",
    "行政事业性收费": "事业性收费",
    "政府集中采购": "集中采购",
    # section 三
    ROW_NEW: "本年新收",
    ROW_CARRIED_IN: "上年结转",
    ROW_RESULTS: "办理结果",
    ROW_CARRIED_OUT: "结转下年度",
    "（一）予以公开": "予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "部分公开",
    "（三）不予公开": "不予公开",
    "（四）无法提供": "无法提供",
    "（五）不予处理": "不予处理",
    "（六）其他处理": "其他处理",
    "属于国家秘密": "国家秘密",
    "其他法律行政法规禁止公开": "禁止公开",
    "危及“三安全一稳定”": "三安全一稳定",
    "保护第三方合法权益": "第三方",
    "属于三类内部事务信息": "内部事务",
    "属于四类过程性信息": "过程性",
    "属于行政执法案卷": "执法案卷",
    "属于行政查询事项": "查询事项",
    "本机关不掌握相关政府信息": "不掌握",
    "没有现成信息需要另行制作": "另行制作",
    "补正后申请内容仍不明确": "仍不明确",
    "信访举报投诉类申请": "信访",
    "重复申请": "重复申请",
    "要求提供公开出版物": "出版物",
    "无正当理由大量反复申请": "大量反复",
    "要求行政机关确认或重新出具已获取信息": "重新出具",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "不补正",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "缴纳费用",
}
# Short labels that other labels contain: only the whole label counts.
_EXACT = {"其他": "其他", ROW_TOTAL: "总计"}

# A label may wrap onto a line or two before its numbers; more text than that is not this row.
_MAX_CONTINUATION = 2


@dataclass(frozen=True)
class RowSpec:
    path: Path  # the row's path, without the column
    columns: tuple[str, ...]  # empty for a group heading (（三）不予公开 over its sub-rows)
    key: str
    exact: bool = False
    number: int | None = None  # 1 属于国家秘密: the sub-row's number, printed in front of it

    def find(self, label: str, start: int = 0) -> int | None:
        """Where this row's label ends in ``label`` (a compact label) after ``start``, if it is
        there."""
        rest = label[start:]
        if self.exact:
            bare = strip_marker(rest).rstrip(":：")
            return len(label) if bare == self.key else None
        at = rest.find(self.key)
        return None if at < 0 else start + at + len(self.key)


def _spec(path: Path, label: str, columns: tuple[str, ...], number: int | None = None) -> RowSpec:
    if label in _EXACT:
        return RowSpec(path, columns, _EXACT[label], exact=True, number=number)
    return RowSpec(path, columns, _ROW_KEYS[label], number=number)


def section2_rows(fmt: str) -> list[RowSpec]:
    return [
        _spec(("section2", block.item, row), row, block.columns)
        for block in section2_blocks(fmt)
        for row in block.rows
    ]


def section3_rows(fmt: str) -> list[RowSpec]:
    s3 = "section3"
    cols = S3_COLUMNS
    rows = [
        _spec((s3, ROW_NEW), ROW_NEW, cols),
        _spec((s3, ROW_CARRIED_IN), ROW_CARRIED_IN, cols),
        _spec((s3, ROW_RESULTS), ROW_RESULTS, ()),
    ]
    numbers = {(o.group, o.label): o.number for o in OUTCOMES}
    for group, subs in result_groups(fmt):
        rows.append(_spec((s3, ROW_RESULTS, group), group, () if subs else cols))
        for sub in subs:
            rows.append(
                _spec((s3, ROW_RESULTS, group, sub), sub, cols, number=numbers[(group, sub)])
            )
    rows.append(_spec((s3, ROW_RESULTS, ROW_TOTAL), ROW_TOTAL, cols))
    rows.append(_spec((s3, ROW_CARRIED_OUT), ROW_CARRIED_OUT, cols))
    return rows


@dataclass
class TableReading:
    """The cells read so far, and the cells whose text was not a number (path → text)."""

    fmt: str
    tables: dict[str, Any] = field(default_factory=dict)
    unreadable: dict[Path, str] = field(default_factory=dict)
    rows_found: int = 0

    def money(self, path: Path) -> bool:
        return is_money(path, self.fmt)

    def put_row(self, path: Path, columns: Iterable[str], slots: list[Token] | None) -> None:
        columns = tuple(columns)
        if slots is None:
            for column in columns:
                set_cell(self.tables, (*path, column), None)
            return
        for column, slot in zip(columns, slots, strict=True):
            cell = (*path, column)
            try:
                value = cell_value(slot, money=self.money(cell))
            except BadValue as bad:
                self.unreadable[cell] = str(bad)
                value = None
            set_cell(self.tables, cell, value)


def _fit(slots: list[Token], n: int, *, edge_first: bool = False) -> list[Token] | None:
    """The row's n cells from what followed its label: blanks in front are the label's merged
    cells, blanks behind are the table's edge; too few cells means the row cannot be read.

    Which to drop first matters when an empty cell is also a value (a zero left blank):
    section 三's labels span three merged cells, so blanks in front go first there; section 二's
    labels are one cell and its blocks share one table width (a block of two columns in a table
    of three ends in an empty cell), so there the edge goes first (`edge_first`)."""
    slots = list(slots)
    ends = (-1, 0) if edge_first else (0, -1)
    for end in ends:
        while len(slots) > n and slots[end].kind == BLANK:
            slots.pop(end)
    return slots[:n] if len(slots) >= n else None


def _matches_any(token: Token, specs: list[RowSpec]) -> bool:
    key = token.key
    return any(spec.find(key) is not None for spec in specs)


def _gather(tokens: list[Token], i: int, n: int, later: list[RowSpec]) -> tuple[list[Token], int]:
    """The value cells after the row label at ``i - 1`` (and the index where the row ends)."""
    label_line = tokens[i - 1].line
    slots: list[Token] = []
    line = -1
    skipped = 0
    while i < len(tokens):
        token = tokens[i]
        numbers_seen = any(s.kind != BLANK for s in slots)
        if token.kind == LABEL:
            if _matches_any(token, later):
                break
            if numbers_seen and token.line == line:
                slots.append(token)  # text where a number should be: an unreadable cell
            elif not numbers_seen and token.celled and token.line == label_line:
                slots.append(token)  # a cell of its own beside the label, as unreadable
            elif numbers_seen or skipped >= _MAX_CONTINUATION:
                break
            else:
                skipped += 1  # the rest of a label broken over two lines
        elif token.kind == EOL:
            if len(slots) >= n:
                return slots, i + 1
        elif token.kind == NUM and token.glued and _is_marker(token, tokens, i, later):
            pass
        else:
            slots.append(token)
            line = token.line
        i += 1
    return slots, i


def _is_marker(token: Token, tokens: list[Token], i: int, later: list[RowSpec]) -> bool:
    """ "… 0 2 其他法律…": the 2 numbers the next sub-row, it is not a count."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is None or following.kind != LABEL:
        return False
    return any(
        spec.number is not None
        and str(spec.number) == token.text
        and spec.find(following.key) is not None
        for spec in later
    )


def read_rows(tokens: list[Token], specs: list[RowSpec], reading: TableReading) -> None:
    """Walk the expected rows in order through the tokens of one section."""
    i, offset = 0, 0
    for index, spec in enumerate(specs):
        at = _find(tokens, i, offset, spec)
        if at is None:
            if spec.columns:
                reading.put_row(spec.path, spec.columns, None)
            continue
        reading.rows_found += 1
        t, end = at
        if not spec.columns:
            i, offset = t, end  # a group heading: its first sub-row may share the cell
            continue
        slots, after = _gather(tokens, t + 1, len(spec.columns), specs[index + 1 :])
        edge_first = spec.path[0] == "section2"
        reading.put_row(
            spec.path, spec.columns, _fit(slots, len(spec.columns), edge_first=edge_first)
        )
        i, offset = after, 0


def _find(tokens: list[Token], i: int, offset: int, spec: RowSpec) -> tuple[int, int] | None:
    for t in range(i, len(tokens)):
        if tokens[t].kind != LABEL:
            continue
        end = spec.find(tokens[t].key, offset if t == i else 0)
        if end is not None:
            return t, end
    return None


def read_section4(tokens: list[Token], reading: TableReading) -> None:
    """The 15 numbers after the header: 行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5."""
    n = len(S4_BLOCKS) * len(S4_COLUMNS)
    slots: list[Token] = []
    line = -1
    for token in tokens:
        if token.kind == LABEL:
            if any(s.kind != BLANK for s in slots) and token.line == line:
                slots.append(token)  # text where a number should be: an unreadable cell
            else:
                slots = []  # numbers above the header (or in other tables) are not these
        elif token.kind == EOL:
            if len(slots) >= n:
                break
        else:
            slots.append(token)
            line = token.line
    fitted = _fit(slots, n)
    for b, block in enumerate(S4_BLOCKS):
        part = None if fitted is None else fitted[b * 5 : b * 5 + 5]
        reading.put_row(("section4", *block), S4_COLUMNS, part)
    if fitted is not None:
        reading.rows_found += 1

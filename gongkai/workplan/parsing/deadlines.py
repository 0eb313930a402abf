"""Stage 5b: deadlines, from a 完成时限 / 备注 cell or from the task's text.

A cell is read whole (“2023年12月底前”, “长期坚持”, “每季度”). In running text only explicit
deadlines count (“在2021年8月31日前”, “2021年底前”, “8月底前”, “上半年完成”): words like
“持续推进” in a sentence describe the work, not its deadline. Recurring or open-ended terms give
no date, and the words are kept in due_text for the office to read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .normalise import squash

RECURRING = (
    "长期坚持",
    "持续推进",
    "长期",
    "持续",
    "常态化",
    "每季度",
    "每月",
    "每周",
    "每年",
    "每半年",
    "按季度",
    "按月",
    "按年度",
    "随时",
    "动态更新",
    "适时",
)

_Y = r"(?:(\d{4})年)?"
# Order matters: the most specific shapes first.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day", re.compile(_Y + r"(\d{1,2})月(\d{1,2})日(?:前|之前|以前)?")),
    ("month_end", re.compile(_Y + r"(\d{1,2})月(?:底|末|份|中旬|下旬|上旬)(?:前|之前|以前)?")),
    ("year_end", re.compile(r"(?:(\d{4})年)?(?:年底|年末|底)(?:前|之前|以前)?")),
    ("half", re.compile(_Y + r"(上半年|下半年)")),
    ("quarter", re.compile(_Y + r"(?:第)?([一二三四1-4])季度(?:末|底)?(?:前)?")),
    ("year_within", re.compile(r"(?:(\d{4})年)?年内")),
]
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_of(kind: str, m: re.Match, year: int | None) -> dt.date | None:
    y = int(m.group(1)) if m.group(1) else year
    if y is None:
        return None
    try:
        if kind == "day":
            return dt.date(y, int(m.group(2)), int(m.group(3)))
        if kind == "month_end":
            text = m.group(0)
            month = int(m.group(2))
            if "上旬" in text:
                return dt.date(y, month, 10)
            if "中旬" in text:
                return dt.date(y, month, 20)
            return _month_end(y, month)
        if kind in ("year_end", "year_within"):
            return dt.date(y, 12, 31)
        if kind == "half":
            return dt.date(y, 6, 30) if m.group(2) == "上半年" else dt.date(y, 12, 31)
        if kind == "quarter":
            return _month_end(y, _QUARTER[m.group(2)] * 3)
    except ValueError:
        return None
    return None


def due_from_cell(cell: str, year: int | None) -> tuple[dt.date | None, str]:
    """A 完成时限 cell: the whole cell is the deadline. Several dates → the last one."""
    text = squash(cell)
    if not text:
        return None, ""
    dates = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            date = _date_of(kind, m, year)
            if date:
                dates.append(date)
        if dates:
            break
    if dates:
        return max(dates), text
    return None, text


def is_due_cell(cell: str) -> bool:
    """Whether a whole cell reads as a deadline (for tables whose columns must be guessed)."""
    text = squash(cell)
    if not text or len(text) > 20:
        return False
    if text in RECURRING or (len(text) <= 6 and any(text.startswith(w) for w in RECURRING)):
        return True
    return any(p.fullmatch(text) for _, p in _PATTERNS)


# In running text a deadline ends with 前 (or is 上半年/下半年 + a verb of completion).
_BEFORE = r"(?:前|之前|以前)"
_TEXT_DEADLINE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
    + _BEFORE
    + r"|(?:\d{4}年)?\d{1,2}月(?:底|末)"
    + _BEFORE
    + r"|(?:\d{4}年)?年(?:底|末)"
    + _BEFORE
    + r"|\d{4}年(?:底|末)"
    + _BEFORE
    + r"|(?:\d{4}年)?(?:上半年|下半年)(?:前)?(?:完成|实现|建成|出台)"
)


def due_from_text(text: str, year: int | None) -> tuple[dt.date | None, str]:
    """Explicit deadlines in a task's text; the last date when there are several (the task is
    done when all of it is done)."""
    text = squash(text)
    found: list[tuple[dt.date, str]] = []
    for m in _TEXT_DEADLINE.finditer(text):
        phrase = m.group(0)
        date, _ = due_from_cell(re.sub(r"(完成|实现|建成|出台)$", "", phrase), year)
        if date:
            found.append((date, phrase))
    if not found:
        return None, ""
    phrases = list(dict.fromkeys(p for _, p in found))
    return max(d for d, _ in found), "；".join(phrases)

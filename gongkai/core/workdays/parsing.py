"""Reading a year's arrangement from what a person types or uploads. Pure: no database.

Every parser returns what it understood and a list of Chinese error messages, one per bad line,
so that the person can fix all mistakes at once; callers change nothing while errors remain.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

HOLIDAY = "holiday"
WORKDAY = "workday"

# 休/假 = a day off; 班 = a make-up working day (调休上班), as the State Council notices write them.
KIND_WORDS = {
    "holiday": HOLIDAY,
    "休": HOLIDAY,
    "假": HOLIDAY,
    "放假": HOLIDAY,
    "节假日": HOLIDAY,
    "workday": WORKDAY,
    "班": WORKDAY,
    "上班": WORKDAY,
    "调休上班": WORKDAY,
}

NAME_MAX = 40
_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_SPLIT_RE = re.compile(r"[\s,，、]+")


def parse_date(text: str) -> dt.date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    if not _DATE_RE.match(text):
        return None
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _lines(text: str):
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if line and not line.startswith("#"):
            yield number, line


def parse_holiday_lines(text: str) -> tuple[list[tuple[dt.date, str]], list[str]]:
    """Lines ``YYYY-MM-DD 名称`` (the name may be left out)."""
    days: list[tuple[dt.date, str]] = []
    errors: list[str] = []
    for number, line in _lines(text):
        first, *rest = line.split(None, 1)
        date = parse_date(first)
        if date is None:
            errors.append(
                f"节假日第{number}行：“{first}”不是有效日期，"
                "请写成 YYYY-MM-DD 名称，如 2027-10-01 国庆节。"
            )
            continue
        name = rest[0].strip() if rest else ""
        if len(name) > NAME_MAX:
            errors.append(f"节假日第{number}行：节日名称不能超过{NAME_MAX}个字。")
            continue
        days.append((date, name))
    return days, errors


def parse_makeup_lines(text: str) -> tuple[list[dt.date], list[str]]:
    """Make-up working days, one ``YYYY-MM-DD`` per line (several on a line, separated, also do)."""
    days: list[dt.date] = []
    errors: list[str] = []
    for number, line in _lines(text):
        for token in _SPLIT_RE.split(line):
            if not token:
                continue
            date = parse_date(token)
            if date is None:
                errors.append(
                    f"调休上班日第{number}行：“{token}”不是有效日期，"
                    "请写成 YYYY-MM-DD，如 2027-10-09。"
                )
            else:
                days.append(date)
    return days, errors


def parse_csv(
    text: str, *, year: int
) -> tuple[list[tuple[dt.date, str]], list[tuple[dt.date, str]], list[str]]:
    """A CSV with the header ``date,kind,name``; kind is holiday/workday (or 休/假/班).

    Returns (holidays, make-up workdays, errors). Rows outside ``year`` are errors.
    """
    holidays: list[tuple[dt.date, str]] = []
    workdays: list[tuple[dt.date, str]] = []
    errors: list[str] = []
    text = (text or "").lstrip("\ufeff")
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1)
        if any(cell.strip() for cell in row) and not row[0].strip().startswith("#")
    ]
    if not rows:
        return [], [], ["文件是空的：第一行应为表头 date,kind,name，其后每行一个日期。"]
    header_number, header = rows[0]
    header = [cell.strip().lower() for cell in header]
    if header[:2] not in (["date", "kind"], ["日期", "类型"]):
        return (
            [],
            [],
            [
                f"第{header_number}行：表头应为 date,kind,name（或 日期,类型,名称），"
                f"实际为“{','.join(rows[0][1])}”。"
            ],
        )
    for number, row in rows[1:]:
        cells = [cell.strip() for cell in row] + ["", "", ""]
        raw_date, raw_kind, name = cells[0], cells[1], cells[2]
        if len(row) > 3 and any(cell.strip() for cell in row[3:]):
            errors.append(f"第{number}行：列数过多，每行只应有 日期,类型,名称 三列。")
            continue
        date = parse_date(raw_date)
        if date is None:
            errors.append(f"第{number}行：“{raw_date}”不是有效日期，请写成 YYYY-MM-DD。")
            continue
        if date.year != year:
            errors.append(f"第{number}行：{date.isoformat()} 不在{year}年内。")
            continue
        kind = KIND_WORDS.get(raw_kind.lower())
        if kind is None:
            errors.append(
                f"第{number}行：类型“{raw_kind}”无法识别，应为 holiday（休/假）或 workday（班）。"
            )
            continue
        if len(name) > NAME_MAX:
            errors.append(f"第{number}行：节日名称不能超过{NAME_MAX}个字。")
            continue
        (holidays if kind == HOLIDAY else workdays).append((date, name))
    return holidays, workdays, errors

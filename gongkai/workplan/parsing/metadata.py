"""Stage 2: the plan's title, issuer, 发文字号, date and year, from the lines before the body."""

from __future__ import annotations

import datetime as dt
import re

from .normalise import squash
from .numbering import LEVEL1

DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[【（(]\s*(\d{4})\s*[〕\]】）)]\s*(\d{1,4})\s*号"
)
DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TITLE_WORDS = (
    "工作要点",
    "工作安排",
    "重点工作",
    "工作方案",
    "工作计划",
    "实施方案",
    "任务分解",
    "责任分工",
    "分工表",
    "分解表",
    "任务清单",
)
ISSUER_SUFFIX = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|领导小组|委员会|局)"
)
ISSUER_BEFORE_NOTICE = re.compile(rf"([\u4e00-\u9fff]{{2,24}}?{ISSUER_SUFFIX})\s*关于印发")
ISSUER_LINE = re.compile(rf"^[\u4e00-\u9fff]{{2,24}}{ISSUER_SUFFIX}$")
NOTICE_TITLE = re.compile(r"关于印发《?(.+?)》?的通知")


def head_lines(lines: list[str]) -> list[str]:
    """The lines before the body's first 一、 heading (or the first 40 lines)."""
    for i, line in enumerate(lines):
        if LEVEL1.match(line) and i > 0:
            return lines[:i]
    return lines[:40]


def find_doc_number(head: list[str]) -> str:
    """The plan's own 发文字号 stands on a line of its own near the top (渠府办〔2021〕54号);
    numbers cited inside sentences (川办发〔2021〕16号) belong to other documents."""
    for line in head:
        text = squash(line)
        m = DOC_NUMBER.search(text)
        if m and len(text) <= len(m.group(0)) + 4:
            return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    return ""


def find_date(head: list[str]) -> dt.date | None:
    """The signing date: a line that is only a date (2021年4月25日), else a 成文日期 field."""
    for line in head:
        text = squash(line)
        m = DATE_CN.fullmatch(text) or DATE_ISO.fullmatch(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def _clean_title(text: str) -> str:
    return squash(text).strip("《》“”")


def find_title(head: list[str]) -> str:
    """The plan's own title: a short heading naming a 工作要点/工作安排/分工表; else the title
    quoted in the covering notice (关于印发《…》的通知)."""
    for line in head:
        text = squash(line)
        if (
            any(w in text for w in TITLE_WORDS)
            and len(text) <= 45
            and "。" not in text
            and "关于" not in text
            and "通知" not in text
            and "《" not in text
            and "》" not in text
            and not text.startswith(("附件", "抄送", "标题"))
        ):
            return _clean_title(text.removeprefix("附件："))
    joined = "".join(squash(line) for line in head)
    m = NOTICE_TITLE.search(joined)
    if m:
        return _clean_title(m.group(1))
    return ""


def find_issuer(head: list[str]) -> str:
    joined = "\n".join(squash(line) for line in head if line.strip())
    m = ISSUER_BEFORE_NOTICE.search(joined)
    if m:
        return m.group(1)
    # The signature: an organ's name on its own line just above the date.
    texts = [squash(line) for line in head if line.strip()]
    for i, text in enumerate(texts[:-1]):
        if ISSUER_LINE.match(text) and (
            DATE_CN.fullmatch(texts[i + 1]) or DATE_ISO.fullmatch(texts[i + 1])
        ):
            return text
    return ""


def find_year(title: str, date: dt.date | None, doc_number: str) -> int | None:
    m = re.search(r"(20\d{2})年", title)
    if m:
        return int(m.group(1))
    if date:
        return date.year
    m = re.search(r"〔(\d{4})〕", doc_number)
    return int(m.group(1)) if m else None

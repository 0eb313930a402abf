"""Where the six sections are, what the report is called, which year and which format it has."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.core.errors import GongkaiError
from gongkai.core.text.numerals import cn_to_int

from ..form import FORMAT_2019, FORMAT_2021, SECTION_TITLES
from .tokens import compact

SECTIONS = tuple(SECTION_TITLES)  # section1 … section6, in the printed order

# What a heading says after its number, with the variants offices use.
_KEYS = {
    "section1": re.compile(r"总体情况|总体概况|概述"),
    "section2": re.compile(r"主动公开"),
    "section3": re.compile(r"收到和处理|依申请公开|政府信息公开申请"),
    "section4": re.compile(r"行政复议|行政诉讼"),
    "section5": re.compile(r"存在的?主要问题|存在问题|主要问题|改进情况"),
    "section6": re.compile(r"其他需要报告|其他需报告|其他事项"),
}
# A heading without its number must be one of these titles, whole.
_TITLES = {
    "section1": ("总体情况",),
    "section2": ("主动公开政府信息情况", "主动公开政府信息"),
    "section3": ("收到和处理政府信息公开申请情况", "依申请公开政府信息情况"),
    "section4": (
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议,行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    ),
    "section5": ("存在的主要问题及改进情况",),
    "section6": ("其他需要报告的事项",),
}
_NUMERALS = "一二三四五六"
_HEADING_MAX = 40  # longer lines are prose (or a heading with its first sentence after it)
_MARKDOWN = re.compile(r"^\s{0,3}#{1,6}\s+")


def clean_line(line: str) -> str:
    """A pasted line without Markdown heading marks and bold, and with web spaces as spaces."""
    line = line.replace("\ufeff", "").replace("\u00a0", " ")
    return _MARKDOWN.sub("", line).replace("**", "")


@dataclass(frozen=True)
class Heading:
    line: int
    rest: str  # prose written on the heading's own line, after the title


def _heading(line: str, index: int, name: str) -> str | None:
    """The prose after the heading if ``line`` is section ``name``'s heading, else None."""
    text = compact(line)
    if not text:
        return None
    titles = _TITLES[name]
    body = text[1:].lstrip("、.,:：")
    # "一、总体情况", "一．总体情况", "一 总体情况" (the space is gone in the compact text)
    marked = text[0] in _NUMERALS and (
        len(body) < len(text) - 1
        or any(body.startswith(t) for t in titles)
        or bool(_KEYS[name].match(body))
    )
    if marked:
        if _NUMERALS.index(text[0]) + 1 != index:
            return None
    else:
        body = text
        if not any(body.startswith(t) for t in titles):
            return None
    if not _KEYS[name].search(body[:25]):
        return None
    if len(text) <= _HEADING_MAX:
        return ""
    # A long line: only a heading whose exact title is followed by the first paragraph.
    for title in (*titles, *(t.removesuffix("情况") for t in titles)):
        spaced = r"\s*".join(re.escape(ch) for ch in title)
        m = re.match(
            rf"^\s*(?:{_NUMERALS[index - 1]}\s*[、．.，,:：]?\s*)?{spaced}\s*[:：。.]?\s*", line
        )
        if m:
            return line[m.end() :].strip()
    return None


def find_headings(lines: list[str]) -> dict[str, Heading]:
    """The six headings, each looked for after the one before (so a table row "四、结转下年度…"
    is never taken for section 四)."""
    found: dict[str, Heading] = {}
    start = 0
    for index, name in enumerate(SECTIONS, start=1):
        for number in range(start, len(lines)):
            rest = _heading(lines[number], index, name)
            if rest is not None:
                found[name] = Heading(number, rest)
                start = number + 1
                break
    return found


def section_spans(found: dict[str, Heading], total: int) -> dict[str, tuple[int, int]]:
    """Line ranges [start, end) of each section's body. A section whose heading is missing
    shares the range between its neighbours' headings (its table may still be there)."""
    spans: dict[str, tuple[int, int]] = {}
    for i, name in enumerate(SECTIONS):
        before = [found[n].line for n in SECTIONS[:i] if n in found]
        after = [found[n].line for n in SECTIONS[i + 1 :] if n in found]
        end = min(after) if after else total
        if name in found:
            spans[name] = (found[name].line + 1, end)
        else:
            spans[name] = (max(before) + 1 if before else 0, end)
    return spans


def prose(lines: list[str], rest: str = "") -> str:
    """A prose section as written: one paragraph a line, blank lines and indents dropped."""
    paragraphs = [rest.strip()] if rest.strip() else []
    paragraphs += [s for s in (line.strip(" \t\u3000\u00a0") for line in lines) if s]
    return "\n".join(paragraphs)


def find_title(preamble: list[str]) -> str:
    """The report's own title among the lines above section 一 (a web page adds its breadcrumb
    and publication data there); a line that does not call itself a report is no title."""
    lines = [s for s in (line.strip(" \t\u3000\u00a0") for line in preamble) if s]
    short = [
        line
        for line in lines
        if len(compact(line)) <= _HEADING_MAX * 2 and not line.endswith(("。", "."))
    ]
    for wanted in (("政府信息公开", "年度报告"), ("政府信息公开", "报告"), ("报告",)):
        for line in short:
            if all(word in compact(line) for word in wanted):
                return line
    return ""


_YEAR = r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})"
_YEAR_IN_TITLE = re.compile(_YEAR + r"年")
_YEAR_OF_REPORT = re.compile(_YEAR + r"年度?[^。，,;；]{0,30}?年度报告")
_YEAR_OF_PERIOD = re.compile(_YEAR + r"年1月1日(?:起)?至" + r"\1年12月31日")


def _year(text: str) -> int | None:
    try:
        year = cn_to_int(text)
    except GongkaiError:
        return None
    return year if 1990 <= year <= 2100 else None


def find_year(title: str, text: str) -> int | None:
    """The year reported on: from the title (…2024年政府信息公开工作年度报告), else from a
    sentence naming the report or the statistics period (2024年1月1日至2024年12月31日)."""
    m = _YEAR_IN_TITLE.search(compact(title))
    if m and _year(m.group(1)):
        return _year(m.group(1))
    flat = compact(text)
    for pattern in (_YEAR_OF_REPORT, _YEAR_OF_PERIOD):
        m = pattern.search(flat)
        if m and _year(m.group(1)):
            return _year(m.group(1))
    return None


# Column and row labels that exist in one format only.
_MARKS_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购总金额",
)
_MARKS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额")
# The 2021 form splits （六）其他处理 into three sub-rows; the 2019 trial form does not.
_OTHER_SUBROWS = ("逾期不补正", "缴纳费用")


def detect_format(section2: str, section3: str) -> str:
    s2 = compact(section2)
    s3 = compact(section3)
    score_2019 = sum(mark in s2 for mark in _MARKS_2019)
    score_2021 = sum(mark in s2 for mark in _MARKS_2021)
    score_2021 += sum(mark in s3 for mark in _OTHER_SUBROWS)
    if score_2019 != score_2021:
        return FORMAT_2019 if score_2019 > score_2021 else FORMAT_2021
    if "其他处理" in s3 and not any(mark in s3 for mark in _OTHER_SUBROWS):
        return FORMAT_2019
    return FORMAT_2021

"""Chinese numerals and the section markers of government documents.

`cn_to_int` reads the numerals written in documents: 二十三, 一百零五, 两千, 〇, 十二, 一万零三百,
the spoken short forms (一百二 = 120, 三千五 = 3500),
the financial forms (壹贰叁…拾佰仟), digit-by-digit years (二〇二一 → 2021) and plain Arabic digits
(full-width too). Anything else raises `GongkaiError` with a Chinese message rather than guessing.

`section_marker` recognises the heading numbers of GB/T 9704-2012 §7.3.3 (党政机关公文格式:
结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注), which the work-plan parser and the
annual-report importer use to rebuild a document's outline:

    level 1  一、        level 2  （一） (一)      level 3  1.  1．  1、      level 4  （1） (1)

plus circled numbers ①…⑳ as level 5, which county work plans use below （1）. A "1." directly
followed by a digit is a decimal (1.5亿元), not a heading, and is not recognised.
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.core.errors import GongkaiError

_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)


def _bad(text: str) -> GongkaiError:
    return GongkaiError(
        f"无法识别数字“{text}”：请写成中文数字（如“二十三”“一百零五”）或阿拉伯数字。",
        code="invalid_numeral",
    )


def cn_to_int(text: str) -> int:
    """The value of a Chinese (or Arabic) numeral; raises GongkaiError if it is not one."""
    raw = text
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        raise _bad(raw)
    if text.isascii() and text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in text):
        raise _bad(raw)
    if not any(ch in _SMALL_UNITS or ch in _BIG_UNITS for ch in text):
        # 二〇二一, 一九九八: digits read one by one, as years are written.
        return int("".join(str(_DIGITS[ch]) for ch in text))

    total = 0  # everything above the current 万/亿 section
    section = 0  # the current section below 万
    number: int | None = None  # a digit waiting for its unit
    last_small = 10_000  # units inside a section must fall: 千 > 百 > 十
    last_big = 10**12
    for ch in text:
        if ch in _DIGITS:
            if number not in (None, 0) and _DIGITS[ch] != 0:
                raise _bad(raw)  # 二三十: two digits without a unit between them
            number = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                raise _bad(raw)  # 十百, 十十
            if number is None and unit != 10:
                raise _bad(raw)  # 百二: only 十 may stand without a digit
            # A bare 十 at the start means 一十 (十二 = 12).
            section += (1 if number is None else number) * unit
            if number == 0:
                raise _bad(raw)  # 零十
            number = None
            last_small = unit
        else:
            unit = _BIG_UNITS[ch]
            if unit >= last_big and not (unit == 10_000 and last_big == 10**8):
                raise _bad(raw)
            section += number or 0
            if section == 0 and total == 0:
                raise _bad(raw)  # 万 with nothing before it
            if unit == 100_000_000:
                total = (total + section) * unit
            else:
                total += section * unit
            section, number, last_small, last_big = 0, None, 10_000, unit
    if number and len(text) >= 2 and text[-2] in _SMALL_UNITS | _BIG_UNITS:
        # 一百二 = 120, 三千五 = 3500, 一万二 = 12000: a trailing digit right after a unit
        # counts in the next lower place, as people say and sometimes write.
        unit = (_SMALL_UNITS | _BIG_UNITS)[text[-2]]
        if unit > 10:
            number *= unit // 10
    return total + section + (number or 0)


_CN = f"[{re.escape(CN_NUMERAL_CHARS)}]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARKERS = [
    (1, re.compile(rf"\s*({_CN})\s*[、．.](?!\d)")),
    (2, re.compile(rf"\s*[(（]\s*({_CN})\s*[)）]")),
    (3, re.compile(r"\s*(\d{1,3})\s*(?:[.．](?!\d)|、)")),
    (4, re.compile(r"\s*[(（]\s*(\d{1,3})\s*[)）]")),
]


def section_marker(line: str) -> tuple[int, int] | None:
    """(level, number) of the heading marker a line starts with, or None if it has none."""
    # NFKC turns ① into 1, so circled numbers are looked for before normalising.
    stripped = (line or "").lstrip()
    if stripped[:1] and stripped[0] in _CIRCLED:
        return 5, _CIRCLED.index(stripped[0]) + 1
    line = unicodedata.normalize("NFKC", line or "")
    for level, pattern in _MARKERS:
        m = pattern.match(line)
        if m:
            try:
                number = cn_to_int(m.group(1))
            except GongkaiError:
                return None
            return (level, number) if number > 0 else None
    return None

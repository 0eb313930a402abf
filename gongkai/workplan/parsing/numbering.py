"""Section markers of Chinese official documents: 一、 / （一） / 1. and Chinese numerals."""

from __future__ import annotations

import re

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUM = "[一二三四五六七八九十百零〇两]+"

LEVEL1 = re.compile(rf"^\s*({CN_NUM})\s*[、．.]\s*")
LEVEL2 = re.compile(rf"^\s*[（(]\s*({CN_NUM})\s*[）)]\s*[、．.]?\s*")
LEVEL3 = re.compile(r"^\s*(?:(\d{1,2})\s*[．.、](?!\d)|[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})）)\s*")


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十七 → 17, 二十一 → 21, 一百零二 → 102; None if not a numeral."""
    if not text or any(ch not in CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS[ch]
    return total + current


def marker(text: str) -> tuple[int, int, str] | None:
    """(level, number, rest) when `text` begins with a section marker, else None."""
    for level, pattern in ((1, LEVEL1), (2, LEVEL2), (3, LEVEL3)):
        m = pattern.match(text)
        if not m:
            continue
        raw = next(g for g in m.groups() if g)
        number = int(raw) if raw.isdigit() else cn_to_int(raw)
        if number is None:
            continue
        return level, number, text[m.end() :]
    return None


def canonical_marker(level: int, number: int) -> str:
    if level == 1:
        return f"{int_to_cn(number)}、"
    if level == 2:
        return f"（{int_to_cn(number)}）"
    return f"{number}."


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)

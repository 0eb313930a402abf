"""Tracking codes (查询码): YSQ-2026-XXXX-XXXX-XXXX.

Twelve Crockford base-32 characters — eleven random (55 bits: not guessable, not enumerable) and
one check character (Luhn mod 32, which catches any single mistyped character and most swaps
of neighbours) — after the year of filing. Input is forgiving: lower case, spaces, missing hyphens
and the look-alikes O→0, I/L→1 are accepted.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CODE_RE = re.compile(r"^YSQ(\d{4})([0-9A-Z]{12})$")


def _check(body: str) -> str:
    """Luhn mod 32: catches every single mistyped character and most swaps of neighbours."""
    total, factor = 0, 2
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        total += addend // 32 + addend % 32
        factor = 3 - factor
    return ALPHABET[(32 - total % 32) % 32]


def format_code(year: int, chars: str) -> str:
    return f"YSQ-{year}-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def new_tracking_code(year: int) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(11))
    return format_code(year, body + _check(body))


def normalize_code(raw: str) -> str | None:
    """The canonical form of what a person typed, or None when it cannot be a valid code."""
    if not isinstance(raw, str):
        return None
    text = re.sub(r"[\s\-－—_]", "", raw.upper()).translate(_LOOKALIKE)
    if not text.startswith("YSQ"):
        text = "YSQ" + text
    match = _CODE_RE.match(text)
    if match is None:
        return None
    year, chars = match.groups()
    if any(ch not in _VALUE for ch in chars) or _check(chars[:11]) != chars[11]:
        return None
    return format_code(int(year), chars)

"""Highlighting from the query terms over the stored text, the same for both backends.

The text is escaped piece by piece and only our own `<mark>` tags are added, so a document that
contains `<script>` shows it as text. Matching is done on the text folded as the index sees it
(full-width letters and digits to ASCII, case ignored) and mapped back to the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 140
LEAD_CHARS = 30
_SPACE = re.compile(r"\s+")


def _fold_table() -> dict[int, str]:
    """Every character whose NFKC form is one letter or digit, or one CJK character: full-width
    Ｇ１, compatibility ideographs. A 1:1 fold keeps offsets, and is far cheaper than NFKC over
    a whole body (which also rewrites every ，（）： and so would always change the text)."""
    table = {}
    for code in [
        *range(0xFF10, 0xFF1A),
        *range(0xFF21, 0xFF3B),
        *range(0xFF41, 0xFF5B),
        *range(0xF900, 0xFB00),
        *range(0x2F800, 0x2FA20),
    ]:
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1:
            table[code] = folded
    return table


_FOLD = _fold_table()
_FOLDABLE = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uf900-\ufaff\U0002f800-\U0002fa1f]"
)


def fold(text: str) -> str:
    """Text folded as the index sees it (offsets may shift only for rare characters)."""
    return (text.translate(_FOLD) if _FOLDABLE.search(text) else text).lower()


def _normal_map(text: str) -> tuple[str, list[int] | None]:
    """Folded text as the index sees it and, when lengths differ, the original index of each
    folded character."""
    normal = (text.translate(_FOLD) if _FOLDABLE.search(text) else text).lower()
    if len(normal) == len(text):
        return normal, None
    parts, index = [], []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch).casefold()
        parts.append(n)
        index.extend([i] * len(n))
    index.append(len(text))
    return "".join(parts), index


def _pattern(runs: list[str]) -> re.Pattern[str] | None:
    if not runs:
        return None
    alts = []
    for run in sorted(runs, key=len, reverse=True):
        if run.isascii():
            alts.append(rf"(?<![0-9a-z]){re.escape(run)}(?![0-9a-z])")
        else:
            alts.append(re.escape(run))
    return re.compile("|".join(alts))


def spans(text: str, runs: list[str], limit: int | None = None) -> list[tuple[int, int]]:
    """Merged (start, end) ranges of the original text where a query run occurs."""
    pattern = _pattern(runs)
    if pattern is None or not text:
        return []
    normal, index = _normal_map(text if limit is None else text[:limit])
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(normal):
        start, end = m.span()
        if index is not None:
            start, end = index[start], index[end]
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _render(text: str, marks: list[tuple[int, int]], start: int, end: int) -> str:
    pieces, pos = [], start
    for a, b in marks:
        a, b = max(a, start), min(b, end)
        if b <= a:
            continue
        pieces.append(escape(_SPACE.sub(" ", text[pos:a])))
        pieces.append(f"<mark>{escape(_SPACE.sub(' ', text[a:b]))}</mark>")
        pos = b
    pieces.append(escape(_SPACE.sub(" ", text[pos:end])))
    return "".join(pieces)


def highlight(text: str, runs: list[str]) -> SafeString:
    """The whole text, escaped, with every query run marked (for titles)."""
    text = text or ""
    return mark_safe(_render(text, spans(text, runs), 0, len(text)))  # noqa: S308 — escaped above


def snippet(text: str, runs: list[str], size: int = SNIPPET_CHARS) -> SafeString:
    """About `size` characters around the first match (or the opening), escaped and marked."""
    text = (text or "").strip()
    if not text:
        return mark_safe("")
    # Only the first match matters for the window; look in a bounded prefix first for speed.
    marks = spans(text, runs, limit=20000) or (spans(text, runs) if len(text) > 20000 else [])
    if marks:
        first = marks[0][0]
        # Begin at a sentence start when one is close, as readers expect.
        cut = max(text.rfind(p, max(0, first - LEAD_CHARS * 2), first) for p in "。；！？\n")
        start = cut + 1 if cut >= 0 else max(0, first - LEAD_CHARS)
    else:
        start = 0
    end = min(len(text), start + size)
    html = _render(text, [m for m in marks if m[0] < end], start, end).strip()
    if start > 0:
        html = "…" + html
    if end < len(text):
        html += "…"
    return mark_safe(html)  # noqa: S308 — every piece of text is escaped in _render

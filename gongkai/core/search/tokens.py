"""The index tokens of a text as one space-joined string, fast.

The index is built from `gongkai.core.text.segment.tokens(text, with_words=False)` (bigrams of
each Chinese run plus its last character, Latin/digit runs), space-joined. At a million documents
that function is a large part of indexing: it NFKC-normalises the whole text (a Chinese body is
never in NFKC, because of its full-width punctuation) and builds a Python list of every token.
`index_text` gives exactly the same string (the tests compare them on arbitrary text) about twice
as fast:

- When every character of the text is *plain* — its NFKC form, case-folded, is either itself or
  free of token characters, and it is not a combining mark — normalising cannot change which
  runs the text has or what they contain, except for the case of ASCII letters. Such a text
  (nearly every Chinese document) skips normalisation; its Latin runs are lower-cased one by one.
  Anything else (full-width digits, ①, compatibility ideographs, combining accents …) takes the
  exact path through `segment.normalise`.
- The bigrams of a run are made with `map`/`join` in C rather than a list per run.

Which characters are plain is computed once per process from the running Python's Unicode
tables (about 30,000 candidates: ASCII, Latin-1, general and CJK punctuation, full-width forms,
the CJK ideographs), so it cannot go stale when Python's Unicode version changes.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from operator import add

from gongkai.core.text.segment import normalise

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
_TOKEN_CHAR = re.compile(rf"[{_CJK}0-9a-z]")
# Runs as segment.tokens finds them in normalised text …
_RUNS = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
# … and in plain text, where ASCII letters are not lower-cased yet.
_RAW_RUNS = re.compile(rf"([{_CJK}]+)|([0-9A-Za-z]+)")

_CANDIDATES = (
    (0x0000, 0x00FF),  # ASCII and Latin-1
    (0x2000, 0x206F),  # general punctuation: — … “ ” ‘ ’ ·
    (0x2100, 0x218F),  # letterlike forms, number forms (№ ℃ Ⅰ: most are not plain)
    (0x2460, 0x24FF),  # enclosed numbers ① ⑴ ⒈ (not plain: they fold to digits)
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。《》「」〔〕
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms: ，（）：
)

_lock = threading.Lock()
_not_plain: re.Pattern[str] | None = None


def is_plain(ch: str) -> bool:
    """Normalising this character cannot change the runs of a text it is in (see above)."""
    if unicodedata.category(ch).startswith("M"):
        return False
    folded = normalise(ch)
    if folded == ch:
        return True
    if "A" <= ch <= "Z":
        return True  # handled by lower-casing the Latin runs
    return not _TOKEN_CHAR.search(ch) and not _TOKEN_CHAR.search(folded)


def _ranges(codes: list[int]) -> str:
    out, start, prev = [], None, None
    for code in codes:
        if start is None:
            start = prev = code
        elif code == prev + 1:
            prev = code
        else:
            out.append((start, prev))
            start = prev = code
    if start is not None:
        out.append((start, prev))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out
    )


def not_plain() -> re.Pattern[str]:
    """A pattern that finds the first character of a text that is not plain."""
    global _not_plain
    if _not_plain is None:
        with _lock:
            if _not_plain is None:
                plain = [
                    code
                    for lo, hi in _CANDIDATES
                    for code in range(lo, hi + 1)
                    if not 0xD800 <= code <= 0xDFFF and is_plain(chr(code))
                ]
                _not_plain = re.compile(f"[^{_ranges(plain)}]")
    return _not_plain


def _join(out: list[str], cjk: str) -> None:
    if len(cjk) > 1:
        out.append(" ".join(map(add, cjk, cjk[1:])))
    out.append(cjk[-1])


def index_text(text: str) -> str:
    """`" ".join(segment.tokens(text, with_words=False))`, faster."""
    if not text:
        return ""
    out: list[str] = []
    if not_plain().search(text) is None:
        for cjk, latin in _RAW_RUNS.findall(text):
            if cjk:
                _join(out, cjk)
            else:
                out.append(latin.lower())
    else:
        for cjk, latin in _RUNS.findall(normalise(text)):
            if cjk:
                _join(out, cjk)
            else:
                out.append(latin)
    return " ".join(out)

"""The table text of a pasted report as a stream of tokens: labels, numbers, blank cells, line ends.

Pasted tables come in four layouts, often mixed in one report: cells separated by tabs (a web
table copied from a browser, or a Word table), by pipes (Markdown), by runs of spaces (PDF or a
hand-aligned text), or one cell per line. A line is first cut into cells by the strongest
separator it contains; an empty cell between tabs or pipes is a blank cell (a zero, where it
stands in a full table), while empty lines carry nothing. Inside a cell, numbers separated by
single spaces are still separate numbers ("0 0 3"), and the words around them form one label.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

LABEL = "label"
NUM = "num"
BLANK = "blank"
EOL = "eol"

# Offices write an empty count as a dash or a slash as often as 0.
_ZERO = re.compile(r"^(?:[-—–―−/\\]+|无|零|〇|○)$")
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?:件|个|人|次|项|宗|份|家|万元)?$"
)
_SMALL_MARKER = re.compile(r"^[1-9]$")
_PIPE_RULE = re.compile(r"^:?-{3,}:?$")
_SPACES = re.compile(r"[ \u00a0\u3000\u2002\u2003\u2009\u200b]")
_QUOTES = re.compile(r"[\"'“”‘’「」『』〝〞]")
# Heading numbers in front of a row label, after NFKC: 一、 (一) 1. 1、 (1) and bare 1 (from ①).
_MARKER = re.compile(
    r"^(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}[、.,]|\d{1,2}[.、,]?(?=\D))"
)


@dataclass(frozen=True)
class Token:
    kind: str  # LABEL | NUM | BLANK | EOL
    text: str = ""  # as written (NFKC); for LABEL without spaces
    line: int = 0
    glued: bool = False  # a NUM followed, in the same cell, by a label ("… 0 2 其他法律…")
    celled: bool = False  # from a line cut into cells (tabs, pipes, runs of spaces)

    @property
    def key(self) -> str:
        """A label as compared with the form's wording: no spaces, quotes or width variants."""
        return compact(self.text)


def compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _QUOTES.sub("", re.sub(r"\s+", "", text))


def strip_marker(key: str) -> str:
    """A compact label without the heading numbers in front of it: (三)不予公开 → 不予公开."""
    while True:
        m = _MARKER.match(key)
        if not m or not m.group(0):
            return key.lstrip(":：,，.、")
        key = key[m.end() :]


def _split_cells(line: str) -> list[str] | None:
    """A line's cells, or None for a line that is only a Markdown table rule (|---|---|)."""
    line = _SPACES.sub(" ", line)
    if "\t" in line:
        return line.split("\t")
    line = line.replace("｜", "|")
    if "|" in line:
        inner = line.strip()
        inner = inner.removeprefix("|").removesuffix("|")
        cells = inner.split("|")
        if all(_PIPE_RULE.match(c.strip()) for c in cells):
            return None
        return cells
    return re.split(r" {2,}", line.strip())


def _number_kind(piece: str) -> str:
    if _NUMBER.match(piece):
        return NUM
    if _ZERO.match(piece):
        return "zero"
    return LABEL


def _cell_tokens(cell: str, line: int, celled: bool) -> list[Token]:
    pieces = [unicodedata.normalize("NFKC", p) for p in cell.split()]
    if not pieces:
        return [Token(BLANK, "", line, celled=celled)]
    kinds = [_number_kind(p) for p in pieces]
    has_words = LABEL in kinds
    # A dash or a slash among words is punctuation ("本年增 / 减"), not a zero.
    kinds = [LABEL if k == "zero" and has_words else (NUM if k == "zero" else k) for k in kinds]
    # "1 属于国家秘密" at the start of a cell: the 1 is the sub-row's number, not a count.
    if len(pieces) > 1 and kinds[0] == NUM and kinds[1] == LABEL and _SMALL_MARKER.match(pieces[0]):
        kinds[0] = LABEL
    tokens: list[Token] = []
    words: list[str] = []
    for i, (piece, kind) in enumerate(zip(pieces, kinds, strict=True)):
        if kind == LABEL:
            words.append(piece)
            continue
        if words:
            tokens.append(Token(LABEL, "".join(words), line, celled=celled))
            words = []
        glued = i + 1 < len(pieces) and kinds[i + 1] == LABEL
        tokens.append(Token(NUM, piece, line, glued=glued, celled=celled))
    if words:
        tokens.append(Token(LABEL, "".join(words), line, celled=celled))
    return tokens


def tokenize(lines: list[str], first_line: int = 0) -> list[Token]:
    tokens: list[Token] = []
    for number, raw in enumerate(lines, start=first_line):
        cells = _split_cells(raw)
        if cells is None:
            continue
        if len(cells) > 1:
            for cell in cells:
                tokens.extend(_cell_tokens(cell, number, celled=True))
        elif cells[0].strip():
            tokens.extend(_cell_tokens(cells[0], number, celled=False))
        tokens.append(Token(EOL, "", number))
    return tokens


class BadValue(ValueError):
    """A cell that holds something other than a number of the right kind."""


def cell_value(token: Token | None, *, money: bool) -> int | float:
    """The number a NUM or BLANK token stands for: floats in 万元 for money, ints otherwise."""
    if token is None or token.kind == BLANK or _ZERO.match(token.text):
        return 0.0 if money else 0
    m = _NUMBER.match(token.text)
    if token.kind != NUM or not m:
        raise BadValue(token.text)
    text = m.group("sign") + m.group("digits").replace(",", "") + (m.group("fraction") or "")
    if money:
        return float(text)
    number = Decimal(text)
    if number != number.to_integral_value():
        raise BadValue(token.text)
    return int(number)

"""Stage 1: normalise the text as it comes from a web page, a PDF or Word.

Markdown and HTML remnants go, ASCII punctuation inside Chinese text becomes full-width (the
seeds mix "(一)" and "（一）"), and the spaces PDF extraction puts between digits and Chinese
characters ("2023 年 7 月") are removed. Tabs and line breaks are kept: they carry the table.
"""

from __future__ import annotations

import re

CJK = "\u4e00-\u9fff"
_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_DIGIT_SPACE = re.compile(rf"(?<=[0-9])[ \u3000]+(?=[{CJK}％%])|(?<=[{CJK}])[ \u3000]+(?=[0-9])")
_COMMA = re.compile(r"(?<![0-9]),|,(?![0-9])")
_COLON = re.compile(r"(?<![0-9]):|:(?![0-9])")
_URL = re.compile(r"^\s*https?://\S+\s*$")
_PAGE_FOOTER = re.compile(r"^\s*[—－\-–]+\s*\d+\s*[—－\-–]+\s*$")


def normalise_line(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\u3000", " ").replace("\ufeff", "")
    line = _MARKDOWN_HEADING.sub("", line)
    line = line.replace("**", "").replace("__", "")
    line = _TAG.sub(" ", line)
    line = line.replace("(", "（").replace(")", "）").replace(";", "；")
    line = _COMMA.sub("，", line)
    line = _COLON.sub("：", line)
    line = line.replace("［", "〔").replace("］", "〕")
    line = _DIGIT_SPACE.sub("", line)
    # Within a cell, runs of spaces are one separator; tabs stay as cell boundaries.
    line = "\t".join(re.sub(r" {2,}", " ", cell).strip(" ") for cell in line.split("\t"))
    # Trailing tabs stay: in a table copied one cell per line, "\t" alone is an empty cell.
    return line if line.strip() else line.strip(" ")


def normalise(text: str) -> list[str]:
    """The document as normalised lines (blank lines kept: they separate cells and rows)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for raw in text.split("\n"):
        if _URL.match(raw) or _PAGE_FOOTER.match(raw):
            continue
        lines.append(normalise_line(raw))
    return lines


def squash(text: str) -> str:
    """Text without any whitespace: for comparing titles split across lines or pages."""
    return re.sub(r"\s+", "", text)


def looks_garbled(text: str) -> bool:
    """Mojibake (GBK read as Latin-1, or binary read as text) has few Chinese characters and many
    Latin-1 or replacement characters."""
    sample = re.sub(r"\s+", "", text)[:5000]
    if len(sample) < 20:
        return False
    cjk = len(re.findall(rf"[{CJK}]", sample))
    odd = len(re.findall(r"[\u0080-\u024f\ufffd\u0000-\u0008]", sample))
    return cjk < len(sample) * 0.2 and odd > len(sample) * 0.1

"""Dispatch by file type, the extracted-document model, and plain-text decoding."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.core.errors import GongkaiError

MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt")


@dataclass
class ExtractedTable:
    """A table as a rectangular grid.

    `rows[r][c]` is the text at every grid position; a merged cell's text is repeated in every
    position it covers. `origins[r][c]` is the (row, column) of the merged cell's top-left
    position, so `origins[r][c] == (r, c)` exactly where a cell begins. Use
    `first_occurrence_rows()` for the layout a web page or PDF shows: text in the first position
    of a merged cell, empty strings in the others.
    """

    rows: list[list[str]]
    origins: list[list[tuple[int, int]]] = field(default_factory=list)
    page: int | None = None

    def __post_init__(self) -> None:
        width = max((len(r) for r in self.rows), default=0)
        self.rows = [list(r) + [""] * (width - len(r)) for r in self.rows]
        if not self.origins:
            self.origins = [[(r, c) for c in range(width)] for r in range(len(self.rows))]

    def first_occurrence_rows(self) -> list[list[str]]:
        return [
            [text if self.origins[r][c] == (r, c) else "" for c, text in enumerate(row)]
            for r, row in enumerate(self.rows)
        ]

    def is_merged(self, r: int, c: int) -> bool:
        return self.origins[r][c] != (r, c)


@dataclass
class ExtractedDocument:
    text: str
    tables: list[ExtractedTable] = field(default_factory=list)
    pages: int = 1
    kind: str = "txt"  # "txt" | "docx" | "pdf"
    filename: str = ""


def _suffix(filename: str) -> str:
    return Path(filename).suffix.lower()


def _read_source(source: str | Path | bytes, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or ""
    path = Path(source)
    name = filename or path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise GongkaiError(f"找不到文件 {path}。", code="not_found") from None
    if size > MAX_BYTES:
        raise _too_big(size)
    try:
        return path.read_bytes(), name
    except OSError as exc:
        raise GongkaiError(f"无法读取文件 {path}：{exc.strerror}", code="unreadable") from None


def _too_big(size: int) -> GongkaiError:
    return GongkaiError(
        f"文件太大（{size / 1024 / 1024:.1f} MB），"
        f"请上传不超过 {MAX_BYTES // 1024 // 1024} MB 的文件。",
        code="too_big",
    )


def extract(source: str | Path | bytes, filename: str | None = None) -> ExtractedDocument:
    """Read a .docx, .pdf or .txt file (a path, or its bytes plus the original file name)."""
    data, name = _read_source(source, filename)
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    suffix = _suffix(name)
    if not data.strip():
        raise GongkaiError("文件是空的，没有可读取的内容。请检查后重新上传。", code="empty")
    if suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise GongkaiError(
            "这是旧版 Word（.doc）文件，无法直接读取。请在 Word 或 WPS 中“另存为”.docx 后再上传。",
            code="unsupported",
        )
    if suffix == ".docx" or (not suffix and data.startswith(b"PK")):
        from .docx import extract_docx

        doc = extract_docx(io.BytesIO(data))
    elif suffix == ".pdf" or (not suffix and data.startswith(b"%PDF")):
        from .pdf import extract_pdf

        doc = extract_pdf(io.BytesIO(data))
    elif suffix in (".txt", ".text", ".md", ""):
        doc = ExtractedDocument(text=decode_text(data), kind="txt")
    else:
        raise _unsupported(suffix)
    doc.filename = name
    if not doc.text.strip() and not any(
        any(c.strip() for c in r) for t in doc.tables for r in t.rows
    ):
        raise GongkaiError("文件里没有可读取的文字。请检查后重新上传。", code="empty")
    return doc


def _unsupported(suffix: str) -> GongkaiError:
    return GongkaiError(
        f"不支持“{suffix}”类型的文件。请上传 Word（.docx）、PDF 或纯文本（.txt）文件。",
        code="unsupported",
    )


def decode_text(data: bytes) -> str:
    """Decode plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    GB18030 is a superset of GBK and GB2312, the encodings Chinese Windows saves .txt files in.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise GongkaiError(
            "无法识别文本文件的编码。请另存为 UTF-8 编码的 .txt 文件后再上传。", code="encoding"
        ) from None

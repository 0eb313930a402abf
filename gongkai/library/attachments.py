"""Checking and reading uploaded attachments: type, size, and the text inside them.

The text goes through the secrecy check and into the search index, so a file whose text cannot
be read is refused with a message saying what to upload instead (nothing is saved).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from gongkai.core.errors import GongkaiError

TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
ALLOWED = "Word（.docx）、PDF、Excel（.xlsx）或图片（.jpg、.png）"


@dataclass
class Checked:
    name: str
    content_type: str
    text: str


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_MB", 50)) * 1024 * 1024


def content(data: bytes) -> ContentFile:
    return ContentFile(data)


def _unreadable(name: str, what: str) -> GongkaiError:
    return GongkaiError(f"无法读取附件“{name}”：{what}", code="unreadable", field="file")


def _xlsx_text(name: str, data: bytes) -> str:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise _unreadable(
            name, "文件可能已损坏，或并非 .xlsx 格式。请用 Excel 或 WPS 另存为 .xlsx 后再上传。"
        ) from None
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if any(c.strip() for c in cells):
                lines.append("\t".join(cells).rstrip())
    book.close()
    return "\n".join(lines)


def _image_check(name: str, data: bytes) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        raise _unreadable(
            name, "图片已损坏或格式与扩展名不符。请重新导出为 .jpg 或 .png。"
        ) from None


def read_upload(*, name: str, data: bytes) -> Checked:
    """Check an upload and extract its text; raise GongkaiError (Chinese) if it is unusable."""
    name = Path(name or "").name.strip()[:200]
    suffix = Path(name).suffix.lower()
    if suffix not in TYPES:
        shown = suffix or "无扩展名"
        raise GongkaiError(
            f"附件“{name}”的类型（{shown}）不能上传，请上传 {ALLOWED} 文件。",
            code="unsupported",
            field="file",
        )
    limit = max_bytes()
    if len(data) > limit:
        raise GongkaiError(
            f"附件“{name}”太大（{len(data) / 1024 / 1024:.1f} MB），"
            f"每个附件不能超过 {limit // 1024 // 1024} MB。",
            code="too_big",
            field="file",
        )
    if not data:
        raise _unreadable(name, "文件是空的。")
    try:
        text = _text_of(name, suffix, data)
    except GongkaiError as exc:
        if exc.message.startswith(f"无法读取附件“{name}”"):
            raise
        raise GongkaiError(f"附件“{name}”：{exc.message}", code=exc.code, field="file") from None
    return Checked(name=name, content_type=TYPES[suffix], text=text)


def _text_of(name: str, suffix: str, data: bytes) -> str:
    text = ""
    if suffix == ".docx":
        from gongkai.core.files.docx import extract_docx

        text = extract_docx(io.BytesIO(data)).text
    elif suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise _unreadable(name, "这不是 PDF 文件（文件可能已损坏或扩展名有误）。")
        from gongkai.core.files.pdf import extract_pdf

        text = extract_pdf(io.BytesIO(data)).text
    elif suffix == ".xlsx":
        text = _xlsx_text(name, data)
    else:
        _image_check(name, data)
    return text

"""PDF page text and ruled tables (pdfplumber). A PDF without a text layer is refused."""

from __future__ import annotations

from typing import IO

from gongkai.core.errors import GongkaiError

from .extract import ExtractedDocument, ExtractedTable

NO_TEXT = "该 PDF 没有可提取的文字（可能是扫描件），请上传含文字的 PDF 或 Word 文件。"


def _grid(raw: list[list[str | None]], page: int) -> ExtractedTable:
    """pdfplumber marks positions covered by a merged cell with None; which neighbour they belong
    to is not recorded, so take the cell above (task tables merge section cells downwards) and,
    in the first row, the cell to the left (a header spanning columns)."""
    width = max((len(r) for r in raw), default=0)
    rows: list[list[str]] = []
    origins: list[list[tuple[int, int]]] = []
    for r, raw_row in enumerate(raw):
        texts: list[str] = []
        where: list[tuple[int, int]] = []
        for c in range(width):
            value = raw_row[c] if c < len(raw_row) else None
            if value is None and r > 0:
                texts.append(rows[r - 1][c])
                where.append(origins[r - 1][c])
            elif value is None and c > 0:
                texts.append(texts[c - 1])
                where.append(where[c - 1])
            else:
                texts.append(" ".join((value or "").split()) if value else "")
                where.append((r, c))
        rows.append(texts)
        origins.append(where)
    return ExtractedTable(rows=rows, origins=origins, page=page)


def extract_pdf(stream: IO[bytes]) -> ExtractedDocument:
    import pdfplumber

    try:
        pdf = pdfplumber.open(stream)
        pages_text: list[str] = []
        tables: list[ExtractedTable] = []
        with pdf:
            count = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                pages_text.append(page.extract_text() or "")
                for raw in page.extract_tables():
                    if raw and any(any(cell for cell in row) for row in raw):
                        tables.append(_grid(raw, number))
    except GongkaiError:
        raise
    except Exception as exc:
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise GongkaiError(
                "这个 PDF 设置了密码，无法读取。请上传未加密的 PDF 或 Word 文件。",
                code="encrypted",
            ) from None
        raise GongkaiError(
            "无法打开这个 PDF 文件（文件可能已损坏）。请重新导出 PDF 或上传 Word 文件。",
            code="corrupt",
        ) from None
    text = "\n".join(pages_text)
    if not text.strip():
        raise GongkaiError(NO_TEXT, code="no_text")
    return ExtractedDocument(text=text, tables=tables, pages=count, kind="pdf")

"""Word (.docx) paragraphs and tables, merged cells resolved, in document order."""

from __future__ import annotations

from typing import IO

from gongkai.core.errors import GongkaiError

from .extract import ExtractedDocument, ExtractedTable


def _cell_text(cell) -> str:
    # Paragraphs inside a cell are lines of one cell; keep them apart with a space so that
    # "县政府办公室" and "县财政局" on two lines do not run together.
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def table_grid(table) -> ExtractedTable:
    """Every layout-grid position of a Word table, merged cells repeated (python-docx does the
    vertical "continue" lookup), with the origin of each merged cell."""
    rows: list[list[str]] = []
    origins: list[list[tuple[int, int]]] = []
    # Keyed by the <w:tc> element itself: holding the key keeps lxml's proxy alive, so the same
    # cell met again (a span) is the same key.
    seen: dict[object, tuple[int, int]] = {}
    for r, row in enumerate(table.rows):
        texts: list[str] = [""] * row.grid_cols_before
        where: list[tuple[int, int]] = [(r, c) for c in range(row.grid_cols_before)]
        for cell in row.cells:
            c = len(texts)
            origin = seen.setdefault(cell._tc, (r, c))
            texts.append(_cell_text(cell))
            where.append(origin)
        rows.append(texts)
        origins.append(where)
    width = max((len(r) for r in rows), default=0)
    for r, (texts, where) in enumerate(zip(rows, origins, strict=True)):
        for c in range(len(texts), width):
            texts.append("")
            where.append((r, c))
    return ExtractedTable(rows=rows, origins=origins)


def extract_docx(stream: IO[bytes]) -> ExtractedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(stream)
    except Exception:
        raise GongkaiError(
            "无法打开这个 Word 文件（文件可能已损坏，或并非 .docx 格式）。"
            "请用 Word 或 WPS 打开后另存为 .docx 再上传。",
            code="corrupt",
        ) from None
    lines: list[str] = []
    tables: list[ExtractedTable] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            grid = table_grid(block)
            tables.append(grid)
            lines.append("")
            # In the text the table reads like a web page's copy: tab-separated cells, a merged
            # cell's text only where it begins.
            lines.extend("\t".join(row) for row in grid.first_occurrence_rows())
            lines.append("")
    return ExtractedDocument(text="\n".join(lines), tables=tables, pages=1, kind="docx")

"""Text and table extraction shared by the whole project: .docx, .pdf and plain text.

    from gongkai.core.files import extract
    doc = extract(path_or_bytes, "工作要点.docx")
    doc.text      # the document's text, paragraphs one per line, tables as tab-separated rows
    doc.tables    # [ExtractedTable]: rows of cells, merged cells resolved (see ExtractedTable)
    doc.pages     # page count (PDF); 1 for .txt and .docx (Word does not store pages)

Bad input raises gongkai.core.errors.GongkaiError with a Chinese message saying what to upload.
"""

from .extract import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    ExtractedDocument,
    ExtractedTable,
    decode_text,
    extract,
)

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ExtractedDocument",
    "ExtractedTable",
    "decode_text",
    "extract",
]

"""Our JSON Lines format: one document per line, keyed by the import columns.

`document_record` is what an export writes and `library_import(format="jsonl")` reads back, so a
library exported here imports unchanged into another (the upper-level library, a new server).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from gongkai.library.models import Document

VALIDITY_LABELS = dict(Document.Validity.choices)
DISCLOSURE_LABELS = dict(Document.Disclosure.choices)


def _topic_label(document: Document) -> str:
    topic = document.topic
    if topic is None:
        return ""
    return f"{topic.parent.name}/{topic.name}" if topic.parent_id else topic.name


def document_record(document: Document) -> dict[str, Any]:
    """One document as a JSON-ready dict (select_related unit, topic, topic__parent first)."""

    def day(value):
        return value.isoformat() if value else ""

    return {
        "索引号": document.index_no,
        "标题": document.title,
        "发文字号": document.doc_number,
        "发布机构": document.unit.name,
        "成文日期": day(document.written_on),
        "发布日期": day(document.published_on),
        "主题分类": _topic_label(document),
        "体裁": document.genre,
        "主题词": document.keywords,
        "有效性": VALIDITY_LABELS.get(document.validity, document.validity),
        "公开属性": DISCLOSURE_LABELS.get(document.disclosure, document.disclosure),
        "不公开理由": document.disclosure_reason,
        "摘要": document.summary,
        "行政规范性文件": "是" if document.is_normative else "否",
        "施行日期": day(document.effective_from),
        "有效期至": day(document.effective_until),
        "正文": document.body,
    }


def export_jsonl(documents: Iterable[Document], stream: IO[str]) -> int:
    """Write documents as JSON Lines to a text stream; returns how many were written."""
    count = 0
    for document in documents:
        stream.write(json.dumps(document_record(document), ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count

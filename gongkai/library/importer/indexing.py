"""Handing imported documents to the library's search index, whatever shape it has today.

The library's search module (`gongkai.library.search_index`) owns how a document becomes an index
entry; the importer only says which documents changed. A batch entry point is used when the
module has one (a million documents one by one would take hours); otherwise each document is
handed over singly, the way the `library.reindex` job does.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from typing import Any

logger = logging.getLogger("gongkai.library.importer")


def _module():
    try:
        return importlib.import_module("gongkai.library.search_index")
    except ModuleNotFoundError as exc:
        if exc.name != "gongkai.library.search_index":
            raise
        return None


def index_documents(documents: Sequence[Any], *, new: bool = False) -> str:
    """Index (or re-index, or remove if not public) these documents now, inside the caller's
    transaction. `new`: they were just created by the import (indexed as they are in memory).
    Returns how: "batch", "each", or "none" (no search index installed)."""
    if not documents:
        return "none"
    module = _module()
    if module is None:
        logger.info("import: no library search index; %d documents not indexed", len(documents))
        return "none"
    batch = getattr(module, "index_documents", None)
    if callable(batch):
        batch(list(documents), new=new)
        return "batch"
    one = getattr(module, "document_changed", None)
    if callable(one):
        for document in documents:
            one(document.pk)
        return "each"
    return "none"

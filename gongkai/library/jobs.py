"""The library's background work: reindexing after changes, scheduled publication, expiry."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging

from gongkai.core.jobs import job, periodic

logger = logging.getLogger("gongkai.library")


@job("library.reindex")
def reindex(*, id: int) -> None:
    """Tell the search index a document's public state changed (if the index is installed)."""
    if importlib.util.find_spec("gongkai.library.search_index") is None:
        logger.info("library.reindex %s: no search index installed, nothing to do", id)
        return
    search_index = importlib.import_module("gongkai.library.search_index")
    search_index.document_changed(id)


@periodic("library.publish_scheduled", every=dt.timedelta(minutes=5))
def publish_scheduled(*, now: dt.datetime) -> int:
    from .services.workflow import publish_scheduled as run

    return run(now=now)


# Daily: a document whose 有效期至 has passed becomes 失效 (audited as 系统).
@periodic("library.expire", every=dt.timedelta(days=1))
def expire_documents(*, now: dt.datetime) -> int:
    from .services.workflow import expire_documents as run

    return run(now=now)

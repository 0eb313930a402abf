"""Full-text search for every app: one interface, SQLite FTS5 (default) or PostgreSQL tsvector.

An app declares its index once (module level) and feeds it entries::

    LIBRARY = SearchIndex(name="library", filters={"unit": int, "genre": str, ...},
                          date_field="published_on")
    index(LIBRARY, [IndexEntry(key="…", title="…", doc_number="…", body="…",
                               filters={"unit": 3, "genre": "通知"}, date=…)])
    remove(LIBRARY, ["…"])
    result = search(LIBRARY, "营商环境 -招标", filters={"unit": [3, 4]}, facets=["unit"])

Query language: words (all must occur), "exact phrase", -exclusion, a loose 发文字号
(`渠府办2021 54` puts 渠府办〔2021〕54号 first). Any query of two or more Chinese characters matches
exactly the documents containing it; one character is a prefix match. Highlighting is done from
the stored text with the query's runs, escaped, the same on both backends. See the modules'
docstrings for the design and docs/benchmarks.md for the figures.
"""

from .query import EMPTY_MESSAGE, parse_query
from .schema import Hit, IndexEntry, SearchIndex, SearchResult, get_index
from .services import (
    Progress,
    bulk,
    bulk_finish,
    bulk_start,
    index,
    prepare,
    reindex_all,
    remove,
    search,
)

__all__ = [
    "EMPTY_MESSAGE",
    "Hit",
    "IndexEntry",
    "Progress",
    "SearchIndex",
    "SearchResult",
    "bulk",
    "bulk_finish",
    "bulk_start",
    "get_index",
    "index",
    "parse_query",
    "prepare",
    "reindex_all",
    "remove",
    "search",
]

"""Chinese segmentation for the search index: jieba with the 政务公开 domain dictionary.

`tokens(text)` gives the tokens a document is indexed under; `query_tokens(text)` the tokens a
query must match. Both backends (SQLite FTS5, PostgreSQL `tsvector` with the `simple`
configuration) index the space-joined output of `tokens`, so they share one segmentation.

Why words *and* bigrams. jieba alone is not enough for search: how a string is cut depends on
its context, so a query word can be cut differently from the same characters inside a document
(基层政务公开 is one dictionary word; its search-mode parts are 基层/政务/公开, never 政务公开), and
a citizen who types any two characters expects to find every document containing them. So a
document is indexed under

1. the words of `jieba.cut_for_search` (whole domain terms such as 依申请公开 and their
   dictionary parts) — these let ranking prefer whole-word matches;
2. every overlapping character bigram of each run of Chinese characters, in order, followed by
   the run's last character (so that every character starts some token — see below);
3. every run of Latin letters/digits, lower-cased (12345, gdp, 2021).

A query is cut only into (2) and (3): each Chinese run of the query becomes its bigrams, which the
search layer matches as a phrase (consecutive positions), so a query matches exactly the documents
that contain it as a substring, whatever jieba does with the context. `query_phrases` returns the
runs separately for that purpose. A one-character query (税) becomes the character itself and
should be matched as a prefix (税*): every occurrence of a character either starts a bigram or
ends a run, and the run's last character is indexed for that reason. The cost is an index about
twice the size of words-only; the gain is that recall never depends on the dictionary.

HMM new-word discovery is off: it is slow and only affects which *extra* words are emitted, since
recall comes from the bigrams. Punctuation and spaces are dropped; text is NFKC-normalised
(full-width letters and digits fold to ASCII) and case-folded.

The tokenizer is built once per process, lazily and under a lock (jieba's dictionary takes about
a second to load); its cache file lives in `settings.VAR_DIR/cache` when Django is configured,
otherwise in the system temp directory. jieba's own logging is silenced.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
import unicodedata
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # jieba 0.42 has invalid escape sequences that warn when its modules are first compiled.
    warnings.simplefilter("ignore", DeprecationWarning)
    warnings.simplefilter("ignore", SyntaxWarning)
    import jieba

DICT_PATH = Path(__file__).with_name("dict") / "domain.txt"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
_RUNS = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
_WORD = re.compile(rf"^[{_CJK}0-9a-z]+$")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def _cache_dir() -> str:
    try:
        from django.conf import settings

        if settings.configured and getattr(settings, "VAR_DIR", None):
            path = Path(settings.VAR_DIR) / "cache"
            path.mkdir(parents=True, exist_ok=True)
            return str(path)
    except (ImportError, OSError):
        pass
    return tempfile.gettempdir()


def get_tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer with the domain dictionary loaded."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = _cache_dir()
                tokenizer.cache_file = "gongkai-jieba.cache"
                tokenizer.initialize()
                tokenizer.load_userdict(str(DICT_PATH))
                _tokenizer = tokenizer
    return _tokenizer


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def _run_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str, *, with_words: bool = True) -> list[str]:
    """Index tokens: jieba search-mode words, then bigrams (+ last character) of each Chinese run,
    and Latin/digit runs, in text order within each part.

    `with_words=False` skips jieba (about ten times faster): recall is the same, only ranking
    loses the whole-word signal — for bulk imports that reindex later."""
    text = normalise(text)
    if not text.strip():
        return []
    out = words(text) if with_words else []
    for m in _RUNS.finditer(text):
        run = m.group(1)
        if run:
            out.extend(_run_tokens(run))
            if len(run) > 1:
                out.append(run[-1])
        else:
            out.append(m.group(2))
    return out


def query_phrases(text: str) -> list[list[str]]:
    """One phrase per run of the query: a Chinese run's bigrams (to be matched at consecutive
    positions) or a single Latin/digit word. A one-character phrase is meant as a prefix."""
    phrases = []
    for m in _RUNS.finditer(normalise(text)):
        phrases.append(_run_tokens(m.group(1)) if m.group(1) else [m.group(2)])
    return phrases


def query_tokens(text: str) -> list[str]:
    """The distinct tokens a document must contain to match the query (empty for symbols only)."""
    seen: dict[str, None] = {}
    for phrase in query_phrases(text):
        seen.update(dict.fromkeys(phrase))
    return list(seen)


def words(text: str) -> list[str]:
    """jieba search-mode words of a text (for boosting whole-word matches and for highlighting)."""
    text = normalise(text)  # idempotent, so tokens() may pass normalised text
    return [w for w in get_tokenizer().cut_for_search(text, HMM=False) if _WORD.match(w)]

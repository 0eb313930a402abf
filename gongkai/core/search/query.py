"""The query language: words (all must match), "exact phrase", -exclusion, a loose 发文字号.

Each word or quoted phrase becomes one *phrase* of index tokens matched at consecutive positions
(see gongkai.core.text.segment): a Chinese run of n ≥ 2 characters is its n-1 bigrams, a run
that is followed by another run inside the same phrase also contributes its last character (the
index emits it at the end of every run), a Latin/digit run is one token. So `政务公开` matches
exactly the documents that contain 政务公开, and `"政务 公开"` the documents in which the run
政务 is followed by the run 公开 (punctuation and spaces between them do not count).

A word of one Chinese character (税) is matched as a prefix: every occurrence of a character
starts a bigram or ends a run, so `税*` finds every document containing 税. It is slower than a
two-character word (it merges every token that starts with the character), which is acceptable
for a rare kind of query; the portal's hint suggests two or more characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.core.errors import GongkaiError
from gongkai.core.text.docnumber import DocNumber, doc_number_query_forms
from gongkai.core.text.segment import normalise

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
RUNS = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』〝〞"})
_TERMS = re.compile(r'([-−])?"([^"]*)"?|(\S+)')
MAX_QUERY = 200
MAX_TERMS = 12

EMPTY_MESSAGE = "请输入要搜索的词语（汉字、字母或数字），例如：政务公开。"


@dataclass(frozen=True)
class Phrase:
    runs: tuple[str, ...]  # normalised runs, for highlighting

    @property
    def prefix(self) -> bool:
        return len(self.runs) == 1 and len(self.runs[0]) == 1 and not self.runs[0].isascii()

    @property
    def open_end(self) -> bool:
        """A phrase of several runs ending in one Chinese character (`渠府办〔2021〕54号`): that
        character is matched as a prefix too, since in a document it is often followed by more
        (`54号文件` is indexed as …54 号文 文件, with no token 号 alone)."""
        return len(self.runs) > 1 and len(self.runs[-1]) == 1 and not self.runs[-1].isascii()

    @property
    def tokens(self) -> list[str]:
        out: list[str] = []
        last = len(self.runs) - 1
        for i, run in enumerate(self.runs):
            if run.isascii() or len(run) == 1:
                out.append(run)
            else:
                out.extend(run[j : j + 2] for j in range(len(run) - 1))
                if i < last:
                    out.append(run[-1])
        return out


@dataclass
class Query:
    text: str
    include: list[Phrase] = field(default_factory=list)
    exclude: list[Phrase] = field(default_factory=list)
    doc_number: DocNumber | None = None

    @property
    def highlight_runs(self) -> list[str]:
        seen: dict[str, None] = {}
        for phrase in self.include:
            seen.update(dict.fromkeys(phrase.runs))
        return list(seen)


def _phrase(text: str) -> Phrase | None:
    runs = tuple(m.group(0) for m in RUNS.finditer(text))
    return Phrase(runs) if runs else None


def parse_query(text: str) -> Query:
    """Parse a search box's text; raise GongkaiError when nothing searchable is left."""
    raw = (text or "").strip()
    if len(raw) > MAX_QUERY:
        raise GongkaiError(
            f"搜索词过长（{len(raw)} 个字符），请不超过 {MAX_QUERY} 个字符。", code="query_too_long"
        )
    query = Query(text=raw, doc_number=doc_number_query_forms(raw) if raw else None)
    normal = normalise(raw).translate(_QUOTES)
    for m in _TERMS.finditer(normal):
        negative = bool(m.group(1))
        body = m.group(2) if m.group(2) is not None else m.group(3)
        if m.group(3) is not None and m.group(3)[0] in "-−" and len(m.group(3)) > 1:
            negative, body = True, m.group(3)[1:]
        phrase = _phrase(body)
        if phrase is None:
            continue
        target = query.exclude if negative else query.include
        if phrase not in target:
            target.append(phrase)
    if not query.include:
        if query.exclude:
            raise GongkaiError(
                "请至少输入一个要查找的词语；只有排除词（以“-”开头）时无法搜索。",
                code="empty_query",
            )
        raise GongkaiError(EMPTY_MESSAGE, code="empty_query")
    if len(query.include) + len(query.exclude) > MAX_TERMS:
        raise GongkaiError(f"搜索词太多，请不超过 {MAX_TERMS} 个。", code="query_too_long")
    return query


def doc_key(number: DocNumber | None) -> str:
    return f"{number.issuer_code}|{number.year}|{number.number}" if number else ""

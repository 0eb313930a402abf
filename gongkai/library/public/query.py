"""One way to find public documents, for the library page, the portal search box, the JSON API
and `gongkai library search`: read the reader's criteria (`LibraryParams`), then either the
full-text index (a query was typed) or the catalog in date order (no query).

Bad input never raises past this module: an unreadable date, an unknown unit code, a query of
symbols only come back as a Chinese message in ``Outcome.error`` and no results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.core import search
from gongkai.core.errors import GongkaiError
from gongkai.core.workdays.parsing import parse_date
from gongkai.orgs.models import Unit

from ..models import Document, Topic
from ..search_index import LIBRARY, has_public_interpretation
from ..selectors import documents_public

QUERY_MAX = 100
PER_PAGE = 20
MAX_PAGE = search.services.MAX_PAGE
FACETS = ("unit", "topic", "genre", "validity", "has_interpretation")
FACET_TITLES = {
    "unit": "发布机构",
    "topic": "主题分类",
    "genre": "体裁",
    "validity": "有效性",
    "has_interpretation": "政策解读",
}
SORTS = {"relevance": "相关度", "date": "发布日期"}
INTERP_LABELS = {True: "有解读", False: "无解读"}
FACET_CACHE_MIN = 5000  # documents; below this facet counts are always exact and fresh
FACET_CACHE_SECONDS = 300


# NUL and other control characters: PostgreSQL refuses NUL in text, and none is ever meaningful.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
INDEX_NO_MAX = 80


def clean_index_no(text: str) -> str | None:
    """A 索引号 from a URL, or None when it cannot be one (the caller answers 404)."""
    if not text or len(text) > INDEX_NO_MAX or _CONTROL.search(text):
        return None
    return text


@dataclass(frozen=True)
class LibraryParams:
    """What the reader asked for, as typed (strings), so it can be echoed back and linked."""

    q: str = ""
    unit: str = ""  # unit code
    topic: str = ""  # 主题分类 code: two digits a class, four a sub-class
    genre: str = ""
    validity: str = ""
    disclosure: str = ""
    interp: str = ""  # "1" with interpretation, "0" without
    date_from: str = ""
    date_to: str = ""
    sort: str = ""
    page: int = 1

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> LibraryParams:
        def get(key: str) -> str:
            value = data.get(key, "")
            if isinstance(value, list | tuple):
                value = value[0] if value else ""
            return " ".join(_CONTROL.sub(" ", str(value or "")).split())

        try:
            page = int(get("page") or 1)
        except ValueError:
            page = 1
        return cls(
            q=get("q")[:QUERY_MAX],
            unit=get("unit")[:40],
            topic=get("topic")[:8],
            genre=get("genre")[:8],
            validity=get("validity")[:12],
            disclosure=get("disclosure")[:12],
            interp=get("interp")[:1],
            date_from=get("from")[:20],
            date_to=get("to")[:20],
            sort=get("sort")[:10],
            page=max(1, min(page, MAX_PAGE)),
        )

    def as_query(self, **changes: Any) -> dict[str, str]:
        """The non-empty parameters as a URL query (page 1 unless given)."""
        values = replace(self, **{"page": 1, **changes})
        out = {
            "q": values.q,
            "unit": values.unit,
            "topic": values.topic,
            "genre": values.genre,
            "validity": values.validity,
            "disclosure": values.disclosure,
            "interp": values.interp,
            "from": values.date_from,
            "to": values.date_to,
            "sort": values.sort,
        }
        if values.page > 1:
            out["page"] = str(values.page)
        return {k: v for k, v in out.items() if v}

    def querystring(self, **changes: Any) -> str:
        query = self.as_query(**changes)
        return "?" + urlencode(query) if query else "?"

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and self.q:
            return self.sort
        return "relevance" if self.q else "date"

    @property
    def has_filters(self) -> bool:
        return any(
            (
                self.unit,
                self.topic,
                self.genre,
                self.validity,
                self.disclosure,
                self.interp,
                self.date_from,
                self.date_to,
            )
        )


@dataclass
class Item:
    document: Document
    title_html: SafeString
    snippet_html: SafeString
    by_doc_number: bool = False


@dataclass
class FacetValue:
    value: str  # as it goes in the URL
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue]


@dataclass
class Outcome:
    params: LibraryParams
    total: int = 0
    items: list[Item] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_PAGE
    error: str = ""
    searched: bool = False  # a full-text query was run (else the catalog by date)
    # False when the search counted only the newest matches and estimated the rest (shown as
    # “约”): a word found in a large share of a million documents is not counted one by one.
    total_exact: bool = True
    facets_exact: bool = True
    by_doc_number: bool = False  # the query was a 发文字号: its documents only (search.search)

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return (self.page - 1) * self.per_page + len(self.items)


@dataclass
class _Resolved:
    unit: Unit | None = None
    topic: Topic | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _resolve(region: Any, params: LibraryParams) -> _Resolved:
    """Turn the typed criteria into objects; GongkaiError (Chinese) for what cannot be used."""
    found = _Resolved()
    if params.unit:
        found.unit = Unit.objects.filter(region=region, code=params.unit).first()
        if found.unit is None:
            found.unit = Unit.objects.filter(
                Q(name=params.unit) | Q(short_name=params.unit), region=region
            ).first()
        if found.unit is None:
            raise GongkaiError(f"没有代码为“{params.unit}”的发布机构，请从列表中选择。")
    if params.topic:
        found.topic = (
            Topic.objects.filter(code=params.topic).first()
            or Topic.objects.filter(name=params.topic, parent__isnull=True).first()
        )
        if found.topic is None:
            raise GongkaiError(f"没有“{params.topic}”这个主题分类，请从列表中选择。")
    if params.genre and params.genre not in Document.Genre.values:
        raise GongkaiError(f"没有“{params.genre}”这种体裁，请从列表中选择。")
    if params.validity and params.validity not in Document.Validity.values:
        raise GongkaiError("有效性只能是现行有效、已修改、已废止或失效。")
    if params.disclosure and params.disclosure not in Document.Disclosure.values:
        raise GongkaiError("公开属性只能是主动公开、依申请公开或不予公开。")
    if params.interp and params.interp not in ("0", "1"):
        raise GongkaiError("政策解读条件只能是“有解读”或“无解读”。")
    for name, label in (("date_from", "开始日期"), ("date_to", "结束日期")):
        text = getattr(params, name)
        if text:
            date = parse_date(text)
            if date is None or not 1949 <= date.year <= 2099:
                raise GongkaiError(
                    f"{label}“{text}”不是有效日期，请写成 YYYY-MM-DD，如 2026-01-31。"
                )
            setattr(found, name, date)
    if found.date_from and found.date_to and found.date_from > found.date_to:
        raise GongkaiError("开始日期不能晚于结束日期。")
    if params.sort and params.sort not in SORTS:
        raise GongkaiError("排序方式只能是“相关度”或“发布日期”。")
    return found


def library_search(
    region: Any,
    params: LibraryParams,
    *,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> Outcome:
    """Public documents of ``region`` matching ``params``: one page, facet counts, snippets."""
    per_page = max(1, min(per_page, search.services.MAX_PER_PAGE))
    outcome = Outcome(params=params, page=params.page, per_page=per_page)
    if region is None:
        return outcome
    try:
        resolved = _resolve(region, params)
        if params.q:
            _full_text(region, params, resolved, outcome, with_facets)
        else:
            _catalog(region, params, resolved, outcome, with_facets)
    except GongkaiError as exc:
        outcome.error = exc.message
        outcome.items, outcome.total, outcome.facets = [], 0, []
    return outcome


# --- with a query: the full-text index ----------------------------------------------------------


def _index_filters(region: Any, params: LibraryParams, found: _Resolved) -> dict:
    filters: dict[str, Any] = {"region": region.pk}
    if found.unit is not None:
        filters["unit"] = found.unit.pk
    if found.topic is not None:
        filters["topic" if found.topic.parent_id is None else "subtopic"] = found.topic.pk
    for name in ("genre", "validity", "disclosure"):
        if getattr(params, name):
            filters[name] = getattr(params, name)
    if params.interp:
        filters["has_interpretation"] = params.interp == "1"
    return filters


def _full_text(region, params, found, outcome, with_facets) -> None:
    result = search.search(
        LIBRARY,
        params.q,
        filters=_index_filters(region, params, found),
        date_from=found.date_from,
        date_to=found.date_to,
        sort=params.effective_sort,
        page=params.page,
        per_page=outcome.per_page,
        facets=FACETS if with_facets else (),
    )
    outcome.searched = True
    outcome.total = result.total
    outcome.total_exact = result.total_exact
    outcome.facets_exact = result.facets_exact
    outcome.by_doc_number = result.by_doc_number
    ids = [int(h.key) for h in result.hits if h.key.isdigit()]
    # By primary key alone, and whether each is (still) public checked here: with the public
    # library's conditions in the query, SQLite walks the whole public-documents index (it has no
    # statistics to know that 20 ids are fewer) — 16 ms at 100,000 documents, 10× that at a
    # million. The list shows metadata and the index's snippet, never the body, so the bodies
    # (tens of KB each) are not read.
    documents = {
        d.pk: d
        for d in Document.objects.filter(pk__in=ids)
        .select_related("region", "unit")
        .defer("body", "body_text")
        if d.region_id == region.pk and d.is_public
    }
    for hit in result.hits:
        document = documents.get(int(hit.key)) if hit.key.isdigit() else None
        if document is None:  # taken down since it was indexed; the next reindex removes it
            continue
        outcome.items.append(
            Item(
                document=document,
                title_html=hit.title_html,
                snippet_html=hit.snippet_html or _summary_html(document),
                by_doc_number=hit.doc_number_match,
            )
        )
    if with_facets:
        outcome.facets = _facets(params, result.facets)


# --- without a query: the catalog, newest first -------------------------------------------------


def _catalog_queryset(region, params, found):
    qs = documents_public(
        region,
        unit=found.unit,
        topic=found.topic,
        genre=params.genre or None,
        validity=params.validity or None,
        published_from=found.date_from,
        published_to=found.date_to,
    )
    if params.disclosure and params.disclosure != Document.Disclosure.PROACTIVE:
        qs = qs.none()  # only 主动公开 documents are public
    if params.interp:
        qs = (
            qs.filter(has_public_interpretation())
            if params.interp == "1"
            else qs.exclude(has_public_interpretation())
        )
    return qs


def _catalog(region, params, found, outcome, with_facets) -> None:
    qs = _catalog_queryset(region, params, found)
    outcome.total = qs.count()
    start = (params.page - 1) * outcome.per_page
    page = list(qs.select_related("region")[start : start + outcome.per_page])
    outcome.items = [
        Item(document=d, title_html=escape(d.title), snippet_html=_summary_html(d)) for d in page
    ]
    if with_facets:
        outcome.facets = _facets(params, _cached_catalog_counts(region, params, qs, outcome.total))


def _cached_catalog_counts(region, params: LibraryParams, qs, total: int) -> dict[str, dict]:
    """Facet counts of a large catalog are kept for a few minutes: grouping a million rows five
    ways on every visit to the library's front page would cost more than the page itself.
    Small catalogs (every county's today) are always counted fresh."""
    if total < FACET_CACHE_MIN:
        return _catalog_counts(qs)
    criteria = params.as_query(q="", sort="")
    digest = hashlib.sha1(urlencode(sorted(criteria.items())).encode(), usedforsecurity=False)
    key = f"library:facets:{region.pk}:{digest.hexdigest()}"
    counts = cache.get(key)
    if counts is None:
        counts = _catalog_counts(qs)
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


def _catalog_counts(qs) -> dict[str, dict]:
    base = qs.order_by()
    counts: dict[str, dict] = {}
    counts["unit"] = {r["unit_id"]: r["n"] for r in base.values("unit_id").annotate(n=Count("id"))}
    counts["topic"] = {
        r["top"]: r["n"]
        for r in base.annotate(top=Coalesce("topic__parent_id", "topic_id"))
        .values("top")
        .annotate(n=Count("id"))
        if r["top"] is not None
    }
    counts["genre"] = {r["genre"]: r["n"] for r in base.values("genre").annotate(n=Count("id"))}
    counts["validity"] = {
        r["validity"]: r["n"] for r in base.values("validity").annotate(n=Count("id"))
    }
    with_interp = base.filter(has_public_interpretation()).count()
    total = base.count()
    counts["has_interpretation"] = {True: with_interp, False: total - with_interp}
    return counts


# --- shared -------------------------------------------------------------------------------------


def _summary_html(document: Document) -> SafeString:
    text = document.summary or document.body_text[:140]
    if len(document.body_text) > 140 and not document.summary:
        text += "…"
    return mark_safe(escape(" ".join(text.split())))  # noqa: S308 — escaped


LABELS_SECONDS = 60


def _labels() -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str, str]]]:
    """(code, label) of every unit and topic class by id, for facet values: two small tables
    read once a minute rather than twice per search (a renamed unit shows within a minute)."""
    key = "gongkai:library:facet-labels"
    found = cache.get(key)
    if found is None:
        units = {
            pk: (code, short or name)
            for pk, code, short, name in Unit.objects.values_list(
                "pk", "code", "short_name", "name"
            )
        }
        topics = {
            pk: (code, name) for pk, code, name in Topic.objects.values_list("pk", "code", "name")
        }
        found = (units, topics)
        cache.set(key, found, LABELS_SECONDS)
    return found


def _facets(params: LibraryParams, counts: dict[str, dict]) -> list[Facet]:
    units, topics = _labels()
    genres = dict(Document.Genre.choices)
    validities = dict(Document.Validity.choices)
    facets = []
    for name in FACETS:
        values = []
        for key, count in sorted(counts.get(name, {}).items(), key=lambda kv: (-kv[1], str(kv[0]))):
            if key is None or not count:
                continue
            if name in ("unit", "topic"):
                found = (units if name == "unit" else topics).get(int(key))
                if found is None:
                    continue
                value, label = found
            elif name == "genre":
                value, label = str(key), genres.get(key, str(key))
            elif name == "validity":
                value, label = str(key), validities.get(key, str(key))
            else:
                value, label = ("1" if key else "0"), INTERP_LABELS[bool(key)]
            current = params.interp if name == "has_interpretation" else getattr(params, name)
            values.append(FacetValue(value, label, count, current == value))
        facets.append(Facet(name, FACET_TITLES[name], values))
    return facets


def facet_param(name: str) -> str:
    return "interp" if name == "has_interpretation" else name

"""Which entries a query matches, against a reference that reads every entry's tokens.

The SQLite backend arranges a query's parts by how common each is (rarest tokens first, phrases
and filters checked only where the rarer parts already agree); PostgreSQL finds candidates by
their lexemes and confirms phrases. Whatever the arrangement, the set of matches must be exactly
what the query language says (gongkai.core.search.query): every word or phrase at consecutive
token positions within one field, none of the excluded ones, every filter, the date range.
"""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.search import IndexEntry, SearchIndex, backends, index, remove, search
from gongkai.core.search.backends import NOWHERE, meta_token, token_text
from gongkai.core.search.query import Phrase, parse_query
from gongkai.core.search.tokens import index_text

MATCH = SearchIndex(name="test_matching", filters={"unit": int, "kind": str}, date_field="date")

# A few characters that are everywhere, a few that are rare: the parts of a query then differ
# widely in how common they are, as in real prose.
COMMON = "政务公开工作"
RARE = "龘齉犇"
TEXT = COMMON * 3 + RARE + "，。 ab12"
START = dt.date(2024, 1, 1)

entries = st.lists(
    st.tuples(
        st.text(alphabet=TEXT, max_size=12),  # title
        st.text(alphabet=TEXT, max_size=60),  # body
        st.integers(1, 3),  # unit
        st.sampled_from(["通知", "意见"]),  # kind
        st.integers(0, 40),  # days after START
    ),
    min_size=1,
    max_size=25,
)
words = st.text(alphabet=COMMON + RARE + "ab", min_size=1, max_size=4)


def _fields(title: str, body: str) -> list[list[str]]:
    return [token_text(title, False).split(), [], token_text(body, False).split()]


def _found(phrase: Phrase, fields: list[list[str]]) -> bool:
    want = phrase.tokens
    n = len(want)
    for tokens in fields:
        for i in range(len(tokens) - n + 1):
            got = tokens[i : i + n]
            if phrase.prefix:
                if got[0].startswith(want[0]):
                    return True
            elif phrase.open_end:
                if got[:-1] == want[:-1] and got[-1].startswith(want[-1]):
                    return True
            elif got == want:
                return True
    return False


@pytest.fixture(params=[False, True], ids=["statistics", "every-lexeme-common"])
def common(request, monkeypatch):
    """On PostgreSQL the GIN query leaves out lexemes and filter values that the table's
    statistics call common (checked on the rows instead). A test database has no statistics;
    the second run says every lexeme is common, so that those paths are taken too."""
    if request.param:
        monkeypatch.setattr(backends, "lexeme_frequencies", lambda cursor: lambda lexeme: 0.9)
    return request.param


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    docs=entries,
    data=st.data(),
    units=st.lists(st.integers(1, 3), max_size=2, unique=True),
    kind=st.sampled_from([None, "通知"]),
    window=st.one_of(st.none(), st.tuples(st.integers(0, 40), st.integers(0, 40))),
)
def test_matches_are_exactly_what_the_query_says(docs, data, units, kind, window, common):
    # Words cut from the entries' own text (so that they are found, in some entries, as a
    # phrase or only as scattered bigrams), and a few made up.
    texts = [t for title, body, *_ in docs for t in (title, body) if len(t) >= 2]
    cut = (
        st.builds(
            lambda t, i, n: t[i : i + n],
            st.sampled_from(texts),
            st.integers(0, 50),
            st.integers(1, 6),
        )
        if texts
        else words
    )
    word = st.one_of(cut, cut, words).map(lambda w: w.replace(" ", "")).filter(bool)
    include = data.draw(st.lists(word, min_size=1, max_size=3))
    exclude = data.draw(st.lists(word, max_size=1))
    text = " ".join([*include, *(f"-{w}" for w in exclude)])
    try:
        parsed = parse_query(text)
    except GongkaiError:
        return  # nothing searchable in what was cut (punctuation only)
    filters = {}
    if units:
        filters["unit"] = units
    if kind:
        filters["kind"] = kind
    date_from = date_to = None
    if window:
        date_from, date_to = (START + dt.timedelta(days=d) for d in sorted(window))
    index(
        MATCH,
        [
            IndexEntry(
                key=f"e{i}",
                title=title,
                body=body,
                filters={"unit": unit, "kind": k},
                date=START + dt.timedelta(days=day),
            )
            for i, (title, body, unit, k, day) in enumerate(docs)
        ],
    )
    try:
        expected = set()
        for i, (title, body, unit, k, day) in enumerate(docs):
            fields = _fields(title, body)
            date = START + dt.timedelta(days=day)
            if (
                all(_found(p, fields) for p in parsed.include)
                and not any(_found(p, fields) for p in parsed.exclude)
                and (not units or unit in units)
                and (not kind or k == kind)
                and (date_from is None or date_from <= date <= date_to)
            ):
                expected.add(f"e{i}")
        result = search(
            MATCH, text, filters=filters, date_from=date_from, date_to=date_to, per_page=100
        )
        assert {h.key for h in result.hits} == expected
        assert result.total == len(expected)
    finally:
        remove(MATCH, [f"e{i}" for i in range(len(docs))])


@settings(deadline=None)  # the first example loads jieba's dictionary
@given(st.text(), st.text())
def test_no_text_yields_the_token_that_stops_fts5_flattening(head, tail):
    # The SQLite matcher nests parts as `((a) NOT "ǂ") AND b`: correct only if no entry holds ǂ.
    text = f"{head}{NOWHERE}{tail}"
    assert NOWHERE not in index_text(text).split()
    assert NOWHERE not in token_text(text, True).split()


@pytest.mark.django_db
def test_a_filter_is_not_met_by_text_that_spells_its_token():
    # Filters are tokens in the index too (`meta`); a body that happens to spell one (a code in
    # a table, say) must not pass for an entry with that filter value.
    spelled = meta_token(MATCH.column("unit"), 2)
    index(
        MATCH,
        [
            IndexEntry(key="u1", title="政务公开", body=f"编号 {spelled}", filters={"unit": 1}),
            IndexEntry(key="u2", title="政务公开", body="正文", filters={"unit": 2}),
        ],
    )
    assert [h.key for h in search(MATCH, "政务公开", filters={"unit": 2}).hits] == ["u2"]
    assert [h.key for h in search(MATCH, spelled, filters={"unit": 2}).hits] == []
    assert [h.key for h in search(MATCH, spelled).hits] == ["u1"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["政务公开", "龘"])
def test_matches_are_read_newest_first_in_slices_across_the_years(query):
    # PostgreSQL reads month windows sized by what the earlier ones found (backends
    # ._PostgresMatcher), SQLite one FTS5 walk: either way every slice is the next newest (or
    # oldest) matches, over five years of entries, some months empty.
    from django.db import connection

    from gongkai.core.search import ids
    from gongkai.core.search.backends import get_backend

    dates = [START + dt.timedelta(days=23 * i) for i in range(80)]
    index(
        MATCH,
        [
            IndexEntry(key=f"y{i}", title="政务公开" + ("龘" if i % 7 == 0 else ""), date=date)
            for i, date in enumerate(dates)
        ],
    )
    matching = [f"y{i}" for i in range(80) if query == "政务公开" or i % 7 == 0]
    newest_first = sorted(matching, key=lambda k: (dates[int(k[1:])], k), reverse=True)
    backend = get_backend()
    with connection.cursor() as cursor:
        number = ids.index_number(cursor, MATCH.name, create=False)
        lo, hi = ids.id_range(number, None, None)
        cursor.execute("SELECT id, key FROM core_searchdoc WHERE index_name = %s", [MATCH.name])
        key_of = dict(cursor.fetchall())
        for want in (1, 2, 5, 9, 30, 100):
            matcher = backend.matcher(cursor, MATCH, number, parse_query(query), {}, lo, hi, [])
            got = [key_of[i] for i in matcher.fetch(want)]
            assert got == newest_first[:want]
            if got:
                before = next(i for i, k in key_of.items() if k == got[-1])
                more = [key_of[i] for i in matcher.fetch(want, before=before)]
                assert more == newest_first[len(got) : len(got) + want]
            oldest = [key_of[i] for i in matcher.fetch(want, ascending=True)]
            assert oldest == newest_first[::-1][:want]

"""The index's fast tokenizer gives exactly the tokens of gongkai.core.text.segment, and the
contentless FTS5 index never keeps a word of a text that was changed or removed."""

import datetime as dt

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.search import IndexEntry, SearchIndex, index, remove, search
from gongkai.core.search.tokens import index_text, is_plain
from gongkai.core.text import segment

TOK = SearchIndex(name="test_tokens", filters={"unit": int, "kind": str, "flag": bool})

# Government prose, and every kind of character normalisation can change: full-width letters
# and digits, circled numbers, compatibility ideographs, Kangxi radicals, combining accents,
# ligatures, ß, Hangul jamo, astral ideographs.
TRICKY = (
    "政务公开，。、（）《》“”—…·ＧＤＰ１２ｇ①⑴㈠Ⅻ℃№豈更⼀⺟"
    "e\u0301\u0308ﬁßKµ\u1100\u1161가𠀀〇〸 \n\tA-Z09"
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "依申请公开，办理时限为二十个工作日。",
        "全县ＧＤＰ增长１２．５％，①项目②资金",
        "渠府办〔2021〕54号 GDP/12345热线 Café cafe\u0301",
        "豈更車 ⼀⼆ 〸〹 ﬁle Straße",
    ],
)
def test_fast_tokens_equal_segment_tokens(text):
    assert index_text(text) == " ".join(segment.tokens(text, with_words=False))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=60))
def test_fast_tokens_equal_segment_tokens_on_any_text(text):
    assert index_text(text) == " ".join(segment.tokens(text, with_words=False))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_fast_tokens_equal_segment_tokens_on_arbitrary_unicode(text):
    assert index_text(text) == " ".join(segment.tokens(text, with_words=False))


@pytest.mark.parametrize(
    ("ch", "plain"),
    [("政", True), ("，", True), ("（", True), ("A", True), ("１", False), ("①", False)],
)
def test_which_characters_skip_normalisation(ch, plain):
    assert is_plain(ch) is plain


def _fts_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_searchfts_docsize")
        return cursor.fetchone()[0]


def _doc_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_searchdoc")
        return cursor.fetchone()[0]


ENTRY = IndexEntry(
    key="a",
    title="关于优化营商环境的通知",
    body="持续优化营商环境。",
    filters={"unit": 1, "kind": "通知", "flag": True},
    date=dt.date(2024, 3, 1),
)


def _changed(**changes):
    return IndexEntry(**{**ENTRY.__dict__, **changes})


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"title": "关于乡村振兴的通知", "body": "推进乡村振兴。"},
            [("营商", {}, []), ("乡村振兴", {}, ["a"]), ("乡村", {"unit": 1}, ["a"])],
        ),
        (
            {"filters": {"unit": 2, "kind": "意见", "flag": False}},
            [
                ("营商", {"unit": 2}, ["a"]),
                ("营商", {"unit": 1}, []),
                ("营商", {"kind": "通知"}, []),
                ("营商", {"kind": "意见", "flag": False}, ["a"]),
                ("营商", {"flag": True}, []),
            ],
        ),
        ({"date": dt.date(2020, 1, 1)}, [("营商", {}, ["a"]), ("营商", {"unit": 1}, ["a"])]),
        (
            {"body": "低保申请。", "filters": {"unit": 3}},
            [("持续", {}, []), ("低保", {"unit": 3}, ["a"]), ("营商", {"unit": 1}, [])],
        ),
    ],
)
def test_changed_entries_leave_no_stale_words(db, change, expected):
    index(TOK, [ENTRY])
    index(TOK, [_changed(**change)])
    for query, filters, keys in expected:
        assert [h.key for h in search(TOK, query, filters=filters).hits] == keys, (query, filters)
    if connection.vendor == "sqlite":
        assert _fts_rows() == _doc_rows() == 1


def test_removed_entries_leave_no_words(db):
    index(TOK, [ENTRY, _changed(key="b", title="另一份营商环境文件")])
    remove(TOK, ["a", "b"])
    assert search(TOK, "营商").total == 0
    if connection.vendor == "sqlite":
        assert _fts_rows() == _doc_rows() == 0


def test_fts_index_heals_when_rows_vanish_behind_its_back(db):
    index(TOK, [ENTRY])
    with connection.cursor() as cursor:  # someone deletes the rows by hand
        cursor.execute("DELETE FROM core_searchtext")
        cursor.execute("DELETE FROM core_searchdoc")
    index(TOK, [_changed(key="c", title="关于乡村振兴的通知", body="推进乡村振兴。")])
    assert search(TOK, "营商").total == 0  # the new row took the old id: no ghost words
    assert [h.key for h in search(TOK, "乡村振兴").hits] == ["c"]
    if connection.vendor == "sqlite":
        assert _fts_rows() == _doc_rows() == 1


def test_all_the_bigrams_of_a_word_out_of_order_are_not_a_match(db):
    """PostgreSQL finds candidates by their bigrams in any order, then confirms the phrase."""
    scattered = IndexEntry(key="s", title="营商之商环与环境", body="", date=dt.date(2024, 1, 2))
    index(TOK, [ENTRY, scattered])
    result = search(TOK, "营商环境", facets=["unit"])
    assert [h.key for h in result.hits] == ["a"]
    assert result.total == 1 and result.facets == {"unit": {1: 1}}
    assert [h.key for h in search(TOK, "营商 -营商环境").hits] == ["s"]
    assert [h.key for h in search(TOK, "商环与").hits] == ["s"]


def test_tokens_prepared_ahead_are_used_only_for_their_own_text(db):
    from gongkai.core.search import prepare

    stale = prepare(IndexEntry(key="p", title="关于乡村振兴的通知"))
    index(TOK, [IndexEntry(key="p", title="关于营商环境的通知", prepared=stale)])
    assert [h.key for h in search(TOK, "营商环境").hits] == ["p"]
    assert search(TOK, "乡村振兴").total == 0
    fresh = IndexEntry(key="q", title="关于低保申请的通知")
    index(TOK, [IndexEntry(**{**fresh.__dict__, "prepared": prepare(fresh)})])
    assert [h.key for h in search(TOK, "低保").hits] == ["q"]

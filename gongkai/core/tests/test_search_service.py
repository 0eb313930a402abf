"""gongkai.core.search through its service functions, on whichever backend the suite runs on."""

import datetime as dt

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.core.search import IndexEntry, SearchIndex, index, reindex_all, remove, search

LIB = SearchIndex(
    name="test_library",
    filters={
        "region": int,
        "unit": int,
        "topic": int,
        "genre": str,
        "validity": str,
        "disclosure": str,
        "has_interpretation": bool,
    },
    date_field="published_on",
)
OTHER = SearchIndex(name="test_other", filters={"unit": int})

DOCS = [
    IndexEntry(
        key="d1",
        title="示范县人民政府办公室关于进一步做好基层政务公开标准化规范化工作的通知",
        doc_number="渠府办〔2021〕54号",
        body="各乡镇人民政府，县政府各部门：为深入推进基层政务公开标准化规范化建设，现就有关事项通知如下。"
        "一、提高认识。二、依申请公开工作要依法办理。",
        filters={
            "region": 1,
            "unit": 10,
            "topic": 3,
            "genre": "通知",
            "validity": "现行有效",
            "disclosure": "主动公开",
            "has_interpretation": True,
        },
        date=dt.date(2021, 5, 20),
    ),
    IndexEntry(
        key="d2",
        title="示范县优化营商环境实施方案",
        doc_number="渠府发〔2022〕3号",
        body="为持续优化营商环境，激发市场主体活力，制定本方案。政务服务“一网通办”全面推行。",
        filters={
            "region": 1,
            "unit": 11,
            "topic": 7,
            "genre": "方案",
            "validity": "现行有效",
            "disclosure": "主动公开",
            "has_interpretation": False,
        },
        date=dt.date(2022, 3, 1),
    ),
    IndexEntry(
        key="d3",
        title="关于2023年度政府信息公开工作年度报告的公告",
        doc_number="渠府办函〔2024〕7号",
        body="本报告根据《中华人民共和国政府信息公开条例》编制。全年主动公开政府信息1200条，"
        "受理依申请公开45件。营商环境相关信息单独列示。",
        filters={
            "region": 1,
            "unit": 10,
            "topic": 3,
            "genre": "公告",
            "validity": "现行有效",
            "disclosure": "主动公开",
            "has_interpretation": False,
        },
        date=dt.date(2024, 1, 15),
    ),
    IndexEntry(
        key="d4",
        title="示范县城乡居民最低生活保障办法",
        doc_number="渠府规〔2019〕2号",
        body="第一条 为规范最低生活保障工作，根据有关规定，制定本办法。"
        "第二条 本办法自发布之日起施行。"
        "申请低保应当向户籍所在地乡镇人民政府提出。",
        filters={
            "region": 1,
            "unit": 12,
            "topic": 9,
            "genre": "办法",
            "validity": "已废止",
            "disclosure": "主动公开",
            "has_interpretation": True,
        },
        date=dt.date(2019, 8, 8),
    ),
]


@pytest.fixture
def library(db):
    index(LIB, DOCS)
    return LIB


def keys(result):
    return [h.key for h in result.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("营商", {"d2", "d3"}),  # a two-character word, in a title and in a body
        ("低保", {"d4"}),
        ("政务公开", {"d1"}),
        ("公开", {"d1", "d3"}),
        ("营商环境 方案", {"d2"}),  # words: all must occur
        ("营商 -报告", {"d2"}),  # exclusion
        ('"依申请公开"', {"d1", "d3"}),
        ('"政务服务 一网通办"', {"d2"}),  # a phrase across punctuation
        ('"营商 方案"', set()),  # not adjacent anywhere
        ("信息公开条例", {"d3"}),
        ("1200", {"d3"}),
        ("ＧＤＰ", set()),
        ("环境营商", set()),  # the same characters in another order are not a match
        ("网", {"d2"}),  # one character: prefix match over the index
    ],
)
def test_queries_find_exactly_the_documents_that_contain_them(library, query, expected):
    assert set(keys(search(library, query))) == expected


def test_title_and_doc_number_rank_above_body(library):
    result = search(library, "营商环境")
    assert keys(result) == ["d2", "d3"]  # d2 has it in the title, d3 only in the body
    assert result.hits[0].score > result.hits[1].score


@pytest.mark.parametrize(
    "query",
    [
        "渠府办2021 54",
        "渠府办〔2021〕54号",
        "渠府办[2021]54号",
        "渠府办 2021 54号",
        "渠府办2021年54号",
    ],
)
def test_loose_doc_number_puts_its_document_first(library, query):
    result = search(library, query)
    assert keys(result)[0] == "d1"
    assert result.hits[0].doc_number_match
    assert result.total == len(result.hits)  # counted once even when the text also matches


def test_a_bare_doc_number_finds_its_document_and_a_quoted_one_finds_who_cites_it(library):
    index(
        library,
        [
            IndexEntry(
                key="cites",
                title="关于废止部分文件的通知",
                body="经清理，决定废止渠府办〔2021〕54号文件。",
                filters={"region": 1, "unit": 10},
                date=dt.date(2024, 6, 1),
            )
        ],
    )
    bare = search(library, "渠府办2021 54")
    assert keys(bare) == ["d1"] and bare.by_doc_number and bare.total == 1
    quoted = search(library, '"渠府办〔2021〕54号"')
    assert not quoted.by_doc_number and "cites" in keys(quoted)
    # A number that no document carries is searched as words, as before.
    missing = search(library, "渠府办2021 99")
    assert not missing.by_doc_number and keys(missing) == []


def test_doc_number_respects_filters(library):
    assert keys(search(library, "渠府办2021 54", filters={"unit": 11})) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"unit": 10}, {"d1", "d3"}),
        ({"unit": [10, 11]}, {"d1", "d2", "d3"}),
        ({"genre": "通知"}, {"d1"}),
        ({"validity": "已废止"}, {"d4"}),
        ({"has_interpretation": True}, {"d1", "d4"}),
        ({"has_interpretation": False, "unit": 10}, {"d3"}),
        ({"unit": None, "genre": ""}, {"d1", "d2", "d3", "d4"}),  # empty filters are ignored
    ],
)
def test_filters(library, filters, expected):
    # 政府 occurs in d1, d3 and d4; 方案 only in d2
    assert set(keys(search(library, "政府", filters=filters))) == expected & {"d1", "d3", "d4"}
    assert set(keys(search(library, "方案", filters=filters))) == expected & {"d2"}


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (dt.date(2021, 1, 1), None, {"d1", "d3"}),
        (None, dt.date(2021, 5, 20), {"d1", "d4"}),
        (dt.date(2021, 5, 21), dt.date(2023, 12, 31), set()),
        (dt.date(2010, 1, 1), dt.date(2030, 1, 1), {"d1", "d3", "d4"}),
    ],
)
def test_date_range_is_inclusive(library, date_from, date_to, expected):
    result = search(library, "政府", date_from=date_from, date_to=date_to)
    assert set(keys(result)) == expected
    assert result.total == len(expected)


def test_sort_by_date_newest_first(library):
    assert keys(search(library, "政府", sort="date")) == ["d3", "d1", "d4"]


def test_paging(library):
    first = search(library, "政府", sort="date", per_page=2)
    second = search(library, "政府", sort="date", per_page=2, page=2)
    assert first.total == second.total == 3
    assert keys(first) + keys(second) == ["d3", "d1", "d4"]
    assert first.pages == 2


def test_facets_count_the_filtered_result_set(library):
    result = search(library, "政府", facets=["unit", "genre", "has_interpretation"])
    assert result.facets == {
        "unit": {10: 2, 12: 1},
        "genre": {"公告": 1, "办法": 1, "通知": 1},
        "has_interpretation": {True: 2, False: 1},
    }
    narrowed = search(library, "政府", filters={"unit": 10}, facets=["genre"])
    assert narrowed.facets == {"genre": {"公告": 1, "通知": 1}}


def test_highlighting_marks_terms_and_escapes_text(db):
    index(
        LIB,
        [
            IndexEntry(
                key="x",
                title="关于<script>alert(1)</script>营商环境的通知",
                body="前言。优化营商环境是一项系统工程 <b>加粗</b> & 其他。",
                date=dt.date(2024, 1, 1),
            )
        ],
    )
    hit = search(LIB, "营商环境").hits[0]
    assert hit.title_html == (
        "关于&lt;script&gt;alert(1)&lt;/script&gt;<mark>营商环境</mark>的通知"
    )
    assert "<mark>营商环境</mark>" in hit.snippet_html
    assert "&lt;b&gt;加粗&lt;/b&gt; &amp; 其他" in hit.snippet_html
    assert "<script>" not in hit.snippet_html + hit.title_html


def test_highlight_maps_fullwidth_text_back_to_the_original(db):
    index(LIB, [IndexEntry(key="w", title="ＧＤＰ增长与１２３４５热线", body="")])
    hit = search(LIB, "gdp 12345").hits[0]
    assert hit.title_html == "<mark>ＧＤＰ</mark>增长与<mark>１２３４５</mark>热线"


def test_snippet_is_short_and_starts_near_the_match(db):
    body = "无关内容。" * 200 + "这里提到低保申请条件。" + "其他内容。" * 200
    index(LIB, [IndexEntry(key="long", title="标题", body=body)])
    snippet = search(LIB, "低保").hits[0].snippet_html
    assert snippet.startswith("…这里提到<mark>低保</mark>申请条件")
    assert len(snippet) < 200


def test_update_in_place_and_idempotent(library):
    assert index(LIB, DOCS) == 0  # nothing changed, nothing rewritten
    changed = IndexEntry(
        key="d2",
        title="示范县乡村振兴实施方案",
        doc_number="渠府发〔2022〕3号",
        body="推进乡村振兴。",
        filters={"unit": 13},
        date=dt.date(2022, 3, 1),
    )
    assert index(LIB, [changed]) == 1
    assert keys(search(LIB, "营商环境")) == ["d3"]
    assert keys(search(LIB, "乡村振兴")) == ["d2"]
    assert keys(search(LIB, "乡村", filters={"unit": 13})) == ["d2"]
    assert keys(search(LIB, "乡村", filters={"unit": 11})) == []


def test_filter_only_change_keeps_text_searchable(library):
    moved = DOCS[3].__class__(**{**DOCS[3].__dict__, "filters": {"unit": 99, "genre": "办法"}})
    assert index(LIB, [moved]) == 1
    assert keys(search(LIB, "低保", filters={"unit": 99})) == ["d4"]
    assert keys(search(LIB, "低保", filters={"unit": 12})) == []


def test_remove(library):
    assert remove(LIB, ["d2", "missing"]) == 1
    assert remove(LIB, ["d2"]) == 0
    assert keys(search(LIB, "营商")) == ["d3"]
    assert search(LIB, "营商", facets=["unit"]).facets == {"unit": {10: 1}}


def test_indexes_are_separate(library):
    index(OTHER, [IndexEntry(key="d1", title="营商环境另一索引", filters={"unit": 10})])
    assert keys(search(OTHER, "营商")) == ["d1"]
    assert set(keys(search(LIB, "营商"))) == {"d2", "d3"}
    remove(OTHER, ["d1"])
    assert set(keys(search(LIB, "营商"))) == {"d2", "d3"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入要搜索的词语"),
        ("   ", "请输入要搜索的词语"),
        ("，。！？——……", "请输入要搜索的词语"),
        ('"" *** ()', "请输入要搜索的词语"),
        ("-营商", "只有排除词"),
        ("营" * 201, "搜索词过长"),
    ],
)
def test_unsearchable_queries_get_a_clear_message(library, query, message):
    with pytest.raises(GongkaiError) as exc:
        search(library, query)
    assert message in exc.value.message


def test_reversed_date_range_is_refused(library):
    with pytest.raises(GongkaiError, match="开始日期不能晚于结束日期"):
        search(library, "政府", date_from=dt.date(2024, 1, 1), date_to=dt.date(2020, 1, 1))


def test_fts_syntax_in_queries_is_just_text(library):
    for query in ["营商 AND", "NEAR(营商)", "营商 OR 低保", "营商*", "title:营商", "'营商'"]:
        result = search(library, query)
        assert result.total >= 0


def test_reindex_all_replaces_the_index_and_reports_progress(library):
    seen = []
    fresh = [DOCS[0], IndexEntry(key="d5", title="新增的营商文件", date=dt.date(2024, 6, 1))]
    final = reindex_all(LIB, iter(fresh), batch=1, progress=lambda p: seen.append(p.done))
    assert seen == [1, 2]
    assert final.done == 2
    assert set(keys(search(LIB, "营商"))) == {"d5"}  # d2 and d3 were not given: removed
    assert keys(search(LIB, "政务公开")) == ["d1"]


def test_changing_the_date_moves_the_entry(library):
    moved = IndexEntry(**{**DOCS[3].__dict__, "date": dt.date(2025, 1, 1)})
    assert index(LIB, [moved]) == 1
    assert keys(search(LIB, "政府", sort="date")) == ["d4", "d3", "d1"]
    assert keys(search(LIB, "低保", date_from=dt.date(2025, 1, 1))) == ["d4"]
    assert search(LIB, "低保", date_to=dt.date(2024, 12, 31)).total == 0


def test_big_result_sets_are_bounded_and_paging_stays_consistent(db, monkeypatch):
    from gongkai.core.search import services

    monkeypatch.setattr(services, "COUNT_EXACT", 5)
    monkeypatch.setattr(services, "CANDIDATES", 8)
    monkeypatch.setattr(services, "FACET_SAMPLE", 4)
    entries = [
        IndexEntry(
            key=f"e{i}",
            title="营商环境" if i % 7 == 0 else f"第{i}号文件",
            body="优化营商环境。" * (1 + i % 3),
            filters={"unit": i % 2},
            date=dt.date(2020, 1, 1) + dt.timedelta(days=10 * i),
        )
        for i in range(20)
    ]
    index(LIB, entries)
    seen = []
    for page in range(1, 5):
        seen += keys(search(LIB, "营商环境", per_page=6, page=page))
    assert sorted(seen) == sorted(e.key for e in entries)  # every match once, none twice
    first = search(LIB, "营商环境", per_page=6, facets=["unit"])
    assert not first.total_exact and not first.facets_exact
    assert 15 <= first.total <= 25  # estimated from the dates of the newest matches
    assert sum(first.facets["unit"].values()) == pytest.approx(first.total, abs=2)
    # Relevance ranks the newest CANDIDATES matches (e19…e12): the title match e14 comes first.
    assert keys(first)[0] == "e14"
    assert keys(search(LIB, "营商环境", sort="date", per_page=3)) == ["e19", "e18", "e17"]

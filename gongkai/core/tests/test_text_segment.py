"""Segmentation for search: domain words stay whole, any two characters are findable."""

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.text import segment
from gongkai.core.text.segment import query_phrases, query_tokens, tokens


@pytest.mark.parametrize(
    "word",
    [
        "依申请公开",
        "主动公开",
        "政务公开",
        "行政规范性文件",
        "政务新媒体",
        "政策解读",
        "政府信息公开",
        "双随机一公开",
        "12345热线",
        "营商环境",
        "放管服",
        "一网通办",
        "三同步",
        "重大行政决策",
    ],
)
def test_domain_words_stay_whole(word):
    sentence = f"各单位要认真做好{word}相关工作，确保按期完成。"
    assert word in segment.words(sentence)
    assert word in tokens(sentence)


def test_a_two_character_word_inside_a_compound_is_findable():
    doc = tokens("全面推进基层政务公开标准化规范化建设")
    for query in ["政务", "务公", "公开", "标准", "基层政务"]:
        assert set(query_tokens(query)) <= set(doc), query


def test_punctuation_and_spaces_are_ignored():
    assert tokens("依申请公开，，。！《》「」……  ") == tokens("依申请公开")
    assert query_tokens("！！！……") == []
    assert tokens("") == []
    assert all(t.strip() and t.isalnum() for t in tokens("“政务公开”——（2021年）、GDP/12345热线！"))


def test_latin_letters_and_full_width_digits_are_folded():
    assert "gdp" in tokens("全县ＧＤＰ增长")
    assert "2021" in tokens("２０２１年")
    assert query_tokens("GDP") == ["gdp"]


def test_query_phrases_keep_each_run_in_order():
    assert query_phrases("政务公开 2021年 税") == [
        ["政务", "务公", "公开"],
        ["2021"],
        ["年"],
        ["税"],
    ]
    assert query_tokens("公开公开") == ["公开", "开公"]


def test_every_character_of_a_document_can_be_reached_by_a_prefix():
    """A one-character query is matched as a prefix: each character starts a token."""
    doc = tokens("县税务局公布个税", with_words=False)
    for ch in "县税务局公布个":
        assert any(t.startswith(ch) for t in doc), ch
    assert "税" in doc  # the last character of the run is indexed by itself


def test_without_words_recall_is_the_same():
    text = "依申请公开的办理时限为二十个工作日"
    fast = set(tokens(text, with_words=False))
    assert set(query_tokens("申请公开")) <= fast
    assert "依申请公开" not in fast


CJK = st.text(
    alphabet="政务公开依申请主动行政规范性文件解读县人民政府营商环境信息", min_size=2, max_size=40
)


@settings(max_examples=50, deadline=None)
@given(CJK, st.data())
def test_any_substring_of_two_or_more_characters_matches(text, data):
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    doc = set(tokens(f"关于{text}的通知"))
    assert set(query_tokens(text[start:end])) <= doc


def test_initialisation_is_shared_between_threads():
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(segment.get_tokenizer())) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(r) for r in results}) == 1

"""Invariants of the search index, on whichever backend the suite runs on."""

import re

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.search import IndexEntry, SearchIndex, index, remove, search
from gongkai.core.search.highlight import _SPACE

PROPS = SearchIndex(name="test_props", filters={"unit": int})

# Common characters of government prose plus a few rare ones, punctuation and Latin/digits.
HAN = (
    "政务公开信息依申请府办县人民关于工作通知方案实施意见营商环境保障低保乡镇街道税收财政预算决算"
    + "龘齉"
)
OTHER = "，。、；：“”《》（）〔〕 -/ABCxyz0123456789"

titles = st.text(alphabet=HAN + OTHER, min_size=2, max_size=40).filter(
    lambda t: re.search(f"[{HAN}]{{2}}", t)
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=titles, data=st.data())
def test_any_two_or_more_han_substring_of_a_title_finds_it(title, data):
    runs = [m.group(0) for m in re.finditer(f"[{HAN}]{{2,}}", title)]
    run = data.draw(st.sampled_from(runs))
    start = data.draw(st.integers(0, len(run) - 2))
    end = data.draw(st.integers(start + 2, len(run)))
    needle = run[start:end]
    index(PROPS, [IndexEntry(key="t", title=title, body="无关的正文。")])
    try:
        result = search(PROPS, needle)
        assert [h.key for h in result.hits] == ["t"]
        html = result.hits[0].title_html
        assert "<mark>" in html
        # Runs of white space show as one space (as a browser would show them anyway).
        assert re.sub(r"</?mark>", "", html) == escape(_SPACE.sub(" ", title))
        quoted = search(PROPS, f'"{needle}"')
        assert [h.key for h in quoted.hits] == ["t"]
    finally:
        remove(PROPS, ["t"])


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(min_size=1, max_size=60),
    body=st.text(max_size=300),
    query=st.text(alphabet=HAN + "<>&\"' -", min_size=1, max_size=8),
)
def test_highlighted_html_never_carries_markup_from_the_text(title, body, query):
    index(PROPS, [IndexEntry(key="h", title=title + "政务公开", body=body + "<script>x</script>")])
    try:
        try:
            result = search(PROPS, query)
        except Exception as exc:  # only our own message for unsearchable queries
            assert type(exc).__name__ == "GongkaiError"
            return
        for hit in result.hits:
            for html in (hit.title_html, hit.snippet_html):
                stripped = re.sub(r"</?mark>", "", html)
                assert "<" not in stripped and ">" not in stripped
    finally:
        remove(PROPS, ["h"])

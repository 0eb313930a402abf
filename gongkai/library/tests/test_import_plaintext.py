"""The importer's fast plain-text reading of sanitised bodies equals richtext.to_text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.library.importer.plaintext import html_to_text
from gongkai.library.richtext import sanitise, to_text

PIECES = [
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    '<th colspan="2">',
    "</th>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<h2>",
    "</h2>",
    "<strong>",
    "</strong>",
    '<a href="http://example.cn/?a=1&amp;b=>2" title="x>y">',
    "</a>",
    '<img src="/media/a.png" alt="图">',
    "<!-- 注释 -->",
    "<script>alert(1)</script>",
    "<P CLASS=x>",
    "政务公开",
    "a &amp; b",
    "&lt;script&gt;",
    "&nbsp;",
    "&#20013;",
    "<",
    "&",
    "x>y",
    " ",
    "\n",
    "\t",
]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "第一行\n第二行",
        "<p>各有关单位：</p><p>现将《办法》印发给你们，请认真贯彻执行。</p>",
        "<table><tr><th>序号</th><td>事项</td></tr>"
        "<tr><td>1</td><td>低保 &amp; 救助</td></tr></table>",
        '<p>见<a href="https://www.gov.cn/?a=1&b=2">链接</a>。<br>下一行</p>',
        "<ul><li>一</li><li>二<br/>三</li></ul><p>&lt;不是标签&gt;</p>",
    ],
)
def test_plain_text_of_typical_bodies(raw):
    safe = sanitise(raw)
    assert html_to_text(safe) == to_text(safe)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_plain_text_of_any_sanitised_markup(pieces):
    safe = sanitise("".join(pieces))
    assert html_to_text(safe) == to_text(safe)


def test_irregular_html_is_read_by_the_full_parser():
    odd = "<p>a < b</p><p>c</p>"  # not sanitised: a bare “<” in the text
    assert html_to_text(odd) == to_text(odd)

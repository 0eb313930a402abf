"""Chinese numerals and the GB/T 9704 section markers, as the work-plan parser meets them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.text.numerals import cn_to_int, section_marker


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("〇", 0),
        ("零", 0),
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("三百四十五", 345),
        ("两千", 2000),
        ("两千零二十一", 2021),
        ("一千零一", 1001),
        ("一万", 10_000),
        ("一万零三百", 10_300),
        ("十万", 100_000),
        ("三十五万六千", 356_000),
        ("一亿二千万", 120_000_000),
        ("一百二", 120),
        ("三千五", 3500),
        ("一万二", 12_000),
        ("二十五", 25),
        ("二〇二一", 2021),
        ("一九九八", 1998),
        ("壹佰零伍", 105),
        ("贰拾叁", 23),
        ("23", 23),
        ("２３", 23),
        (" 十二 ", 12),
    ],
)
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    "text", ["", "   ", "二三十", "十十", "十百", "百二", "abc", "一点五", "万"]
)
def test_cn_to_int_refuses_what_is_not_a_numeral(text):
    with pytest.raises(GongkaiError) as exc:
        cn_to_int(text)
    assert "无法识别数字" in exc.value.message


def _to_cn(n: int) -> str:
    """A plain writer for the property below (the ordinary way, with 零 for gaps)."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += digits[d] + unit
            zero = False
        else:
            zero = True
    return out


@given(st.integers(min_value=0, max_value=9999))
def test_cn_to_int_reads_every_number_below_ten_thousand(n):
    assert cn_to_int(_to_cn(n)) == n


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("一、总体要求", (1, 1)),
        ("  十二、保障措施", (1, 12)),
        ("（一）加强组织领导", (2, 1)),
        ("(十二)强化督查", (2, 12)),
        ("（ 三 ）推进决策公开", (2, 3)),
        ("1.深化政策解读", (3, 1)),
        ("1．深化政策解读", (3, 1)),
        ("12、做好依申请公开", (3, 12)),
        ("１．全角数字", (3, 1)),
        ("（1）按时报送", (4, 1)),
        ("(10)按时报送", (4, 10)),
        ("③每季度更新", (5, 3)),
    ],
)
def test_section_marker(line, marker):
    assert section_marker(line) == marker


@pytest.mark.parametrize(
    "line",
    [
        "",
        "总体要求",
        "1.5亿元用于基础设施",
        "2021年全县共公开信息",
        "一是加强组织领导",
        "（注：此表由各单位填写）",
        "(0)",
        "一些单位",
    ],
)
def test_section_marker_none(line):
    assert section_marker(line) is None

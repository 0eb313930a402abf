"""发文字号: every common spelling parses to the same canonical number; bad input is explained."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.core.text.docnumber import DocNumber, doc_number_query_forms, parse_doc_number


@pytest.mark.parametrize(
    ("text", "issuer", "year", "number"),
    [
        ("渠府办〔2021〕54号", "渠府办", 2021, 54),
        ("渠府办[2021]54号", "渠府办", 2021, 54),
        ("渠府办【2021】54号", "渠府办", 2021, 54),
        ("渠府办(2021)54号", "渠府办", 2021, 54),
        ("渠府办（2021）54号", "渠府办", 2021, 54),
        ("渠府办［2021］54号", "渠府办", 2021, 54),
        ("渠府办｛2021｝54号", "渠府办", 2021, 54),
        ("渠府办﹝2021﹞54号", "渠府办", 2021, 54),
        ("渠府办〔２０２１〕５４号", "渠府办", 2021, 54),
        ("渠府办〔2021〕054号", "渠府办", 2021, 54),
        ("渠府办〔2021〕第54号", "渠府办", 2021, 54),
        ("渠府办 〔2021〕 54 号", "渠府办", 2021, 54),
        ("  渠府办〔2021〕54号  ", "渠府办", 2021, 54),
        ("渠府办〔2021〕54", "渠府办", 2021, 54),
        ("渠府办2021-54号", "渠府办", 2021, 54),
        ("冠政办发〔2021〕9号", "冠政办发", 2021, 9),
        ("平政办发〔2023〕5 号", "平政办发", 2023, 5),
        ("国办公开办函〔2021〕30号", "国办公开办函", 2021, 30),
        ("川办发〔2021〕16 号", "川办发", 2021, 16),
        ("国发〔2019〕1号", "国发", 2019, 1),
    ],
)
def test_parse_doc_number(text, issuer, year, number):
    parsed = parse_doc_number(text)
    assert (parsed.issuer_code, parsed.year, parsed.number) == (issuer, year, number)
    assert parsed.canonical == f"{issuer}〔{year}〕{number}号"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "请填写发文字号"),
        ("   ", "请填写发文字号"),
        ("〔〕", "只有符号"),
        ("!!!……", "只有符号"),
        ("渠府办54号", "缺少四位年份"),
        ("渠府办〔21〕54号", "缺少四位年份"),
        ("渠府办〔2021〕", "缺少年份后的序号"),
        ("渠府办〔2021〕号", "缺少年份后的序号"),
        ("〔2021〕54号", "缺少发文机关代字"),
        ("渠府办〔1800〕3号", "年份 1800 不正确"),
        ("渠府办〔2021〕0号", "序号不能为 0"),
        ("关于印发" * 20 + "渠府办〔2021〕54号", "发文字号过长"),
    ],
)
def test_parse_doc_number_explains_bad_input(text, says):
    with pytest.raises(GongkaiError) as exc:
        parse_doc_number(text)
    assert says in exc.value.message
    assert "渠府办〔2021〕54号" in exc.value.message  # every message shows a correct example
    assert exc.value.field == "doc_number"


@pytest.mark.parametrize(
    "text",
    [
        "渠府办2021 54",
        "渠府办 2021 54号",
        "渠府办〔2021〕54",
        "渠府办[2021]54",
        "渠府办2021年54号",
        "渠府办202154",
        "渠府办2021-54",
        "渠府办〔2021〕54号",
    ],
)
def test_loose_query_forms_find_the_number(text):
    assert doc_number_query_forms(text) == DocNumber("渠府办", 2021, 54)


@pytest.mark.parametrize(
    "text", ["", "政务公开", "2021 54", "渠府办", "渠府办2021", "〔2021〕54号", "渠府办〔1800〕3号"]
)
def test_loose_query_forms_say_none_when_not_a_number(text):
    assert doc_number_query_forms(text) is None


ISSUERS = st.text(alphabet="渠府办政发函川国冠平县委人民政府公开", min_size=1, max_size=8)
YEARS = st.integers(min_value=1949, max_value=2099)
NUMBERS = st.integers(min_value=1, max_value=99999)
BRACKETS = st.sampled_from(["〔〕", "[]", "【】", "()", "（）", "［］", "｛｝", "﹝﹞"])


@given(ISSUERS, YEARS, NUMBERS)
def test_canonical_is_a_fixed_point(issuer, year, number):
    canonical = DocNumber(issuer, year, number).canonical
    assert parse_doc_number(canonical).canonical == canonical
    assert parse_doc_number(parse_doc_number(canonical).canonical) == DocNumber(
        issuer, year, number
    )


@given(ISSUERS, YEARS, NUMBERS, BRACKETS, st.booleans(), st.booleans())
def test_any_bracket_style_gives_the_same_number(issuer, year, number, brackets, full_width, space):
    digits = str.maketrans("0123456789", "０１２３４５６７８９") if full_width else {}
    text = f"{issuer}{brackets[0]}{year}{brackets[1]}{number}{' ' if space else ''}号".translate(
        digits
    )
    expected = DocNumber(issuer, year, number)
    assert parse_doc_number(text) == expected
    assert doc_number_query_forms(text) == expected

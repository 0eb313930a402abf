"""The information-processing fee (国办函〔2020〕109号), as the fee notice states it."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.errors import GongkaiError
from gongkai.inforequests.fees import fee_by_count, fee_by_volume, fee_compute

# Pages are charged band by band ("…的部分"): 1–30 free, 31–100 at 10, 101–200 at 20, 201+ at 40.
VOLUME = [
    (0, 0),
    (1, 0),
    (30, 0),
    (31, 10),  # 1 × 10
    (50, 200),  # 20 × 10
    (100, 700),  # 70 × 10
    (101, 720),  # 700 + 1 × 20
    (150, 1700),  # 700 + 50 × 20
    (200, 2700),  # 700 + 100 × 20
    (201, 2740),  # 2700 + 1 × 40
    (250, 4700),  # 2700 + 50 × 40
    (1000, 34700),  # 2700 + 800 × 40
]


@pytest.mark.parametrize(("pages", "yuan"), VOLUME)
def test_fee_by_volume(pages, yuan):
    fee = fee_by_volume(pages)
    assert fee.amount == Decimal(yuan)
    assert fee.free is (yuan == 0)


# The nth request of one applicant in a calendar month: 1–10 free, 11–30 at 100, then bands of
# ten, each 100 more (31–40: 200, 41–50: 300, 51–60: 400, ...).
COUNT = [
    (1, 0),
    (10, 0),
    (11, 100),
    (30, 100),
    (31, 200),
    (40, 200),
    (41, 300),
    (50, 300),
    (51, 400),
    (60, 400),
    (61, 500),
    (100, 800),
    (101, 900),
]


@pytest.mark.parametrize(("nth", "yuan"), COUNT)
def test_fee_by_count(nth, yuan):
    assert fee_by_count(nth).amount == Decimal(yuan)


def test_the_volume_notice_shows_each_band_and_the_total():
    assert fee_by_volume(250).text_lines == [
        "收费依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        "按量计收（本申请提供的政府信息共 250 页）",
        "收费标准：同一申请 30 页以下（含 30 页）的不收费；第 31—100 页的部分每页 10 元；"
        "第 101—200 页的部分每页 20 元；第 201 页以上的部分每页 40 元。",
        "计算：第 1—30 页：30 页，不收费",
        "计算：第 31—100 页：70 页 × 10 元/页 = 700 元",
        "计算：第 101—200 页：100 页 × 20 元/页 = 2000 元",
        "计算：第 201 页以上：50 页 × 40 元/页 = 2000 元",
        "合计：4700 元，应缴纳信息处理费 4700 元。",
    ]


def test_the_count_notice_names_the_band():
    fee = fee_by_count(35)
    assert (
        fee.text_lines[2]
        == "计算：本申请为该申请人本月第 35 件，属第 31—40 件，每件 200 元，计 200 元"
    )
    assert fee.text_lines[-1] == "合计：200 元，应缴纳信息处理费 200 元。"


def test_a_free_request_says_so():
    assert fee_by_count(3).text_lines[-1] == "合计：0 元，不收取信息处理费。"
    assert fee_by_volume(12).text_lines[-1] == "合计：0 元，不收取信息处理费。"


def test_the_explanation_serialises_for_the_notice():
    data = fee_by_volume(101).to_dict()
    assert data["amount"] == "720"
    assert [line["amount"] for line in data["lines"]] == ["0", "700", "20"]
    assert data["method_label"] == "按量计收"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: fee_by_count(0), "不小于 1"),
        (lambda: fee_by_count(-5), "不小于 1"),
        (lambda: fee_by_count("11"), "应为整数"),
        (lambda: fee_by_volume(-1), "不小于 0"),
        (lambda: fee_by_volume(1.5), "应为整数"),
        (lambda: fee_by_volume(True), "应为整数"),
        (lambda: fee_compute(method="by_weight", quantity=3), "无法识别"),
    ],
)
def test_bad_input_is_a_chinese_error(call, words):
    with pytest.raises(GongkaiError) as info:
        call()
    assert words in info.value.message


def test_fee_compute_dispatches_on_the_method():
    assert fee_compute(method="by_count", quantity=31).amount == 200
    assert fee_compute(method="by_volume", quantity=31).amount == 10


@given(st.integers(0, 5000), st.integers(0, 5000))
def test_more_pages_never_cost_less(a, b):
    low, high = sorted((a, b))
    assert fee_by_volume(low).amount <= fee_by_volume(high).amount


@given(st.integers(1, 1000), st.integers(1, 1000))
def test_a_later_request_in_the_month_never_costs_less(a, b):
    low, high = sorted((a, b))
    assert fee_by_count(low).amount <= fee_by_count(high).amount


@given(st.integers(0, 5000))
def test_the_lines_add_up_to_the_amount_and_cover_every_page(pages):
    fee = fee_by_volume(pages)
    assert sum(line.amount for line in fee.lines) == fee.amount
    assert sum(line.quantity for line in fee.lines) == pages

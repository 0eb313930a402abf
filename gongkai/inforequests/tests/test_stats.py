"""The statistics selector, cell by cell, as the annual report's sections 三 and 四 need them.

Every case below is built through the services; the expected numbers were counted by hand."""

import datetime as dt

import pytest

from gongkai.inforequests.stats import check_invariant, request_statistics

from .county_2025 import row
from .helpers import D


def test_section_three_cell_by_cell(county):
    data = request_statistics(unit=county, start=D("2025-01-01"), end=D("2025-12-31"))
    s3 = data["三"]
    assert s3["一、本年新收政府信息公开申请数量"] == row(
        natural=22, business=2, research=2, nonprofit=1, legal=1, other=1
    )
    assert s3["二、上年结转政府信息公开申请数量"] == row(natural=1)
    results = s3["三、本年度办理结果"]
    assert results["（一）予以公开"] == row(natural=2, business=2)
    assert results["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == row(
        natural=1, research=1
    )
    withheld = results["（三）不予公开"]
    assert list(withheld) == [
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
    ]
    assert withheld["保护第三方合法权益"] == row(natural=1, nonprofit=1)
    assert withheld["属于国家秘密"] == row(natural=1)
    assert results["（四）无法提供"]["本机关不掌握相关政府信息"] == row(natural=1, other=1)
    assert results["（四）无法提供"]["补正后申请内容仍不明确"] == row(natural=1)
    assert results["（五）不予处理"]["重复申请"] == row(natural=1, legal=1)
    other = results["（六）其他处理"]
    assert other["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] == row(natural=1)
    assert other["申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"] == row(
        natural=1
    )
    assert other["其他"] == row(natural=1)
    assert results["（七）总计"] == row(
        natural=22, business=2, research=1, nonprofit=1, legal=1, other=1
    )
    assert s3["四、结转下年度继续办理"] == row(natural=1, research=1)
    assert check_invariant(data) == []


def test_section_four(county):
    s4 = request_statistics(unit=county, start=D("2025-01-01"), end=D("2025-12-31"))["四"]
    assert s4["行政复议"] == {"结果维持": 2, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 3}
    assert s4["行政诉讼"]["未经复议直接起诉"] == {
        "结果维持": 0,
        "结果纠正": 0,
        "其他结果": 1,
        "尚未审结": 0,
        "总计": 1,
    }
    assert s4["行政诉讼"]["复议后起诉"]["尚未审结"] == 1


def test_region_includes_every_unit_and_invariant_holds_for_any_period(county):
    region = county.region
    year = request_statistics(region=region, start=D("2025-01-01"), end=D("2025-12-31"))
    assert year["三"]["一、本年新收政府信息公开申请数量"]["总计"] == 30
    for start, end in [
        ("2024-01-01", "2024-12-31"),
        ("2025-03-01", "2025-03-31"),
        ("2024-06-01", "2026-03-01"),
    ]:
        data = request_statistics(region=region, start=D(start), end=D(end))
        assert check_invariant(data) == [], (start, end)


def test_timing(county):
    timing = request_statistics(unit=county, start=D("2025-01-01"), end=D("2025-12-31"))["timing"]
    # 28 decided, 3 of them closed without a reply deadline (two abandoned, none withdrawn).
    assert timing["on_time"] + timing["late"] == 26
    assert timing["average_workdays"] is not None


def test_bad_scope_or_period_is_refused(county):
    from gongkai.core.errors import GongkaiError

    with pytest.raises(GongkaiError, match="晚于结束日期"):
        request_statistics(unit=county, start=dt.date(2025, 12, 31), end=dt.date(2025, 1, 1))
    with pytest.raises(GongkaiError, match="一个地区、一个单位或一组单位"):
        request_statistics(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))

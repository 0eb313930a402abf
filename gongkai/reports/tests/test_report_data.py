"""A unit's report computed from its records: section 三 cell by cell (the hand-counted requests
of gongkai/inforequests/tests/county_2025.py), section 四, section 二 from the library, the
drafted prose, and the region's own report."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.errors import GongkaiError
from gongkai.inforequests.tests.county_2025 import row
from gongkai.reports.selectors import report_json
from gongkai.reports.services import report_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(county, reviewers):
    return report_create(actor=reviewers["clerk"], region=county.region, year=2025, unit=county)


def test_section_three_of_the_json_equals_the_hand_count(report):
    s3 = report_json(report)["section3"]
    assert s3["一、本年新收政府信息公开申请数量"] == row(
        natural=22, business=2, research=2, nonprofit=1, legal=1, other=1
    )
    assert s3["二、上年结转政府信息公开申请数量"] == row(natural=1)
    results = s3["三、本年度办理结果"]
    assert results["（一）予以公开"] == row(natural=2, business=2)
    assert results["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == row(
        natural=1, research=1
    )
    zero = row()
    expected_withheld = {
        "属于国家秘密": row(natural=1),
        "其他法律行政法规禁止公开": row(natural=1),
        "危及“三安全一稳定”": row(natural=1),
        "保护第三方合法权益": row(natural=1, nonprofit=1),
        "属于三类内部事务信息": row(natural=1),
        "属于四类过程性信息": row(natural=1),
        "属于行政执法案卷": row(natural=1),
        "属于行政查询事项": row(natural=1),
    }
    assert results["（三）不予公开"] == expected_withheld
    assert results["（四）无法提供"] == {
        "本机关不掌握相关政府信息": row(natural=1, other=1),
        "没有现成信息需要另行制作": row(natural=1),
        "补正后申请内容仍不明确": row(natural=1),
    }
    assert results["（五）不予处理"] == {
        "信访举报投诉类申请": row(natural=1),
        "重复申请": row(natural=1, legal=1),
        "要求提供公开出版物": row(natural=1),
        "无正当理由大量反复申请": row(natural=1),
        "要求行政机关确认或重新出具已获取信息": row(natural=1),
    }
    assert results["（六）其他处理"] == {
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": row(natural=1),
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": row(natural=1),
        "其他": row(natural=1),
    }
    assert results["（七）总计"] == row(
        natural=22, business=2, research=1, nonprofit=1, legal=1, other=1
    )
    assert s3["四、结转下年度继续办理"] == row(natural=1, research=1)
    assert zero["总计"] == 0


def test_section_four_and_checks_pass(report):
    data = report_json(report)
    assert data["section4"]["行政复议"] == {
        "结果维持": 2,
        "结果纠正": 0,
        "其他结果": 0,
        "尚未审结": 1,
        "总计": 3,
    }
    assert data["section4"]["行政诉讼"]["未经复议直接起诉"]["其他结果"] == 1
    assert data["checks"] == {"ok": True, "findings": []}
    assert data["deadline"] == "2026-01-31"
    assert data["scope"]["name"] == "示范县发展和改革局"


def test_prose_is_drafted_from_the_data_with_places_left_for_people(report):
    assert "全年新收政府信息公开申请29件" in report.section1
    assert "上年结转1件" in report.section1
    assert "【请补充" in report.section1
    # The fee that was sent and never paid (the abandoned request) is counted as sent only.
    assert "发出收费通知1件" in report.section6
    assert "实际收取信息处理费0件" in report.section6


def _published(unit, people, **fields):
    from gongkai.library.services.interpretations import document_exempt
    from gongkai.library.services.workflow import document_approve, document_submit
    from gongkai.library.tests.factories import make_document

    document = make_document(unit, actor=people["clerk"], **fields)
    if fields.get("is_normative"):
        document_exempt(actor=people["office"], document=document, reason="测试用文件，无需解读")
    document_submit(actor=people["clerk"], document=document)
    for level in (1, 2, 3):
        document_approve(actor=people[level], document=document)
    document.refresh_from_db()
    assert document.status == "published"
    return document


def test_section_two_counts_normative_documents_made_repealed_and_in_force(county, reviewers):
    from gongkai.library.services.workflow import document_set_validity

    _published(county, reviewers, is_normative=True, written_on=dt.date(2025, 3, 1))
    _published(county, reviewers, is_normative=True, written_on=dt.date(2023, 3, 1))
    old = _published(
        county,
        reviewers,
        is_normative=True,
        written_on=dt.date(2020, 3, 1),
        effective_until=dt.date(2030, 1, 1),
    )
    lapsed = _published(county, reviewers, is_normative=True, written_on=dt.date(2021, 3, 1))
    _published(county, reviewers, is_normative=False, written_on=dt.date(2025, 5, 1))
    # Repealed during 2025 (有效期至 set to that day) and lapsed after the year's end.
    document_set_validity(actor=None, document=old, validity="repealed", note="清理废止")
    old.refresh_from_db()
    type(old).objects.filter(pk=old.pk).update(effective_until=dt.date(2025, 6, 30))
    document_set_validity(actor=None, document=lapsed, validity="expired", note="到期")
    type(lapsed).objects.filter(pk=lapsed.pk).update(effective_until=dt.date(2026, 2, 1))

    report = report_create(actor=reviewers["clerk"], region=county.region, year=2025, unit=county)
    section2 = report_json(report)["section2"]
    assert section2["第二十条第（一）项"]["行政规范性文件"] == {
        "本年制发件数": 1,
        "本年废止件数": 1,
        # 2025's, 2023's, and the one that lapsed only in 2026.
        "现行有效件数": 3,
    }
    # A county makes no 规章; licensing, penalties, fees are entered by the unit.
    assert section2["第二十条第（一）项"]["规章"] == {
        "本年制发件数": 0,
        "本年废止件数": 0,
        "现行有效件数": 0,
    }
    assert section2["第二十条第（八）项"]["行政事业性收费"] == {"本年收费金额（万元）": 0.0}
    assert "行政规范性文件1件" in report.section1 or "其中行政规范性文件" in report.section1


def test_a_report_is_opened_once_per_unit_and_year(report, reviewers, county):
    with pytest.raises(GongkaiError, match="已经存在"):
        report_create(actor=reviewers["clerk"], region=county.region, year=2025, unit=county)


@pytest.mark.parametrize("year", [2007, 2099])
def test_years_outside_the_regulation_or_in_the_future_are_refused(county, reviewers, year):
    with pytest.raises(GongkaiError, match="报告年度须在"):
        report_create(actor=reviewers["clerk"], region=county.region, year=year, unit=county)


def test_region_report_covers_the_government_and_its_office_or_every_unit(
    county, reviewers, office_unit
):
    own = report_create(actor=reviewers["office"], region=county.region, year=2025)
    assert own.unit == office_unit
    assert own.deadline == dt.date(2026, 3, 31)
    # The requests are all unit A's: the county's own report has none of them.
    assert report_json(own)["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 0
    own.delete()
    everything = report_create(
        actor=reviewers["office"], region=county.region, year=2025, aggregate_all=True
    )
    assert report_json(everything)["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 30


def test_a_clerk_of_another_unit_cannot_open_this_units_report(county, reviewers):
    from gongkai.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_create(actor=reviewers["outsider"], region=county.region, year=2025, unit=county)


def test_the_region_report_can_add_up_every_unit_and_back(county, reviewers, office_unit):
    from gongkai.reports.services import report_set_aggregate

    own = report_create(actor=reviewers["office"], region=county.region, year=2025)
    from gongkai.orgs.tests.factories import staff

    clerk = staff(office_unit, "clerk", username="rp_office_clerk")
    own = report_set_aggregate(actor=clerk, report=own, aggregate_all=True)
    assert report_json(own)["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 30
    assert "全年新收政府信息公开申请30件" in own.section1
    own = report_set_aggregate(actor=clerk, report=own, aggregate_all=False)
    assert report_json(own)["section3"]["一、本年新收政府信息公开申请数量"]["总计"] == 0
    unit_report = report_create(
        actor=reviewers["clerk"], region=county.region, year=2025, unit=county
    )
    with pytest.raises(GongkaiError, match="只有本级政府"):
        report_set_aggregate(actor=reviewers["clerk"], report=unit_report, aggregate_all=True)

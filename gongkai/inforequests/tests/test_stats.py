"""The statistics selector, cell by cell, as the annual report's sections 三 and 四 need them.

Every case below is built through the services; the expected numbers were counted by hand."""

import datetime as dt

import pytest

from gongkai.inforequests import services
from gongkai.inforequests.outcomes import CLOSING_OUTCOMES, COLUMNS, OUTCOMES
from gongkai.inforequests.stats import check_invariant, request_statistics

from .helpers import D, register

REPLY_TYPE = {o.code: o.reply_types[0] for o in OUTCOMES}


def reply(request, actor, outcome, day):
    services.info_request_reply(
        request=request,
        actor=actor,
        outcome=outcome,
        reply_type=REPLY_TYPE[outcome],
        date=day,
        facts="答复内容",
        withheld=[{"part": "第三方信息", "reason": "保护第三方合法权益"}]
        if outcome == "partial"
        else [],
        other_agency="示范县某局" if REPLY_TYPE[outcome] == "not_ours" else "",
    )


@pytest.fixture
def county(today, people, unit_a, unit_b):
    today.set("2026-03-02")
    clerk = people["clerk"]
    n = iter(range(1000))

    def make(kind, received, unit=unit_a):
        # Different descriptions and phone numbers: no repeat flags, no fee bands in the way.
        i = next(n)
        return register(
            unit,
            actor=clerk if unit == unit_a else people["clerk_b"],
            received_on=received,
            applicant_kind=kind,
            name=f"申请人{i}" if kind == "natural" else f"单位{i}",
            id_type="resident_id" if kind == "natural" else "credit_code",
            id_number=services.id_key(
                __import__("gongkai.inforequests.tests.helpers", fromlist=["x"]).resident_id(
                    f"11010519900101{i:03d}"
                )
            )
            if kind == "natural"
            else f"91510000{i:010d}",
            contact_person="" if kind == "natural" else "李经办",
            phone=f"139{i:08d}",
            description=f"第{i}号申请所需信息",
        )

    # Every outcome once, for a natural person, in 2025.
    for outcome in [o.code for o in OUTCOMES if o.code not in CLOSING_OUTCOMES]:
        r = make("natural", "2025-03-03")
        if outcome == "unavailable_unclear":
            services.info_request_request_correction(
                request=r, actor=clerk, date="2025-03-04", items="不明确"
            )
            services.info_request_receive_correction(request=r, actor=clerk, date="2025-03-05")
        reply(r, clerk, outcome, "2025-03-10")
    r = make("natural", "2025-03-03")
    services.info_request_request_correction(
        request=r, actor=clerk, date="2025-03-03", items="不明确", period_workdays=5
    )
    services.info_request_close_abandoned(request=r, actor=clerk, date="2025-03-11")
    r = make("natural", "2025-03-03")
    services.info_request_accept(request=r, actor=clerk)
    services.info_request_send_fee_notice(
        request=r, actor=clerk, method="by_volume", sent_on="2025-03-03", pages=100
    )
    services.info_request_close_abandoned(request=r, actor=clerk, date="2025-04-15")
    # Organisations.
    for kind, outcome in [
        ("business", "disclosed"),
        ("business", "disclosed"),
        ("research", "partial"),
        ("nonprofit", "withheld_third_party"),
        ("legal_service", "rejected_repeat"),
        ("other_org", "unavailable_not_held"),
    ]:
        reply(make(kind, "2025-05-06"), clerk, outcome, "2025-05-20")
    # Carried in from 2024 and decided in 2025; received and decided in 2024 (not counted).
    first = make("natural", "2024-12-20")
    reply(first, clerk, "disclosed", "2025-01-10")
    reply(make("business", "2024-12-23"), clerk, "disclosed", "2024-12-30")
    # Carried out to 2026: still open; decided only in January 2026.
    make("research", "2025-12-22")
    reply(make("natural", "2025-12-29"), clerk, "disclosed", "2026-01-05")
    # 2026 and another unit: outside the scope.
    make("natural", "2026-01-05")
    reply(make("natural", "2025-06-02", unit=unit_b), people["clerk_b"], "disclosed", "2025-06-03")
    # Appeals (section 四).
    for kind, filed, result, decided in [
        ("reconsideration", "2025-04-01", "upheld", "2025-05-01"),
        ("reconsideration", "2025-06-01", "corrected", "2026-01-20"),  # pending at 2025-12-31
        ("litigation_direct", "2025-07-01", "other", "2025-09-01"),
        ("litigation_after", "2025-08-01", "pending", None),
        ("reconsideration", "2025-01-20", "upheld", "2025-02-20"),
    ]:
        services.appeal_record(
            request=first,
            actor=clerk,
            kind=kind,
            body="示范县人民政府",
            filed_on=filed,
            result=result,
            decided_on=decided,
        )
    return unit_a


def row(**cells):
    out = dict.fromkeys(COLUMNS, 0)
    mapping = {
        "natural": "自然人",
        "business": "商业企业",
        "research": "科研机构",
        "nonprofit": "社会公益组织",
        "legal": "法律服务机构",
        "other": "其他",
    }
    for key, n in cells.items():
        out[mapping[key]] = n
    out["总计"] = sum(cells.values())
    return out


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
    with pytest.raises(GongkaiError, match="一个地区或一个单位"):
        request_statistics(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))

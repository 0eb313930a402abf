"""A unit's requests and appeals of 2025, every outcome once, counted by hand (fixture ``county``).

Shared by the statistics tests and the annual report's tests (which check the same cells
through the report's JSON). Built through the services, with "today" pinned to 2026-03-02.
"""

import pytest

from gongkai.inforequests import services
from gongkai.inforequests.outcomes import CLOSING_OUTCOMES, COLUMNS, OUTCOMES

from .helpers import register, resident_id

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
            id_number=services.id_key(resident_id(f"11010519900101{i:03d}"))
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

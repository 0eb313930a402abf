"""The workflow end to end through the services: each step moves the case, the clock and the
duty together, and each is audited."""

import pytest

from gongkai.core.audit.models import AuditEvent
from gongkai.core.duties.models import Duty
from gongkai.core.errors import GongkaiError, PermissionDenied
from gongkai.inforequests import services
from gongkai.inforequests.models import ClockEntry, InfoRequest

from .helpers import D, register

S = InfoRequest.Status


def open_duties(request):
    return list(
        Duty.objects.filter(
            subject_type="inforequests.inforequest", subject_id=str(request.pk), status="open"
        )
    )


def fresh(request):
    return InfoRequest.objects.get(pk=request.pk)


def test_online_request_gets_a_code_a_due_date_a_duty_and_an_audit_with_ip(today, unit_a):
    today.set("2026-09-28")
    request = services.info_request_register(
        region=unit_a.region,
        unit=unit_a,
        applicant=__import__("gongkai.inforequests.tests.helpers", fromlist=["x"]).applicant(),
        channel="in_person",  # ignored online: the channel is 网上申请
        actor=None,
        ip="203.0.113.9",
    )
    assert request.tracking_code.startswith("YSQ-2026-")
    assert request.channel == "online" and request.received_on == D("2026-09-28")
    assert request.status == S.REVIEW and request.due_on == D("2026-10-30")
    [duty] = open_duties(request)
    assert (
        duty.unit == unit_a and duty.due_on == request.due_on and duty.kind == "inforequest.review"
    )
    event = AuditEvent.objects.get(verb="inforequest.register", object_id=str(request.pk))
    assert event.ip == "203.0.113.9" and event.actor_label == "申请人（网上）"


def test_the_issue_path_correction_consultation_extension_partial_reply(today, people, unit_a):
    clerk, head = people["clerk"], people["head"]
    today.set("2026-09-28")
    request = register(unit_a, actor=clerk, received_on="2026-09-28", channel="online")
    # 补正 within 7 working days (最迟 2026-10-13, National Day in between).
    today.set("2026-10-12")
    services.info_request_request_correction(
        request=request, actor=clerk, date="2026-10-12", items="请写明项目名称", period_workdays=10
    )
    request = fresh(request)
    assert request.status == S.CORRECTION and request.clock_status == "awaiting_correction"
    assert [d.kind for d in open_duties(request)] == ["inforequest.correction"]
    # The corrected request restarts the clock: Wed 2026-10-14 + 20 working days = 11-11.
    today.set("2026-10-14")
    services.info_request_receive_correction(
        request=request,
        actor=None,
        description="请公开城关街道老旧小区改造实施方案。",
        ip="203.0.113.9",
    )
    request = fresh(request)
    assert request.status == S.REVIEW and request.due_on == D("2026-11-11")
    assert request.description == "请公开城关街道老旧小区改造实施方案。"
    services.info_request_accept(request=request, actor=clerk)
    # Third party consulted 10-15 to 10-20: 3 working days (16, 19, 20) not counted.
    today.set("2026-10-15")
    services.info_request_start_consultation(
        request=request, actor=clerk, date="2026-10-15", kind="third_party", party="某建设公司"
    )
    assert fresh(request).status == S.CONSULTING
    today.set("2026-10-20")
    services.info_request_end_consultation(request=request, actor=clerk, date="2026-10-20")
    request = fresh(request)
    assert request.due_on == D("2026-11-16")
    # One extension of 10 working days, approved by the head: 11-16 + 10 = 11-30.
    today.set("2026-11-02")
    with pytest.raises(PermissionDenied):
        services.info_request_extend(
            request=request, actor=clerk, date="2026-11-02", workdays=10, reason="材料较多"
        )
    services.info_request_extend(
        request=request, actor=head, date="2026-11-02", workdays=10, reason="材料较多"
    )
    request = fresh(request)
    assert request.due_on == D("2026-11-30")
    [duty] = open_duties(request)
    assert duty.kind == "inforequest.handle" and duty.due_on == D("2026-11-30")
    with pytest.raises(GongkaiError, match="只允许延长一次"):
        services.info_request_extend(
            request=request, actor=head, date="2026-11-02", workdays=5, reason="再延"
        )
    today.set("2026-11-23")
    reply = services.info_request_reply(
        request=request,
        actor=clerk,
        outcome="partial",
        reply_type="partial",
        date="2026-11-23",
        facts="提供实施方案，隐去涉及第三方商业秘密的报价部分。",
        withheld=[{"part": "施工单位报价明细", "reason": "涉及第三方商业秘密（条例第十五条）"}],
    )
    request = fresh(request)
    assert reply.outcome == "partial" and request.status == S.REPLIED
    assert request.outcome == "partial" and request.on_time is True
    assert [d.kind for d in open_duties(request)] == ["inforequest.deliver"]
    letter = services.letter_generate(request=request, actor=clerk)
    assert "部分公开" in letter.title and "施工单位报价明细" in letter.body
    assert "六十日" in letter.body and "六个月" in letter.body
    services.info_request_deliver(request=request, actor=clerk, method="email", date="2026-11-23")
    services.info_request_archive(request=request, actor=clerk, public=True, consent=True)
    request = fresh(request)
    assert request.status == S.ARCHIVED and open_duties(request) == []
    verbs = list(
        AuditEvent.objects.filter(object_type="inforequests.inforequest", object_id=str(request.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "inforequest.register",
        "inforequest.request_correction",
        "inforequest.receive_correction",
        "inforequest.accept",
        "inforequest.start_consultation",
        "inforequest.end_consultation",
        "inforequest.extend",
        "inforequest.reply",
        "inforequest.letter",
        "inforequest.deliver",
        "inforequest.archive",
    ]


def test_correction_late_or_twice_is_refused_and_nothing_changes(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-23")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    # 7 working days after Mon 11-02 is Wed 11-11.
    with pytest.raises(GongkaiError, match="7 个工作日内"):
        services.info_request_request_correction(
            request=request, actor=clerk, date="2026-11-12", items="请写明文号"
        )
    assert (
        fresh(request).status == S.REVIEW
        and ClockEntry.objects.filter(request=request).count() == 1
    )
    services.info_request_request_correction(
        request=request, actor=clerk, date="2026-11-11", items="请写明文号"
    )
    with pytest.raises(GongkaiError, match="不能"):
        services.info_request_request_correction(
            request=request, actor=clerk, date="2026-11-12", items="再补"
        )


def test_uncorrected_request_is_closed_as_abandoned_only_after_the_deadline(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    services.info_request_request_correction(
        request=request, actor=clerk, date="2026-11-02", items="请写明文号", period_workdays=5
    )
    today.set("2026-11-09")
    with pytest.raises(GongkaiError, match="期限尚未届满"):
        services.info_request_close_abandoned(request=request, actor=clerk, date="2026-11-09")
    today.set("2026-11-10")
    reply = services.info_request_close_abandoned(request=request, actor=clerk, date="2026-11-10")
    request = fresh(request)
    assert reply.outcome == "other_no_correction" and request.outcome == "other_no_correction"
    services.info_request_archive(request=request, actor=clerk)
    assert fresh(request).status == S.ARCHIVED


def test_fee_notice_pauses_until_payment_and_unpaid_is_abandoned(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    services.info_request_accept(request=request, actor=clerk)
    with pytest.raises(GongkaiError, match="不收费"):
        services.info_request_send_fee_notice(
            request=request, actor=clerk, method="by_count", sent_on="2026-11-02"
        )
    with pytest.raises(GongkaiError, match="页数"):
        services.info_request_send_fee_notice(
            request=request, actor=clerk, method="by_volume", sent_on="2026-11-02", pages=None
        )
    today.set("2026-11-03")
    notice = services.info_request_send_fee_notice(
        request=request, actor=clerk, method="by_volume", sent_on="2026-11-03", pages=100
    )
    assert notice.amount == 700 and any("700 元" in line for line in notice.explanation)
    request = fresh(request)
    assert request.status == S.AWAITING_FEE and request.clock_status == "awaiting_payment"
    # Payment due 20 working days after 11-03: 12-01. Not paid → abandoned.
    assert request.due_on == D("2026-12-01")
    today.set("2026-12-02")
    reply = services.info_request_close_abandoned(request=request, actor=clerk)
    assert reply.outcome == "other_no_fee"


def test_fee_paid_resumes_the_clock(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    services.info_request_accept(request=request, actor=clerk)
    today.set("2026-11-03")
    services.info_request_send_fee_notice(
        request=request, actor=clerk, method="by_volume", sent_on="2026-11-03", pages=40
    )
    today.set("2026-11-06")
    services.info_request_record_payment(request=request, actor=clerk, date="2026-11-06")
    request = fresh(request)
    # Due 11-30 (Mon 11-02 + 20) moved by the 3 working days 11-04..11-06: 12-03.
    assert request.status == S.HANDLING and request.due_on == D("2026-12-03")
    assert request.fee.paid_on == D("2026-11-06")


def test_released_file_with_an_id_number_blocks_the_reply_until_cleared(today, people, unit_a):
    from .helpers import ID_NUMBER

    clerk, secrecy = people["clerk"], people["secrecy"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    released = services.info_request_release_file(
        request=request,
        actor=clerk,
        name="名单.txt",
        content=f"补贴名单：李四 {ID_NUMBER}".encode(),
    )
    assert released.findings and released.findings[0]["kind"] == "id_number"
    with pytest.raises(GongkaiError, match="尚未审查通过"):
        services.info_request_reply(
            request=request,
            actor=clerk,
            outcome="disclosed",
            reply_type="provided",
            date="2026-11-02",
        )
    with pytest.raises(PermissionDenied):
        services.info_request_clear_file(released=released, actor=clerk, note="已核实")
    services.info_request_clear_file(released=released, actor=secrecy, note="本人同意公开")
    services.info_request_reply(
        request=request, actor=clerk, outcome="disclosed", reply_type="provided", date="2026-11-02"
    )
    assert fresh(request).status == S.REPLIED


def test_office_transfers_between_units_clock_continues_duty_moves(today, people, unit_a, unit_b):
    today.set("2026-11-02")
    request = register(unit_a, actor=people["clerk"], received_on="2026-11-02")
    due = request.due_on
    with pytest.raises(PermissionDenied):
        services.info_request_transfer(
            request=request, actor=people["clerk"], unit=unit_b, reason="不掌握"
        )
    services.info_request_transfer(
        request=request, actor=people["office"], unit=unit_b, reason="信息由教体局掌握"
    )
    request = fresh(request)
    assert request.unit == unit_b and request.due_on == due
    [duty] = open_duties(request)
    assert duty.unit == unit_b and duty.due_on == due
    event = AuditEvent.objects.get(verb="inforequest.transfer")
    assert event.before == {"unit": unit_a.name} and event.after["unit"] == unit_b.name
    with pytest.raises(PermissionDenied):
        services.info_request_accept(request=request, actor=people["clerk"])


def test_reply_checks_outcome_reply_type_and_withheld_parts(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    cases = [
        ({"outcome": "", "reply_type": "provided"}, "请选择办理结果"),
        ({"outcome": "partial", "reply_type": "provided"}, "答复类型"),
        ({"outcome": "partial", "reply_type": "partial", "facts": "x"}, "不予公开的部分"),
        ({"outcome": "other_no_fee", "reply_type": "other"}, "终止办理"),
        ({"outcome": "unavailable_unclear", "reply_type": "other", "facts": "x"}, "已经补正"),
        ({"outcome": "unavailable_not_held", "reply_type": "not_ours", "facts": "x"}, "负责机关"),
        ({"outcome": "withheld_state_secret", "reply_type": "withheld"}, "答复内容"),
        ({"outcome": "disclosed", "reply_type": "provided", "date": "2026-12-01"}, "晚于今天"),
    ]
    for kwargs, message in cases:
        kwargs.setdefault("date", "2026-11-02")
        with pytest.raises(GongkaiError, match=message):
            services.info_request_reply(request=request, actor=clerk, **kwargs)
    assert fresh(request).status == S.REVIEW and not hasattr(fresh(request), "reply_cache")


def test_appeals_are_recorded_after_the_reply(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    with pytest.raises(GongkaiError, match="尚未答复"):
        services.appeal_record(
            request=request,
            actor=clerk,
            kind="reconsideration",
            body="示范县人民政府",
            filed_on="2026-11-02",
        )
    services.info_request_reply(
        request=request,
        actor=clerk,
        outcome="withheld_process",
        reply_type="withheld",
        date="2026-11-02",
        facts="属于过程性信息",
    )
    today.set("2026-11-20")
    appeal = services.appeal_record(
        request=request,
        actor=clerk,
        kind="reconsideration",
        body="示范县人民政府",
        filed_on="2026-11-10",
    )
    assert appeal.result == "pending"
    with pytest.raises(GongkaiError, match="决定（裁判）日期"):
        services.appeal_update(appeal=appeal, actor=clerk, result="upheld")
    services.appeal_update(appeal=appeal, actor=clerk, result="upheld", decided_on="2026-11-20")
    appeal.refresh_from_db()
    assert appeal.result == "upheld"


def test_time_passing_is_picked_up_by_the_periodic_refresh(today, people, unit_a):
    from gongkai.inforequests.jobs import refresh_clocks

    clerk = people["clerk"]
    today.set("2026-11-02")
    request = register(unit_a, actor=clerk, received_on="2026-11-02")
    services.info_request_accept(request=request, actor=clerk)
    services.info_request_start_consultation(
        request=request, actor=clerk, date="2026-11-02", kind="agency", party="县财政局"
    )
    # 条例第三十四条: the agency stays silent for 15 working days (to 11-23): consent; the pause
    # ends there and the case is running again, overdue later.
    today.set("2026-11-24")
    assert refresh_clocks(now=None) == 1
    request = fresh(request)
    assert request.clock_status == "running" and request.due_on == D("2026-12-21")
    today.set("2026-12-22")
    refresh_clocks(now=None)
    assert fresh(request).clock_status == "overdue"

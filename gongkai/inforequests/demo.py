"""Demo data: about 150 information requests of the demo county over 2025–2026, in every state
and with every outcome of the annual report, a few replied late, a few under reconsideration
or litigation, across several units.

The history is replayed through the real services, so the demo shows what the workflow makes
(clock events, duties, letters, audit trail). The services refuse dates after "today", so each
step runs with the services' today (``services._common.today``) set to the day it happened
(``_as_of``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from gongkai.core.workdays import CalendarYearMissing, get_calendar
from gongkai.orgs.demo import DemoContext, demo_step

from . import services
from .models import InfoRequest
from .outcomes import CLOSING_OUTCOMES, OUTCOMES

MARK = "演示数据"
UNITS = ["县发改局", "县教体局", "县人社局", "县住建局", "城关街道", "县自然资源局"]
HANDLERS = {
    "县发改局": ("fgj_clerk", "fgj_head"),
    "县教体局": ("jtj_clerk", None),
    "城关街道": ("cg_clerk", None),
}
TOPICS = [
    "2025年城区老旧小区改造项目的实施方案和资金安排",
    "城关街道人民路拆迁补偿安置方案及补偿标准",
    "2025年义务教育阶段学校招生划片范围",
    "县第一中学新校区建设项目的环评批复文件",
    "2025年度城乡低保资金发放总额和标准",
    "县城停车场收费标准及其制定依据",
    "2025年度政府投资项目计划表",
    "某村集体土地征收的批准文件和征地公告",
    "灵活就业人员社会保险补贴的申领条件和发放情况",
    "县城区供热价格调整的成本监审报告",
    "2024年度县级部门预算执行情况",
    "示范县国土空间总体规划（2021—2035年）的批复",
]
KINDS = ["natural"] * 7 + [
    "business",
    "business",
    "research",
    "nonprofit",
    "legal_service",
    "other_org",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


@contextlib.contextmanager
def _as_of(day: dt.date):
    original = services._common.today
    services._common.today = lambda: day
    try:
        yield
    finally:
        services._common.today = original


def _id_number(n: int) -> str:
    from gongkai.core.text.pii import id_check_char

    body = f"5113021985{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return body + id_check_char(body)


def _applicant(rng: random.Random, n: int, topic: str) -> dict:
    kind = rng.choice(KINDS)
    natural = kind == "natural"
    return {
        "applicant_kind": kind,
        "name": (rng.choice(SURNAMES) + rng.choice("明华丽军芳伟静磊"))
        if natural
        else f"示范县某{n}有限公司",
        "id_type": "resident_id" if natural else "credit_code",
        "id_number": _id_number(n) if natural else f"91511302MA{n:08d}",
        "contact_person": "" if natural else "经办人",
        "phone": f"1390818{n % 10000:04d}",
        "email": "",
        "address": "示范县城关街道人民路 1 号",
        "postcode": "639900",
        "description": f"申请公开{topic}。",
        "form_wanted": rng.choice(["electronic", "paper"]),
        "way_wanted": rng.choice(["post", "online", "pickup"]),
    }


@demo_step("400-inforequests")
def requests(ctx: DemoContext) -> None:
    region = ctx.region
    services.letter_templates_seed(region=region)
    if InfoRequest.objects.filter(region=region, receipt_note__startswith=MARK).exists():
        return
    cal = get_calendar()
    real_today = services.today()
    anchor = real_today if cal.knows(real_today.year) else dt.date(2026, 11, 23)
    anchor = min(anchor, real_today)
    rng = random.Random(20260401)
    units = [ctx.unit(name) for name in UNITS]
    office = ctx.user("office")

    def actors(unit):
        clerk, head = HANDLERS.get(unit.short_name, (None, None))
        return (ctx.user(clerk) if clerk else office_clerk(unit)), (
            ctx.user(head) if head else office
        )

    clerks: dict[int, object] = {}

    def office_clerk(unit):
        # Units without a demo clerk: a demo handler account created once for the demo.
        if unit.pk not in clerks:
            from gongkai.orgs.models import RoleAssignment, User
            from gongkai.orgs.roles import Role

            user, _ = User.objects.get_or_create(
                username=f"demo_ir_{unit.code}", defaults={"display_name": f"{unit.label}经办人"}
            )
            RoleAssignment.objects.get_or_create(
                user=user, region=region, unit=unit, role=Role.CLERK
            )
            clerks[unit.pk] = user
        return clerks[unit.pk]

    outcomes = [o.code for o in OUTCOMES if o.code not in CLOSING_OUTCOMES]
    start = dt.date(2025, 1, 6)
    made = 0
    # 138 decided cases spread over 2025 to the autumn of 2026, then 12 open or recent ones.
    span = max(cal.between(start, anchor) - 45, 60)
    for n in range(150):
        recent = n >= 138
        if recent:
            received = _back(cal, anchor, (150 - n) * 2)
        else:
            received = cal.add(start, int(span * n / 138))
        unit = units[n % len(units)]
        clerk, head = actors(unit)
        topic = TOPICS[(n * 7) % len(TOPICS)] if n % 3 else TOPICS[n % 4]
        channel = rng.choice(
            ["online", "online", "in_person", "registered_post", "letter", "email"]
        )
        try:
            with _as_of(received):
                request = services.info_request_register(
                    region=region,
                    unit=unit,
                    applicant=_applicant(rng, n, topic),
                    channel=channel,
                    received_on=received,
                    receipt_note=f"{MARK}：{received:%Y-%m-%d} 与申请人确认收到",
                    actor=clerk,
                )
            made += 1
            _play(cal, request, n, clerk, head, office, outcomes, received, anchor, recent)
        except CalendarYearMissing:
            continue
    ctx.say(f"已创建依申请公开演示申请 {made} 件")


def _back(cal, day: dt.date, workdays: int) -> dt.date:
    while workdays > 0:
        day -= dt.timedelta(days=1)
        if cal.is_workday(day):
            workdays -= 1
    return day


def _play(cal, request, n, clerk, head, office, outcomes, received, anchor, recent) -> None:
    """Take one case through the steps its number selects."""

    def at(day):
        return _as_of(min(day, anchor))

    day = received
    if recent:
        state = n - 138  # 0..11: every open state and the last steps
        if state in (1, 2):
            with at(day):
                services.info_request_request_correction(
                    request=request,
                    actor=clerk,
                    date=day,
                    items="请写明所需信息的名称或文号",
                    period_workdays=15,
                )
            return
        if state == 0:
            return  # 待审核
        with at(day):
            services.info_request_accept(request=request, actor=clerk)
        if state in (3, 4):
            return  # 办理中
        if state in (5, 6):
            with at(day):
                services.info_request_start_consultation(
                    request=request,
                    actor=clerk,
                    date=day,
                    kind="third_party",
                    party="示范县某建设有限公司",
                )
            return
        if state == 7:
            with at(day):
                services.info_request_send_fee_notice(
                    request=request, actor=clerk, method="by_volume", sent_on=day, pages=60
                )
            return
        with at(day):
            services.info_request_reply(
                request=request,
                actor=clerk,
                outcome="disclosed",
                reply_type="provided",
                date=day,
                facts="已通过电子邮件提供。",
            )
            services.letter_generate(request=request, actor=clerk)
        if state >= 10:
            with at(day):
                services.info_request_deliver(
                    request=request, actor=clerk, method="online", date=day
                )
        return

    outcome = outcomes[n % len(outcomes)]
    # A correction for some, a consultation and an extension for others, a fee for a few.
    if n % 9 == 4:
        notice = cal.add(day, 3)
        with at(notice):
            services.info_request_request_correction(
                request=request,
                actor=clerk,
                date=notice,
                items="请写明所需信息的名称、文号",
                period_workdays=10,
            )
        if n % 18 == 4:  # never corrected: deemed abandoned
            close = cal.add(notice, 11)
            with at(close):
                services.info_request_close_abandoned(request=request, actor=clerk, date=close)
            _finish(cal, request, n, clerk, close, anchor)
            return
        day = cal.add(notice, 4)
        with at(day):
            services.info_request_receive_correction(request=request, actor=clerk, date=day)
        if outcome == "disclosed" and n % 2:
            outcome = "unavailable_unclear"
    elif outcome == "unavailable_unclear":
        outcome = "unavailable_not_held"
    with at(day):
        services.info_request_accept(request=request, actor=clerk)
    if n % 7 == 3:
        start = cal.add(day, 5)
        end = cal.add(start, 8)
        with at(start):
            services.info_request_start_consultation(
                request=request, actor=clerk, date=start, kind="third_party", party="相关企业"
            )
        with at(end):
            services.info_request_end_consultation(
                request=request, actor=clerk, date=end, opinion="不同意公开报价部分"
            )
        day = end
    if n % 11 == 5:
        notice = cal.add(day, 2)
        with at(notice):
            services.info_request_extend(
                request=request,
                actor=head,
                date=notice,
                workdays=15,
                reason="需要调取档案，材料较多",
            )
        day = notice
    if n % 23 == 7:
        sent = cal.add(day, 2)
        with at(sent):
            services.info_request_send_fee_notice(
                request=request, actor=clerk, method="by_volume", sent_on=sent, pages=120
            )
        if n % 46 == 7:  # not paid in time
            close = cal.add(sent, 21)
            with at(close):
                services.info_request_close_abandoned(request=request, actor=clerk, date=close)
            _finish(cal, request, n, clerk, close, anchor)
            return
        day = cal.add(sent, 5)
        with at(day):
            services.info_request_record_payment(request=request, actor=clerk, date=day)
    # A few are late: replied after the due date.
    request.refresh_from_db()
    due = request.due_on or cal.add(day, 10)
    reply_day = cal.add(due, 3) if n % 17 == 2 else max(day, _back(cal, due, 4))
    info = next(o for o in OUTCOMES if o.code == outcome)
    withheld = (
        [
            {
                "part": "施工单位报价明细",
                "reason": "涉及第三方商业秘密，第三方不同意公开（条例第三十二条）",
            }
        ]
        if outcome == "partial"
        else []
    )
    with at(reply_day):
        services.info_request_reply(
            request=request,
            actor=clerk,
            outcome=outcome,
            reply_type=info.reply_types[0],
            date=reply_day,
            facts=f"经审查，{info.full_label}。",
            withheld=withheld,
            other_agency="示范县自然资源和规划局（电话 0999-5550199）"
            if info.reply_types[0] == "not_ours"
            else "",
        )
        if n % 20 == 0:  # letters for some (each PDF takes a moment to typeset)
            services.letter_generate(request=request, actor=clerk)
    _finish(cal, request, n, clerk, reply_day, anchor)


def _finish(cal, request, n, clerk, day, anchor) -> None:
    delivered = cal.add(day, 1)
    if delivered > anchor:
        return
    with _as_of(delivered):
        services.info_request_deliver(
            request=request,
            actor=clerk,
            method="post" if n % 2 else "online",
            date=delivered,
            tracking_no=f"EMS{9800000000 + n}" if n % 2 else "",
        )
        if n % 5:
            services.info_request_archive(
                request=request, actor=clerk, public=n % 4 == 1, consent=n % 4 == 1
            )
    if n % 13 == 6:
        filed = cal.add(delivered, 10)
        decided = cal.add(filed, 40)
        kind = ["reconsideration", "litigation_direct", "litigation_after"][n % 3]
        result = ["upheld", "corrected", "other", "pending"][n % 4]
        if decided > anchor:
            result = "pending"
        if filed > anchor:
            return
        with _as_of(min(max(decided, filed), anchor)):
            services.appeal_record(
                request=request,
                actor=clerk,
                kind=kind,
                body="示范县人民政府" if kind == "reconsideration" else "示范县人民法院",
                filed_on=filed,
                result=result,
                decided_on=decided if result != "pending" else None,
            )

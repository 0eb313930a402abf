"""The demo county's 2026 ledger: imported from its plan document (plan_2026.txt, written for
示范县 in the shape of real plans), names mapped, published, progress at various stages.

Report dates are in 2026, so that against 2026-11-23 (the date the tour is written for) some parts
are done on time, some late, some sent back, some due within two weeks and some overdue.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from gongkai.orgs.demo import DemoAccount, DemoContext, demo_step

PLAN_FILE = Path(__file__).parent / "plan_2026.txt"
DOC_NUMBER = "示府办〔2026〕5号"

# More clerks for the units the ledger follows: (username, name, unit).
CLERKS = [
    ("sfj_clerk", "何勇", "县司法局"),
    ("gkb_clerk", "林慧", "县政务公开办"),
    ("rsj_clerk", "高峰", "县人社局"),
]

# (task order, unit, reporter, status, percent, text, date, review, comment, evidence)
REPORTS = [
    (
        1,
        "县司法局",
        "sfj_clerk",
        "done",
        None,
        "已完成规范性文件集中清理，现行有效文件 86 件在政策文件库统一发布。",
        (2026, 6, 18),
        "accept",
        "",
        ["https://www.shifan.gov.example/zcwjk/"],
    ),
    (
        2,
        "县司法局",
        "sfj_clerk",
        "in_progress",
        60,
        "已完成 2020 年以来文件的效力标注，更早文件正在核对。",
        (2026, 8, 20),
        "accept",
        "",
        [],
    ),
    (
        2,
        "县政务公开办",
        "gkb_clerk",
        "done",
        None,
        "政策文件库已上线效力状态筛选。",
        (2026, 10, 12),
        "accept",
        "",
        [],
    ),
    (
        3,
        "县发改局",
        "fgj_clerk",
        "ongoing",
        None,
        "上半年发布解读 12 篇，形式包括图文、视频、问答。",
        (2026, 7, 1),
        "accept",
        "",
        [],
    ),
    (
        3,
        "县教体局",
        "jtj_clerk",
        "ongoing",
        None,
        "招生政策配发图解和问答。",
        (2026, 9, 5),
        "",
        "",
        [],
    ),
    (
        4,
        "县发改局",
        "fgj_clerk",
        "done",
        None,
        "局长于 9 月 28 日在县政府网站在线访谈解读“十五五”规划编制。",
        (2026, 10, 20),
        "accept",
        "",
        ["https://www.shifan.gov.example/zxft/2026-09/"],
    ),
    (
        4,
        "县教体局",
        "jtj_clerk",
        "done",
        None,
        "已完成解读。",
        (2026, 10, 28),
        "send_back",
        "请补充解读的链接和形式（主要负责人解读）。",
        [],
    ),
    (
        5,
        "县发改局",
        "fgj_clerk",
        "done",
        None,
        "政策兑现专栏已开设，收录政策 53 项。",
        (2026, 5, 25),
        "accept",
        "",
        ["https://www.shifan.gov.example/zcdx/"],
    ),
    (
        6,
        "县教体局",
        "jtj_clerk",
        "done",
        None,
        "招生入学政策 5 月公开，录取结果 8 月 25 日公开。",
        (2026, 8, 28),
        "accept",
        "",
        [],
    ),
    (
        7,
        "县人社局",
        "rsj_clerk",
        "in_progress",
        70,
        "申领条件和流程已公开，补贴结果正在汇总。",
        (2026, 11, 10),
        "",
        "",
        [],
    ),
    (
        8,
        "城关街道",
        "cg_clerk",
        "done",
        None,
        "目录已更新并上墙、上网。",
        (2026, 7, 20),
        "accept",
        "",
        [],
    ),
    (
        9,
        "城关街道",
        "cg_clerk",
        "ongoing",
        None,
        "12 个社区公开栏已建成，第三季度已更新。",
        (2026, 9, 30),
        "accept",
        "",
        [],
    ),
    (
        10,
        "县政务公开办",
        "gkb_clerk",
        "in_progress",
        50,
        "三审制度已落实，适老化改造已完成招标。",
        (2026, 11, 1),
        "accept",
        "",
        [],
    ),
    (
        12,
        "县政务公开办",
        "gkb_clerk",
        "done",
        None,
        "6 月、9 月各举办培训 1 次，覆盖县直部门和乡镇。",
        (2026, 9, 20),
        "accept",
        "",
        [],
    ),
    (
        13,
        "县政务公开办",
        "gkb_clerk",
        "in_progress",
        80,
        "1—10 月网民留言全部按期答复。",
        (2026, 10, 31),
        "accept",
        "",
        [],
    ),
]


def _ensure_clerks(ctx: DemoContext) -> None:
    from gongkai.orgs import services
    from gongkai.orgs.demo import DEMO_PASSWORD
    from gongkai.orgs.models import User
    from gongkai.orgs.roles import Role

    for username, name, unit_name in CLERKS:
        unit = ctx.unit(unit_name)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.user_create(
                actor=None, username=username, display_name=name, password=DEMO_PASSWORD
            )
        if not user.roles.filter(unit=unit, role=Role.CLERK).exists():
            services.role_assign(actor=None, user=user, role=Role.CLERK, unit=unit)
        ctx.accounts.append(DemoAccount(username, name, unit.label, Role.CLERK.label))


@demo_step("500-workplan-ledger")
def ledger(ctx: DemoContext) -> None:
    from gongkai.workplan import services
    from gongkai.workplan.models import TaskAssignment, WorkPlan

    _ensure_clerks(ctx)
    if WorkPlan.objects.filter(region=ctx.region, doc_number=DOC_NUMBER).exists():
        return
    office = ctx.user("office")
    plan = services.plan_import(
        actor=office, region=ctx.region, data=PLAN_FILE.read_bytes(), filename="2026年工作要点.txt"
    )
    services.name_map(
        actor=office, plan=plan, name="县大数据发展局", units=[ctx.unit("县大数据中心")]
    )
    services.name_map(
        actor=office,
        plan=plan,
        name="开设政务新媒体的县级部门（单位）",
        units=[ctx.unit(n) for n in ("县发改局", "县教体局", "县融媒体中心", "县文旅局")],
    )
    services.plan_publish(actor=office, plan=plan)
    services.plan_set_public(actor=office, plan=plan, public=True)
    for order, unit_name, who, status, percent, text, day, review, comment, urls in REPORTS:
        part = TaskAssignment.objects.get(
            task__plan=plan, task__order=order, unit=ctx.unit(unit_name)
        )
        at = timezone.make_aware(dt.datetime(*day, 10, 30))
        report = services.progress_report(
            actor=ctx.user(who),
            assignment=part,
            status=status,
            percent=percent,
            text=text,
            evidence_urls=urls,
            at=at,
        )
        if review:
            services.progress_review(
                actor=office, report=report, accept=review == "accept", comment=comment
            )
    ctx.say(f"已导入并发布工作要点台账：{plan.title}（{plan.tasks.count()}项任务）")

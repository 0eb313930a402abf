"""Demo data: the demo county's annual reports.

- 2023 and 2024: imported as earlier years' reports (numbers made up, consistent with the form
  and with each other: 2023's carried-out row is 2024's carried-in, and 2024 carries nothing
  into 2025, when the demo requests begin), for the county and a few departments, so that the
  year-on-year comparisons have something to show;
- 2025: every unit's and the county's report opened from the demo records, its prose completed,
  figures entered, reviewed and published in January (the county's in March); except 县发改局's,
  left in draft for the tour (its clerk completes it and its three reviewers publish it).
"""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from gongkai.orgs.demo import DemoContext, demo_step

from . import form
from .models import AnnualReport

LEFT_FOR_THE_TOUR = "县发改局"
PAST_UNITS = ("县教体局", "县人社局", "县住建局", "县卫健局")


def _past_tables(rng: random.Random, *, carried_in: dict[str, int], carried_out_total: int):
    """Tables that satisfy every invariant: per column, new + carried in = decided + carried out."""
    tables = form.empty_tables(form.FORMAT_2021)
    s3 = tables["section3"]
    parts = form.S3_PARTS
    weights = {
        "自然人": 8,
        "商业企业": 2,
        "科研机构": 0,
        "社会公益组织": 0,
        "法律服务机构": 1,
        "其他": 1,
    }
    results = s3["三、本年度办理结果"]
    leaves = []
    for group, subs in form.result_groups(form.FORMAT_2021):
        if subs:
            leaves += [results[group][sub] for sub in subs]
        else:
            leaves.append(results[group])
    out_left = carried_out_total
    for column in parts:
        new = rng.randint(0, 3) * weights[column] // 2 + (weights[column] and rng.randint(0, 2))
        into = carried_in.get(column, 0)
        out = min(out_left, rng.randint(0, 1)) if new + into else 0
        out_left -= out
        decided = new + into - out
        s3["一、本年新收政府信息公开申请数量"][column] = new
        s3["二、上年结转政府信息公开申请数量"][column] = into
        s3["四、结转下年度继续办理"][column] = out
        results["（七）总计"][column] = decided
        # Most decided requests are disclosed; the rest spread over a few reasons.
        for _ in range(decided):
            leaf = leaves[0] if rng.random() < 0.55 else rng.choice(leaves[:12])
            leaf[column] += 1
    for row in [*leaves, results["（七）总计"], *(s3[k] for k in s3 if k != "三、本年度办理结果")]:
        row["总计"] = sum(row[c] for c in parts)
    normative = tables["section2"]["第二十条第（一）项"]["行政规范性文件"]
    normative.update(本年制发件数=rng.randint(0, 6), 本年废止件数=rng.randint(0, 2))
    normative["现行有效件数"] = rng.randint(8, 30)
    tables["section2"]["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] = rng.randint(0, 900)
    tables["section2"]["第二十条第（六）项"]["行政处罚"]["本年处理决定数量"] = rng.randint(0, 80)
    tables["section2"]["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（万元）"] = round(
        rng.uniform(0, 60), 2
    )
    return tables


def _past(ctx: DemoContext, rng: random.Random, unit, year: int, tables) -> None:
    from .services import report_import

    existing = AnnualReport.objects.filter(region=ctx.region, year=year)
    existing = existing.filter(unit=unit) if unit is not None else existing.filter(scope="region")
    if existing.exists():
        return
    scope = ctx.region.name if unit is None else unit.name
    sections = {
        **tables,
        "section1": f"{year}年，{scope}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作稳步推进。",
        "section5": "存在的问题：政策解读形式还不够丰富。改进措施：加强图解、视频等多元化解读。",
        "section6": "本年度未收取信息处理费。",
    }
    parsed = SimpleNamespace(
        format=form.FORMAT_2021,
        year=year,
        title=f"{scope}{year}年政府信息公开工作年度报告",
        sections=sections,
        findings=[],
    )
    report_import(actor=None, region=ctx.region, unit=unit, parsed=parsed)


def _complete(report: AnnualReport, rng: random.Random) -> None:
    from .services import report_enter, report_set_prose

    def fill(text: str) -> str:
        return (
            text.replace(
                "【请补充：政府网站、政务新媒体、政府公报等公开平台的建设和管理情况】",
                "依托县政府门户网站政府信息公开专栏集中发布信息，政务新媒体账号均按要求运维、定期自查。",
            )
            .replace(
                "【请补充：工作机构、人员、培训、考核和社会评议等情况】",
                "明确分管负责人和专人负责政务公开工作，全年参加县级业务培训两次。",
            )
            .replace("【请补充：存在的其他主要问题】", "信息发布的及时性还有提升空间。")
            .replace("【请补充：改进措施】", "进一步落实公开前审查和发布时限要求。")
            .replace("【请补充：落实上级年度政务公开工作要点情况】", "按照年度工作要点逐项落实。")
            .replace("【请补充：如无，写“无”】", "无。")
        )

    report_set_prose(
        actor=None,
        report=report,
        section1=fill(report.section1),
        section5=fill(report.section5),
        section6=fill(report.section6),
    )
    report_enter(
        actor=None,
        report=report,
        values={
            "section2|第二十条第（五）项|行政许可|本年处理决定数量": rng.randint(0, 600),
            "section2|第二十条第（六）项|行政处罚|本年处理决定数量": rng.randint(0, 50),
            "section2|第二十条第（六）项|行政强制|本年处理决定数量": rng.randint(0, 5),
            "section2|第二十条第（八）项|行政事业性收费|本年收费金额（万元）": str(
                round(rng.uniform(0, 30), 2)
            ),
        },
    )


@demo_step("600-reports")
def reports(ctx: DemoContext) -> None:
    from .services import report_approve, report_submit, reports_open_year

    rng = random.Random(2025)
    region = ctx.region
    past_scopes = [None, *(ctx.unit(name) for name in PAST_UNITS)]
    for unit in past_scopes:
        carried = {"自然人": 1, "商业企业": 1} if unit is None else {"自然人": 1}
        t2023 = _past_tables(rng, carried_in={}, carried_out_total=sum(carried.values()))
        into_2024 = t2023["section3"]["四、结转下年度继续办理"]
        t2024 = _past_tables(
            rng, carried_in={c: into_2024[c] for c in form.S3_PARTS}, carried_out_total=0
        )
        _past(ctx, rng, unit, 2023, t2023)
        _past(ctx, rng, unit, 2024, t2024)

    reports_open_year(actor=None, region=region, year=2025)
    tour = ctx.unit(LEFT_FOR_THE_TOUR)
    drafts = AnnualReport.objects.filter(
        region=region, year=2025, status=AnnualReport.Status.DRAFT
    ).select_related("unit")
    for report in drafts.order_by("pk"):
        if report.unit_id == tour.pk and not report.is_region:
            continue
        _complete(report, rng)
        report = report_submit(actor=None, report=report)
        day = dt.date(2026, 3, 20) if report.is_region else dt.date(2026, 1, rng.randint(12, 29))
        while report.status != AnnualReport.Status.PUBLISHED:
            report = report_approve(actor=None, report=report, published_on=day)
    ctx.say(
        f"年度报告：2023–2024 年往年报告 {2 * len(past_scopes)} 份（导入），"
        f"2025 年各单位和本级政府报告（{LEFT_FOR_THE_TOUR}的留作草稿）。"
    )

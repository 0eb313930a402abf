"""Plausible documents in bulk, for the demo county and for benchmarks (up to millions of rows).

`generate_documents(region, n, seed)` writes published documents straight to the database with
bulk_create in batches — not through the workflow services, which would audit every step; these
stand for a library's history (as an import would). Titles, doc numbers, dates over ten years,
topics, genres, validity and disclosure vary the way a county's library does; bodies are 300–5,000
characters of government prose assembled from phrase templates written for Gongkai.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import CatalogColumn, Document, IndexCounter, Topic
from .richtext import paragraphs_html
from .services.documents import format_index_no

# Unit name fragment → (topic class, subjects the unit writes about).
THEMES: list[tuple[str, str, list[str]]] = [
    (
        "发展和改革",
        "国民经济管理、国有资产监管",
        [
            "重点项目建设",
            "营商环境优化",
            "价格监测",
            "以工代赈",
            "社会信用体系建设",
            "粮食安全储备",
            "节能降碳",
        ],
    ),
    (
        "教育",
        "科技、教育",
        [
            "义务教育学生资助",
            "学前教育普惠发展",
            "校园安全管理",
            "教师队伍建设",
            "课后服务",
            "全民健身设施建设",
        ],
    ),
    (
        "人力资源",
        "劳动、人事、监察",
        [
            "高校毕业生就业创业",
            "农民工工资支付保障",
            "城乡居民养老保险",
            "职业技能提升培训",
            "事业单位公开招聘",
        ],
    ),
    (
        "住房",
        "城乡建设、环境保护",
        ["老旧小区改造", "保障性租赁住房", "建筑施工安全", "物业服务管理", "城镇燃气安全整治"],
    ),
    (
        "卫生",
        "卫生、体育",
        ["基本公共卫生服务", "家庭医生签约服务", "传染病防控", "医疗机构监管", "妇幼健康服务"],
    ),
    (
        "市场监督",
        "市场监管、安全生产监管",
        ["食品安全监督抽检", "特种设备安全", "知识产权保护", "个体工商户培育", "计量器具检定"],
    ),
    (
        "司法",
        "公安、安全、司法",
        ["法治政府建设", "公共法律服务", "人民调解", "行政执法监督", "普法宣传教育"],
    ),
    (
        "财政",
        "财政、金融、审计",
        ["预算绩效管理", "政府采购监管", "惠民惠农财政补贴", "国有资产管理", "财政资金直达"],
    ),
    (
        "民政",
        "民政、扶贫、救灾",
        ["城乡最低生活保障", "特困人员救助供养", "养老服务体系建设", "临时救助", "殡葬改革"],
    ),
    (
        "自然资源",
        "国土资源、能源",
        ["国土空间规划", "耕地保护", "集体土地征收", "不动产登记", "矿产资源开发管理"],
    ),
    (
        "生态环境",
        "城乡建设、环境保护",
        ["大气污染防治", "水污染防治", "土壤污染防治", "环境影响评价", "生态环境保护督察整改"],
    ),
    (
        "应急",
        "综合政务",
        ["安全生产专项整治", "防汛抗旱", "森林防灭火", "应急预案管理", "自然灾害救助"],
    ),
    ("医疗保障", "卫生、体育", ["城乡居民医疗保险", "医疗救助", "医保基金监管", "异地就医结算"]),
    ("交通", "工业、交通", ["农村公路建设养护", "道路运输安全", "城乡公交一体化", "货车超限治理"]),
    (
        "农业",
        "农业、林业、水利",
        [
            "高标准农田建设",
            "耕地地力保护补贴",
            "农村人居环境整治",
            "动物疫病防控",
            "农产品质量安全",
        ],
    ),
    ("水务", "农业、林业、水利", ["农村饮水安全", "河长制", "水资源管理", "水土保持"]),
    ("文化", "文化、广电、新闻出版", ["公共文化服务", "文物保护", "文旅融合发展", "旅游市场整治"]),
    (
        "政府办公室",
        "综合政务",
        ["政务公开", "政务服务“一网通办”", "督查督办", "政务新媒体管理", "12345热线办理"],
    ),
    (
        "人民政府",
        "综合政务",
        [
            "国民经济和社会发展计划",
            "重大行政决策",
            "乡村振兴",
            "民生实事",
            "防汛救灾",
            "行政规范性文件管理",
        ],
    ),
    ("街道", "民政、扶贫、救灾", ["社区治理", "城市管理", "网格化服务管理", "居民自治"]),
    ("镇", "农业、林业、水利", ["乡村振兴", "农村人居环境整治", "村级财务公开", "耕地保护"]),
    ("乡", "农业、林业、水利", ["乡村振兴", "农村危房改造", "村务公开", "森林防火"]),
]
DEFAULT_THEME = ("综合政务", ["政务公开", "安全生产", "民生实事", "作风建设"])

GENRE_WEIGHTS = [
    ("通知", 30),
    ("意见", 8),
    ("办法", 7),
    ("方案", 10),
    ("公告", 6),
    ("通告", 4),
    ("报告", 6),
    ("批复", 5),
    ("函", 5),
    ("规划", 3),
    ("计划", 4),
    ("决定", 3),
    ("规定", 2),
    ("细则", 2),
    ("纪要", 2),
    ("指南", 2),
    ("其他", 1),
]
NORMATIVE_GENRES = {"办法", "规定", "细则", "意见", "决定", "通知"}

TITLES: dict[str, list[str]] = {
    "通知": [
        "关于做好{year}年{subject}工作的通知",
        "关于印发《{place}{subject}实施方案》的通知",
        "关于进一步加强{subject}工作的通知",
        "关于开展{subject}专项行动的通知",
    ],
    "意见": ["关于进一步加强{subject}的实施意见", "关于推进{subject}高质量发展的意见"],
    "办法": ["{place}{subject}管理办法", "{place}{subject}管理暂行办法"],
    "方案": [
        "{place}{year}年{subject}工作方案",
        "{place}{subject}三年行动方案（{year}—{year2}年）",
    ],
    "公告": ["关于{subject}有关事项的公告", "关于{year}年{subject}的公告"],
    "通告": ["关于{subject}的通告", "关于开展{subject}集中整治的通告"],
    "报告": ["关于{year}年{subject}工作情况的报告", "关于{subject}工作推进情况的报告"],
    "批复": ["关于同意{subject}有关事项的批复", "关于{subject}实施方案的批复"],
    "函": ["关于{subject}有关事项的函", "关于商请支持{subject}工作的函"],
    "规划": ["{place}“十四五”{subject}规划", "{place}{subject}专项规划（{year}—{year2}年）"],
    "计划": ["{place}{year}年{subject}工作计划", "{place}{year}年{subject}实施计划"],
    "决定": ["关于{subject}的决定", "关于表彰{year}年度{subject}先进集体和先进个人的决定"],
    "规定": ["{place}{subject}若干规定"],
    "细则": ["{place}{subject}实施细则"],
    "纪要": ["{subject}专题会议纪要"],
    "指南": ["{place}{subject}办事指南"],
    "其他": ["{place}{year}年{subject}工作要点"],
}

OPENINGS = [
    "为深入贯彻落实党中央、国务院和省委、省政府关于{subject}的决策部署，进一步提升{subject}工作水平，"
    "结合我县实际，现就有关事项{verb}如下。",
    "根据《中华人民共和国政府信息公开条例》和上级有关文件精神，为规范{subject}工作，"
    "切实保障人民群众合法权益，现{verb}如下。",
    "{year}年以来，全县上下围绕{subject}目标任务，压实责任、狠抓落实，各项工作取得积极进展。"
    "为巩固成果、补齐短板，现{verb}如下。",
]
HEADINGS = [
    ["一、总体要求", "二、主要任务", "三、保障措施"],
    ["一、工作目标", "二、重点内容", "三、实施步骤", "四、工作要求"],
    ["一、适用范围", "二、职责分工", "三、办理程序", "四、监督管理", "五、附则"],
]
SENTENCES = [
    "各乡镇（街道）、县级各部门要把{subject}摆在突出位置，主要负责同志亲自抓、负总责。",
    "到{year2}年底，{subject}覆盖率达到{pct}%以上，群众满意度明显提升。",
    "县{unit}牵头负责{subject}的统筹协调、政策指导和监督检查，各有关单位按照职责分工抓好落实。",
    "建立健全{subject}工作台账，实行清单化管理、项目化推进，每月{day}日前报送工作进展。",
    "严格落实“谁主管谁负责、谁审批谁负责”的要求，对{subject}中发现的问题限期整改、逐项销号。",
    "县财政每年安排专项资金{money}万元，统筹用于{subject}，资金使用情况按规定向社会公开。",
    "加强政策宣传解读，通过政府网站、政务新媒体和公开查阅点及时发布{subject}相关信息。",
    "申请人应当提交身份证明、申请表及相关材料，经办机构自受理之日起{days}个工作日内办结。",
    "对工作推进不力、造成不良影响的单位和个人，依规依纪严肃追究责任。",
    "鼓励社会力量参与{subject}，引导企业、社会组织和志愿者发挥积极作用。",
    "健全跨部门协同机制，推动数据共享和业务协同，提高{subject}的精准度和便利度。",
    "{year}年计划完成{subject}项目{count}个，总投资约{money}万元，年内开工率达到{pct}%。",
    "各单位要加强对{subject}实施情况的跟踪评估，及时总结经验做法，研究解决新情况新问题。",
    "本{kind}自印发之日起施行，有效期{term}年。此前有关规定与本{kind}不一致的，以本{kind}为准。",
]
CLOSINGS = ["特此通知。", "请认真贯彻执行。", "特此公告。", "以上报告，请审议。", "此复。"]

BATCH = 2000


def _pick_weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _theme_for(unit: Any) -> tuple[str, list[str]]:
    for fragment, topic, subjects in THEMES:
        if fragment in unit.name:
            return topic, subjects
    return DEFAULT_THEME


def _issuer_code(region: Any, unit: Any) -> str:
    prefix = (region.short_name or "示")[0]
    if unit.kind == "government":
        return f"{prefix}府发"
    if unit.kind == "office":
        return f"{prefix}府办发"
    short = (unit.short_name or unit.name).removeprefix("县").removesuffix("局")
    short = short.removesuffix("街道").removesuffix("镇").removesuffix("乡")
    return f"{prefix}{short[:3]}发"


SLOTS: dict[str, Callable[[random.Random], Any]] = {
    "pct": lambda r: r.choice((80, 85, 90, 95, 98)),
    "day": lambda r: r.choice((5, 10, 25)),
    "money": lambda r: r.choice((50, 120, 300, 500, 1200, 3000)),
    "days": lambda r: r.choice((5, 7, 10, 15, 20)),
    "count": lambda r: r.randint(3, 60),
    "term": lambda r: r.choice((2, 3, 5)),
}


class _Slots(dict):
    """The document's context; numbers are drawn only when a template asks for them."""

    def __init__(self, rng: random.Random, ctx: dict[str, Any]) -> None:
        super().__init__(ctx)
        self.rng = rng

    def __missing__(self, key: str) -> Any:
        return SLOTS[key](self.rng)


def _fill(template: str, rng: random.Random, ctx: dict[str, Any]) -> str:
    return template.format_map(_Slots(rng, ctx))


def _body(rng: random.Random, ctx: dict[str, Any], target: int) -> str:
    """About ``target`` characters (never under it, at most one sentence over it)."""
    head = [
        "各乡镇人民政府、街道办事处，县级各部门：" if ctx["county"] else "各有关单位：",
        _fill(rng.choice(OPENINGS), rng, ctx),
    ]
    closing = rng.choice(CLOSINGS)
    headings = rng.choice(HEADINGS)
    sections: list[list[str]] = [[] for _ in headings]
    length = sum(len(x) + 1 for x in head) + sum(len(h) + 1 for h in headings) + len(closing)
    i = 0
    while length < target:
        items = sections[i % len(headings)]
        sentence = (
            f"（{'一二三四五六七八九十'[len(items) % 10]}）{_fill(rng.choice(SENTENCES), rng, ctx)}"
        )
        items.append(sentence)
        length += len(sentence) + 1
        i += 1
    lines = list(head)
    for heading, items in zip(headings, sections, strict=True):
        lines.append(heading)
        lines.extend(items)
    lines.append(closing)
    return "\n".join(lines)


def generate_documents(
    region: Any,
    n: int,
    seed: int = 0,
    *,
    units: list[Any] | None = None,
    years: int = 10,
    end: dt.date | None = None,
    batch_size: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> list[int]:
    """Write ``n`` published documents for ``region``; returns their ids (in creation order)."""
    rng = random.Random(seed)
    end = end or timezone.localdate()
    start = end - dt.timedelta(days=365 * years)
    units = list(units) if units is not None else list(region.units.filter(is_active=True))
    if not units or n <= 0:
        return []
    subtopics: dict[str, list[Topic]] = {}
    for topic in Topic.objects.filter(parent__isnull=False).select_related("parent"):
        subtopics.setdefault(topic.parent.name, []).append(topic)
    columns = {c.code: c for c in CatalogColumn.objects.filter(region__isnull=True)}
    counters = {(c.unit_id, c.year): c.last for c in IndexCounter.objects.filter(unit__in=units)}
    numbers: dict[tuple[str, int], int] = {}
    place = region.short_name
    through = Document.catalog_columns.through
    ids: list[int] = []
    span = (end - start).days
    tz = timezone.get_current_timezone()
    done = 0
    while done < n:
        rows, columns_for = [], []
        for _ in range(min(batch_size, n - done)):
            unit = rng.choice(units)
            topic_name, subjects = _theme_for(unit)
            subject = rng.choice(subjects)
            genre = _pick_weighted(rng, GENRE_WEIGHTS)
            written = start + dt.timedelta(days=rng.randrange(span))
            year = written.year
            published = min(end, written + dt.timedelta(days=rng.randint(1, 15)))
            ctx = {
                "subject": subject,
                "year": year,
                "year2": year + 2,
                "place": place,
                "unit": (unit.short_name or unit.name).removeprefix("县"),
                "verb": "通知" if genre == "通知" else "明确",
                "kind": genre,
                "county": unit.kind in ("government", "office"),
            }
            title = _fill(rng.choice(TITLES[genre]), rng, ctx)
            text = _body(rng, ctx, rng.randint(300, 4900))
            key = (unit.pk, year)
            counters[key] = counters.get(key, 0) + 1
            issuer = _issuer_code(region, unit)
            has_number = genre not in ("公告", "通告", "指南", "其他") or rng.random() < 0.3
            if has_number:
                numbers[(issuer, year)] = numbers.get((issuer, year), 0) + 1
            normative = (
                genre in NORMATIVE_GENRES
                and unit.kind in ("government", "office", "department")
                and rng.random() < 0.35
            )
            roll = rng.random()
            validity, until = Document.Validity.VALID, None
            if normative and rng.random() < 0.5:
                until = written + dt.timedelta(days=365 * rng.choice([2, 3, 5]))
            if roll < 0.07:
                validity = Document.Validity.REPEALED
            elif roll < 0.14:
                validity = Document.Validity.AMENDED
            elif until and until < end:
                validity = Document.Validity.EXPIRED
            disclosure, reason = Document.Disclosure.PROACTIVE, ""
            if rng.random() < 0.05:
                disclosure = Document.Disclosure.ON_REQUEST
                reason = "条例第十六条：内部事务信息"
            at = dt.datetime.combine(
                published, dt.time(9 + rng.randrange(8), rng.randrange(60)), tzinfo=tz
            )
            number = numbers.get((issuer, year)) if has_number else None
            rows.append(
                Document(
                    region=region,
                    unit=unit,
                    index_no=format_index_no(region, unit, year, counters[key]),
                    title=title,
                    doc_number=f"{issuer}〔{year}〕{number}号" if number else "",
                    issuer_code=issuer if number else "",
                    doc_year=year if number else None,
                    doc_serial=number,
                    written_on=written,
                    published_on=published,
                    topic=rng.choice(subtopics.get(topic_name) or [None]),
                    genre=genre,
                    keywords=f"{subject} {genre}",
                    is_normative=normative,
                    needs_interpretation=normative or rng.random() < 0.05,
                    validity=validity,
                    effective_from=written if normative else None,
                    effective_until=until,
                    disclosure=disclosure,
                    disclosure_reason=reason,
                    body=paragraphs_html(text),
                    body_text=text,
                    summary=text.split("\n")[1][:100],
                    status=Document.Status.PUBLISHED,
                    review_level_done=unit.review_levels,
                    published_at=at,
                    created_at=at,
                    updated_at=at,
                )
            )
            code = (
                "fgwj"
                if normative
                else {"规划": "ghjh", "计划": "ghjh", "方案": "ghjh", "报告": "tjxx"}.get(genre)
            )
            columns_for.append(columns.get(code) if code else None)
        with transaction.atomic():
            created = Document.objects.bulk_create(rows)
            through.objects.bulk_create(
                [
                    through(document_id=d.pk, catalogcolumn_id=c.pk)
                    for d, c in zip(created, columns_for, strict=True)
                    if c is not None
                ]
            )
        ids.extend(d.pk for d in created)
        done += len(rows)
        if progress:
            progress(done)
    _save_counters(units, counters)
    return ids


def _save_counters(units: list[Any], counters: dict[tuple[int, int], int]) -> None:
    wanted = {u.pk for u in units}
    existing = {(c.unit_id, c.year): c for c in IndexCounter.objects.filter(unit_id__in=wanted)}
    new = []
    for (unit_id, year), last in counters.items():
        row = existing.get((unit_id, year))
        if row is None:
            new.append(IndexCounter(unit_id=unit_id, year=year, last=last))
        elif row.last < last:
            row.last = last
            row.save(update_fields=["last"])
    IndexCounter.objects.bulk_create(new)

# ruff: noqa: E501  (vocabulary lists read better unbroken; SQL values are parameters)
"""Full-text search at scale: index throughput, query latency, and the ratio against LIKE.

    .venv/bin/python -m benchmarks.bench_search 100000            # scratch SQLite database
    DATABASE_URL=postgres://…/gongkai_bench .venv/bin/python -m benchmarks.bench_search 100000

Builds an index of N synthetic entries of government prose (22 topics with their own vocabulary,
shared administrative phrasing, titles like 示范县X局关于…的通知, 发文字号, dates over ten years,
bodies of 300–2,000 characters), then runs 200 realistic queries (1–3 words, half with a filter
on unit, topic, genre or a date range) through `gongkai.core.search.search` — page 1, 20 hits,
snippets, facet counts for unit/topic/genre — and reports p50/p95/p99. The baseline is what many
government CMSs do: `title LIKE '%q%' OR body LIKE '%q%'` with a count and the newest 20, over
the same stored text (run on a subset of the queries, since each one scans everything).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time

TOPICS = {
    "教育": "义务教育 学前教育 招生入学 教师队伍 校园安全 职业教育 学生资助 课后服务 教育质量 学校建设",
    "卫生健康": "医疗保障 公共卫生 疾病预防 家庭医生 基层医疗 健康管理 医共体 药品采购 妇幼保健 卫生院",
    "民政": "最低生活保障 低保 特困供养 养老服务 社会救助 殡葬管理 婚姻登记 儿童福利 社区治理 残疾人补贴",
    "人社": "就业创业 社会保险 养老保险 劳动关系 职业技能培训 农民工工资 人才引进 失业保险 工伤保险 公益性岗位",
    "住建": "住房保障 城镇老旧小区改造 建筑施工 物业管理 城市更新 燃气安全 房地产市场 公租房 棚户区改造 建筑节能",
    "交通": "农村公路 交通运输 客运站 道路养护 公交线路 交通安全 桥梁建设 物流配送 出租汽车 路网规划",
    "农业农村": "乡村振兴 高标准农田 粮食生产 农村人居环境 种业 耕地保护 农民专业合作社 农产品质量 动物防疫 土地流转",
    "生态环境": "大气污染防治 水污染防治 河长制 生态保护 环境影响评价 噪声污染 固体废物 垃圾分类 秸秆禁烧 碳达峰",
    "市场监管": "食品安全 特种设备 价格监督 消费者权益 市场主体登记 药品安全 知识产权 计量检定 广告监管 产品质量",
    "财政": "预算公开 决算公开 政府采购 专项资金 财政补贴 债务管理 惠民惠农 国有资产 绩效评价 转移支付",
    "应急管理": "安全生产 防汛抗旱 森林防火 地质灾害 应急预案 危险化学品 消防安全 应急救援 隐患排查 自然灾害",
    "发展改革": "营商环境 重点项目 招商引资 价格调控 投资审批 规划纲要 以工代赈 项目储备 产业园区 数字经济",
    "政务公开": "政务公开 依申请公开 政府信息公开 政策解读 政府公报 政务新媒体 基层政务公开 信息公开年报 公开目录 政务服务",
    "自然资源": "国土空间规划 不动产登记 土地征收 矿产资源 耕地占补平衡 土地出让 测绘地理 林长制 地质勘查 用地审批",
    "水利": "水库除险加固 农村饮水安全 河道治理 水土保持 灌区改造 防洪工程 水资源管理 山洪灾害 节水型社会 水利工程",
    "文旅": "文化旅游 非物质文化遗产 公共文化服务 旅游景区 文物保护 全民健身 图书馆 文艺演出 乡村旅游 体育赛事",
    "公安司法": "法治政府 行政执法 公共法律服务 人民调解 扫黑除恶 普法宣传 行政复议 社区矫正 法律援助 治安管理",
    "退役军人": "优抚对象 退役安置 拥军优属 烈士褒扬 光荣牌 就业帮扶 双拥工作 军休服务 优待证 抚恤补助",
    "统计": "统计公报 经济普查 人口普查 统计数据 国民经济 统计调查 统计执法 数据质量 统计年鉴 抽样调查",
    "商务": "消费促进 外贸出口 电子商务 商贸流通 市场供应 对外开放 县域商业 家电下乡 展会活动 外商投资",
    "审计": "审计整改 经济责任审计 审计报告 专项审计 预算执行审计 审计监督 问题线索 审计公告 内部审计 审计发现",
    "机构编制": "机构改革 职能转变 编制管理 权责清单 行政审批改革 放管服 机构设置 人员编制 事业单位改革 一网通办",
}
TOPIC_WORDS = {t: w.split() for t, w in TOPICS.items()}
TOPIC_NAMES = list(TOPICS)
GENERIC_VERBS = [
    "进一步加强",
    "全面推进",
    "认真落实",
    "切实做好",
    "持续深化",
    "统筹推进",
    "扎实开展",
    "不断完善",
    "加快推进",
    "着力提升",
    "严格规范",
    "大力实施",
]
GENERIC_NOUNS = [
    "工作机制",
    "责任体系",
    "监督管理",
    "服务水平",
    "工作方案",
    "考核评价",
    "信息报送",
    "宣传引导",
    "组织领导",
    "保障措施",
    "资金使用",
    "制度建设",
    "队伍建设",
    "风险防控",
    "示范创建",
]
SUBJECTS = [
    "各乡镇人民政府",
    "县级各部门",
    "有关单位",
    "各街道办事处",
    "县直各单位",
    "各村（社区）",
    "相关企业",
    "牵头单位",
    "责任单位",
    "各级各部门",
]
CLOSINGS = [
    "本通知自印发之日起施行。",
    "请各单位结合实际，认真贯彻执行。",
    "执行中遇到的问题，请及时向县人民政府办公室反映。",
    "联系人：县政府办公室综合股，联系电话：0818-2345678。",
]
UNITS = [
    f"县{n}"
    for n in [
        "政府办公室",
        "发展和改革局",
        "教育局",
        "卫生健康局",
        "民政局",
        "人力资源和社会保障局",
        "住房和城乡建设局",
        "交通运输局",
        "农业农村局",
        "生态环境局",
        "市场监督管理局",
        "财政局",
        "应急管理局",
        "自然资源局",
        "水利局",
        "文化广播电视和旅游局",
        "司法局",
        "退役军人事务局",
        "统计局",
        "商务局",
        "审计局",
        "委编办",
    ]
]
ISSUERS = [
    "渠府办",
    "渠府发",
    "渠府函",
    "渠发改",
    "渠教",
    "渠卫健",
    "渠民政",
    "渠人社",
    "渠住建",
    "渠交运",
    "渠农",
    "渠环",
    "渠市监",
    "渠财",
    "渠应急",
    "渠自然资",
    "渠水",
    "渠文旅",
    "渠司",
    "渠退役",
    "渠统",
    "渠商",
]
GENRES = ["通知", "意见", "办法", "方案", "公告", "报告", "规定", "批复", "通报", "函"]
VALIDITY = ["现行有效"] * 8 + ["已修改", "已废止", "失效"]
DISCLOSURE = ["主动公开"] * 9 + ["依申请公开"]
START = dt.date(2015, 1, 1)

SEARCH = {
    "name": "bench_library",
    "filters": {
        "region": int,
        "unit": int,
        "topic": int,
        "genre": str,
        "validity": str,
        "disclosure": str,
        "has_interpretation": bool,
    },
    "date_field": "published_on",
}


def _sentence(rng: random.Random, words: list[str]) -> str:
    a, b = rng.choice(words), rng.choice(words)
    forms = (
        f"{rng.choice(GENERIC_VERBS)}{a}{rng.choice(GENERIC_NOUNS)}，{rng.choice(SUBJECTS)}要{rng.choice(GENERIC_VERBS)}{b}。",
        f"围绕{a}和{b}，{rng.choice(GENERIC_VERBS)}{rng.choice(GENERIC_NOUNS)}，确保各项任务落到实处。",
        f"{rng.choice(SUBJECTS)}应当按照有关规定做好{a}工作，{rng.choice(GENERIC_VERBS)}{rng.choice(GENERIC_NOUNS)}。",
        f"截至{rng.randint(2015, 2025)}年底，全县累计完成{a}{rng.randint(2, 980)}项，投入资金{rng.randint(10, 9000)}万元。",
        f"对{b}中发现的问题，{rng.choice(SUBJECTS)}须于{rng.randint(5, 30)}个工作日内整改到位。",
    )
    return rng.choice(forms)


def generate(n: int, seed: int = 1, *, chronological: bool = False):
    """N IndexEntry objects of plausible government prose, lazily; with `chronological`, dates
    rise with the key (as an archive export is usually ordered) instead of being random."""
    from gongkai.core.search import IndexEntry

    rng = random.Random(seed)
    for i in range(n):
        t = rng.randrange(len(TOPIC_NAMES))
        topic = TOPIC_NAMES[t]
        words = TOPIC_WORDS[topic]
        other = TOPIC_WORDS[rng.choice(TOPIC_NAMES)]
        unit = t if rng.random() < 0.7 else rng.randrange(len(UNITS))
        genre = rng.choice(GENRES)
        if chronological:
            date = START + dt.timedelta(days=i * 3650 // n)
        else:
            date = START + dt.timedelta(days=rng.randrange(3650))
        paragraphs, length, target = [], 0, rng.randint(300, 2000)
        while length < target:
            s = _sentence(rng, words if rng.random() < 0.8 else other)
            paragraphs.append(s)
            length += len(s)
        body = "".join(paragraphs) + rng.choice(CLOSINGS)
        title = (
            f"示范{UNITS[unit]}关于{rng.choice(GENERIC_VERBS)}{rng.choice(words)}"
            f"{rng.choice(GENERIC_NOUNS)}的{genre}"
        )
        number = f"{ISSUERS[unit]}〔{date.year}〕{rng.randint(1, 300)}号"
        yield IndexEntry(
            key=f"doc{i}",
            title=title,
            doc_number=number,
            body=body,
            filters={
                "region": 1,
                "unit": unit,
                "topic": t,
                "genre": genre,
                "validity": rng.choice(VALIDITY),
                "disclosure": rng.choice(DISCLOSURE),
                "has_interpretation": rng.random() < 0.2,
            },
            date=date,
        )


def queries(count: int, seed: int):
    """(text, filters, date_from, date_to): 1–3 words a citizen would type, half filtered."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        topic = rng.choice(TOPIC_NAMES)
        n = rng.choice([1, 1, 2, 2, 3])
        pool = TOPIC_WORDS[topic] + rng.sample(GENERIC_NOUNS, 3)
        words = rng.sample(pool, n)
        if n >= 2 and rng.random() < 0.5:
            words[-1] = words[-1][:2]  # people type short words too
        filters, lo, hi = {}, None, None
        if i % 2:
            kind = rng.choice(["unit", "topic", "genre", "date"])
            if kind == "unit":
                filters["unit"] = TOPIC_NAMES.index(topic)
            elif kind == "topic":
                filters["topic"] = TOPIC_NAMES.index(topic)
            elif kind == "genre":
                filters["genre"] = rng.choice(GENRES)
            else:
                lo = dt.date(rng.randint(2015, 2023), 1, 1)
                hi = lo + dt.timedelta(days=rng.choice([365, 730]))
        out.append((" ".join(words), filters, lo, hi))
    return out


def load() -> str:
    """The machine's load average (1 minute), to print with every figure: the benchmarks run on
    machines shared with other work."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def _figures(label: str, ms: list[float]) -> str:
    return (
        f"{label}: p50 {_pct(ms, 50):.1f} ms, p95 {_pct(ms, 95):.1f} ms, p99 {_pct(ms, 99):.1f} ms,"
        f" mean {statistics.mean(ms):.1f} ms"
    )


def _like(cursor, index_name, text, filters, lo, hi):
    """The usual CMS search: every word as LIKE over title and body, a count and the newest 20."""
    from gongkai.core.search import get_index

    idx = get_index(index_name)
    where, params = ["d.index_name = %s"], [index_name]
    for word in text.split():
        where.append("(t.title LIKE %s OR t.body LIKE %s)")
        params += [f"%{word}%", f"%{word}%"]
    for name, value in filters.items():
        where.append(f"d.{idx.column(name)} = %s")
        params.append(value)
    if lo:
        where += ["d.date >= %s", "d.date <= %s"]
        params += [lo, hi]
    sql = f"FROM core_searchdoc d JOIN core_searchtext t ON t.id = d.id WHERE {' AND '.join(where)}"
    cursor.execute(f"SELECT count(*) {sql}", params)
    cursor.fetchone()
    cursor.execute(f"SELECT d.key {sql} ORDER BY d.date DESC LIMIT 20", params)
    cursor.fetchall()


def run(
    n: int = 100_000, *, like_queries: int = 20, rebuild: bool = True, chronological: bool = False
) -> dict:
    from django.db import connection

    from gongkai.core.search import SearchIndex, reindex_all, search
    from gongkai.core.text import segment

    idx = SearchIndex(**SEARCH)
    vendor = connection.vendor
    results: dict = {"n": n, "vendor": vendor}
    segment.get_tokenizer()

    if rebuild:
        step = max(1, n // 10)
        last = [0]

        def progress(p):
            if p.done - last[0] >= step or p.done == n:
                last[0] = p.done
                print(f"  indexed {p.done:>9,} ({p.rate:,.0f} entries/s)", flush=True)

        started = time.perf_counter()
        entries = generate(n, chronological=chronological)
        final = reindex_all(idx, entries, batch=2000, progress=progress)
        seconds = time.perf_counter() - started
        results["index_rate"] = n / seconds
        print(
            f"index ({vendor}): {n:,} entries in {seconds:,.0f} s = {n / seconds:,.0f} entries/s;"
            f" load {load()}"
            f" ({'chronological' if chronological else 'random'} dates; generation and"
            " optimize/analyze included)"
        )
        del final

    warm = queries(200, seed=7)
    measured = queries(200, seed=11)
    for text, filters, lo, hi in warm:
        search(
            idx, text, filters=filters, date_from=lo, date_to=hi, facets=["unit", "topic", "genre"]
        )

    with_facets, without, totals = [], [], []
    load_before = load()
    for text, filters, lo, hi in measured:
        t0 = time.perf_counter()
        result = search(
            idx, text, filters=filters, date_from=lo, date_to=hi, facets=["unit", "topic", "genre"]
        )
        with_facets.append((time.perf_counter() - t0) * 1000)
        totals.append(result.total)
        t0 = time.perf_counter()
        search(idx, text, filters=filters, date_from=lo, date_to=hi)
        without.append((time.perf_counter() - t0) * 1000)
    print(
        f"queries: 200 (1–3 words, half filtered); matches per query: median"
        f" {statistics.median(totals):,.0f}, max {max(totals):,}; load {load_before} → {load()}"
    )
    print("  " + _figures("search + facets (unit/topic/genre)", with_facets))
    print("  " + _figures("search without facets", without))
    doc_number_ms = []
    for text in ["渠府办2021 54", "渠教〔2019〕12号", "渠民政 2020 7号", "渠财[2018]33号"] * 5:
        t0 = time.perf_counter()
        search(idx, text)
        doc_number_ms.append((time.perf_counter() - t0) * 1000)
    print("  " + _figures("loose 发文字号 queries", doc_number_ms))
    results.update(
        p50=_pct(with_facets, 50),
        p95=_pct(with_facets, 95),
        p99=_pct(with_facets, 99),
        p95_nofacets=_pct(without, 95),
    )

    like_ms, fts_ms = [], []
    with connection.cursor() as cursor:
        for text, filters, lo, hi in measured[:like_queries]:
            t0 = time.perf_counter()
            _like(cursor, idx.name, text, filters, lo, hi)
            like_ms.append((time.perf_counter() - t0) * 1000)
    fts_ms = with_facets[:like_queries]
    ratio = statistics.median(like_ms) / statistics.median(fts_ms)
    print(
        f"  LIKE '%…%' scan ({like_queries} of the queries): p50 {_pct(like_ms, 50):,.0f} ms,"
        f" p95 {_pct(like_ms, 95):,.0f} ms — median {ratio:,.0f}× slower than the index;"
        f" load {load()}"
    )
    results["like_ratio"] = ratio
    return results


def main(argv: list[str]) -> int:
    n = int(argv[1].replace("_", "").replace(",", "")) if len(argv) > 1 else 100_000
    rebuild = "--no-rebuild" not in argv
    chronological = "--chronological" in argv
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="gongkai-bench-search-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from benchmarks.__main__ import machine

    print(f"machine: {machine()}")
    print(f"database: {os.environ['DATABASE_URL'].split('://')[0]} ({os.environ['DATABASE_URL']})")
    like = int(argv[argv.index("--like-queries") + 1]) if "--like-queries" in argv else 20
    run(n, rebuild=rebuild, chronological=chronological, like_queries=like)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The classification lists loaded by migration 0002 (and re-loadable: `load_taxonomy`).

主题分类 follows the 22 classes of the central government's policy library; the sub-classes are
those government sites commonly show. 法定主动公开内容 follows 条例第二十条、第二十一条. The
基层政务公开标准目录 areas are those of 国办发〔2019〕54号 (LAW.md).
"""

from __future__ import annotations

TOPICS: list[tuple[str, list[str]]] = [
    (
        "国务院组织机构",
        [
            "国务院办公厅",
            "国务院组成部门",
            "国务院直属机构",
            "国务院办事机构",
            "国务院直属事业单位",
            "国务院部委管理的国家局",
            "议事协调机构",
            "其他",
        ],
    ),
    (
        "综合政务",
        ["政务公开", "政务督查", "应急管理", "电子政务", "信访", "文秘与档案", "机构编制", "其他"],
    ),
    (
        "国民经济管理、国有资产监管",
        [
            "发展规划",
            "宏观经济",
            "经济体制改革",
            "价格",
            "统计",
            "国有资产监管",
            "营商环境",
            "其他",
        ],
    ),
    ("财政、金融、审计", ["财政", "税务", "金融", "审计", "政府债务", "其他"]),
    ("国土资源、能源", ["土地", "矿产", "测绘", "地质", "能源", "电力", "其他"]),
    ("农业、林业、水利", ["农业、畜牧业、渔业", "林业", "水利", "乡村振兴", "气象、水文", "其他"]),
    ("工业、交通", ["工业", "交通", "信息产业（含电信）", "邮政", "其他"]),
    ("商贸、海关、旅游", ["国内贸易（含供销）", "对外经贸合作", "海关、口岸", "旅游", "其他"]),
    (
        "市场监管、安全生产监管",
        ["市场监管", "安全生产", "食品药品监管", "质量监督", "知识产权", "其他"],
    ),
    (
        "城乡建设、环境保护",
        [
            "城市规划",
            "城乡建设（含住房）",
            "市政",
            "环境监测、保护与治理",
            "节能与资源综合利用",
            "其他",
        ],
    ),
    ("科技、教育", ["科技", "教育", "其他"]),
    ("文化、广电、新闻出版", ["文化", "广播影视", "新闻出版", "文物", "其他"]),
    ("卫生、体育", ["卫生", "医疗保障", "体育", "其他"]),
    ("人口与计划生育、妇女儿童工作", ["人口与计划生育", "妇女儿童", "老龄工作", "其他"]),
    ("劳动、人事、监察", ["劳动就业", "社会保障", "人事工作", "公务员管理", "监察", "其他"]),
    ("公安、安全、司法", ["公安", "国家安全", "司法", "法治政府建设", "其他"]),
    (
        "民政、扶贫、救灾",
        ["社会救助", "社会福利", "减灾救灾", "扶贫（乡村振兴）", "社区建设", "优抚安置", "其他"],
    ),
    ("民族、宗教", ["民族事务", "宗教事务", "其他"]),
    ("对外事务", ["外事", "国际交流合作", "其他"]),
    ("港澳台侨工作", ["港澳工作", "台湾工作", "华侨工作", "其他"]),
    ("国防", ["国防动员", "民兵预备役", "人民防空", "其他"]),
    ("其他", ["其他"]),
]

# (code, name, basis): 条例第二十条 for every organ, 第二十一条 for counties and townships too.
CATALOG_COLUMNS: list[tuple[str, str, str]] = [
    ("jgzn", "机构职能", "条例第二十条第（二）项、第（十五）项"),
    ("fgwj", "法规文件（规章、行政规范性文件）", "条例第二十条第（一）项"),
    ("ghjh", "规划计划", "条例第二十条第（三）项"),
    ("tjxx", "统计信息", "条例第二十条第（四）项"),
    ("xzxk", "行政许可", "条例第二十条第（五）项、第（六）项"),
    ("xzcf", "行政处罚", "条例第二十条第（六）项"),
    ("xzqz", "行政强制", "条例第二十条第（六）项"),
    ("czyjs", "财政预决算", "条例第二十条第（八）项"),
    ("sfxm", "收费项目", "条例第二十条第（九）项"),
    ("zfcg", "政府采购", "条例第二十条第（十）项"),
    ("zdjsxm", "重大建设项目", "条例第二十条第（十一）项"),
    ("msxx", "民生（扶贫、教育、医疗、社保、就业）", "条例第二十条第（十二）项"),
    ("tfsj", "突发事件", "条例第二十条第（十三）项"),
    ("jdjc", "监督检查", "条例第二十条第（十四）项"),
    ("gwyzk", "公务员招考", "条例第二十条第（十五）项"),
    ("cxjs", "城乡建设（市政、征收、救助、农村）", "条例第二十一条"),
]

STANDARD_AREAS: list[str] = [
    "重大建设项目",
    "公共资源交易",
    "财政预决算",
    "安全生产",
    "保障性住房",
    "农村危房改造",
    "公共文化服务",
    "公共法律服务",
    "乡村振兴",
    "救灾",
    "食品药品监管",
    "就业",
    "社会保险",
    "社会救助",
    "养老服务",
    "户籍管理",
    "涉农补贴",
    "义务教育",
    "卫生健康",
    "自然资源",
    "城乡规划",
    "税收管理",
    "征地补偿",
    "房屋征收与补偿",
    "生态环境",
    "城市综合执法",
    "市政服务",
]


def load_taxonomy(Topic, CatalogColumn, StandardCatalogArea) -> None:
    """Create what is missing (by code); never touches rows an administrator has edited."""
    for i, (name, subs) in enumerate(TOPICS, start=1):
        top, _ = Topic.objects.get_or_create(code=f"{i:02d}", defaults={"name": name, "sort": i})
        for j, sub in enumerate(subs, start=1):
            Topic.objects.get_or_create(
                code=f"{i:02d}{j:02d}", defaults={"name": sub, "parent": top, "sort": j}
            )
    for i, (code, name, basis) in enumerate(CATALOG_COLUMNS, start=1):
        CatalogColumn.objects.get_or_create(
            region=None, code=code, defaults={"name": name, "basis": basis, "sort": i}
        )
    for i, name in enumerate(STANDARD_AREAS, start=1):
        StandardCatalogArea.objects.get_or_create(
            code=f"area{i:02d}", defaults={"name": name, "sort": i}
        )

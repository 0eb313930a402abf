# ruff: noqa: E501  (templates of Chinese prose read better unbroken)
"""A labelled corpus for measuring the secrecy and privacy scanner (`pii.scan`).

`generate(n, seed)` writes `n` documents of plausible county-government prose (notices, replies to
information requests, work summaries, subsidy lists) into which it plants, at known offsets:

- true positives of every kind: GB 11643-valid ID numbers (correct check character, X included),
  mobile numbers (plain, 138-0013-8000, 138 0013 8000, +86), landlines (0818-2345678,
  （028）85123456转801, …), Luhn-valid card numbers (plain and in groups of four, with and without
  账号：), e-mail addresses, and secrecy marks where documents put them (机密★5年 on the first line,
  密级：秘密 in a metadata table, 内部资料，注意保存);
- hard negatives the scanner must leave alone: IDs with a wrong check character, 18-digit codes
  with an impossible birth date, Luhn-invalid 16-digit contract numbers, dates (2026-10-08),
  发文字号, 索引号 (000014349/2017-00110), amounts (1234567.89元, 13500000000元), phone-like digits
  inside 20-digit serial numbers, masked numbers (138****8000), postcodes, credit codes, and the
  prose uses of 秘密/机密/内部 (保守国家秘密, 内部控制, 机密性, 内部事务信息 as a 不予公开 reason).

One honest limit: 16–19-digit numbers that pass Luhn and begin with a card issuer digit are
indistinguishable from card numbers, so the corpus does not plant them as negatives — the scanner
reports them as *suspected* and a reviewer releases them.

`evaluate(corpus)` matches findings to labels (same kind, overlapping span) and returns
precision, recall, tp, fp, fn per kind and overall.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import pii


@dataclass
class LabelledDocument:
    text: str
    labels: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.labels: list[tuple[str, int, int]] = []

    def text(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def planted(self, kind: str, s: str) -> None:
        self.labels.append((kind, self.length, self.length + len(s)))
        self.text(s)

    def sentence(self, template: str, **slots: tuple[str | None, str]) -> None:
        """Write a template like '电话：{phone}。' whose slots are (kind or None, text)."""
        rest = template
        while "{" in rest:
            before, _, tail = rest.partition("{")
            name, _, rest = tail.partition("}")
            self.text(before)
            kind, value = slots[name]
            if kind:
                self.planted(kind, value)
            else:
                self.text(value)
        self.text(rest)

    def build(self) -> LabelledDocument:
        return LabelledDocument("".join(self.parts), self.labels)


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕春梅德林"
COUNTIES = ["渠县", "平昌县", "冠县", "示范县", "大竹县", "宣汉县"]
UNITS = ["县发展和改革局", "县财政局", "县人力资源和社会保障局", "县自然资源局", "县住房和城乡建设局",
         "县教育局", "县卫生健康局", "县市场监督管理局", "县政务服务和大数据管理局", "城关镇人民政府"]  # fmt: skip
TOPICS = ["政务公开", "营商环境", "乡村振兴", "安全生产", "义务教育", "医疗保障", "农村人居环境整治",
          "城乡低保", "耕地保护", "政务服务“一网通办”"]  # fmt: skip
BANKS = [
    "中国农业银行",
    "中国工商银行",
    "中国建设银行",
    "中国银行",
    "四川农村信用社",
    "邮政储蓄银行",
]
MOBILE_PREFIXES = [*range(130, 140), 145, 147, *range(150, 154), *range(155, 160), 166,
                   *range(170, 179), *range(180, 190), 191, 198, 199]  # fmt: skip
AREA_CODES = ["010", "021", "023", "028", "0818", "0817", "0816", "0755", "0635", "0827"]
MAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "dazhou.gov.cn",
                "sc.gov.cn", "outlook.com"]  # fmt: skip
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
PROVINCES = sorted(pii._PROVINCES - {"71", "81", "82", "83"})

PROSE = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提升{topic}工作质效，结合我县实际，制定本方案。",
    "{unit}要切实履行主体责任，明确分管领导和具体经办人员，确保各项任务落到实处。",
    "各乡镇（街道）、县级各部门要高度重视{topic}工作，把它作为转变政府职能的重要抓手。",
    "{year}年，全县共主动公开政府信息{n}条，其中政策文件{m}件，政策解读{k}篇。",
    "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "对照基层政务公开标准目录，逐项梳理公开事项，动态更新公开内容。",
    "加强政策解读，做到政策文件与解读材料同步组织、同步审签、同步部署。",
    "依法依规做好依申请公开工作，规范受理、审查、处理、答复等环节。",
    "本年度共收到政府信息公开申请{m}件，已按期办结{k}件，结转下年度办理{s}件。",
    "{unit}于{date}召开专题会议，研究部署{topic}重点工作。",
    "进一步优化政务新媒体矩阵，及时回应社会关切，正确引导舆论。",
    "强化督促检查，将{topic}工作纳入年度目标绩效考核，考核结果在全县范围内通报。",
    "充分利用12345热线、政府网站和政务新媒体收集群众意见建议。",
    "本方案自印发之日起施行，有效期{s}年。",
    "全年共举办政府开放日活动{s}场，邀请群众代表{n}人次参加。",
    "项目总投资{money}万元，其中中央预算内资金{m}万元。",
    "请各单位于{date}前将工作总结报送县政务公开办公室。",
    "坚持“谁公开、谁审查、谁负责”原则，严格落实公开前保密审查制度。",
]
HARD_NEGATIVE_PROSE = [
    "各单位要严格遵守《中华人民共和国保守国家秘密法》，工作人员应当保守秘密，不得泄露。",
    "健全内部控制制度，规范财政资金管理，防范廉政风险。",
    "加强政务数据安全管理，确保数据的机密性、完整性和可用性。",
    "经审查，您申请公开的信息属于国家秘密，根据《中华人民共和国政府信息公开条例》第十四条的规定，不予公开。",
    "您申请获取的信息属于行政机关的内部事务信息，根据《条例》第十六条第一款的规定，可以不予公开。",
    "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。",
    "对拟公开的信息，要依照《保密法》等规定进行保密审查，严防泄露国家秘密和工作秘密。",
    "机关内部管理信息和过程性信息可以不予公开。",
    "定密工作应当依法确定密级为绝密、机密、秘密三级，并标明保密期限。",
]
LINE_START_NEGATIVES = [
    "内部控制制度建设方面，全县{n}个预算单位均已完成内控手册编制。",
    "秘密载体管理方面，严格落实登记、签收、清退制度。",
    "机密文件管理和保密教育培训已纳入年度工作计划。",
    "内部审计发现问题{k}个，已全部整改到位。",
    "注意保存好办事凭证，以备查验。",
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _date(rng: random.Random, lo: int = 2015, hi: int = 2026) -> dt.date:
    return dt.date(lo, 1, 1) + dt.timedelta(
        days=rng.randrange((dt.date(hi, 12, 31) - dt.date(lo, 1, 1)).days)
    )


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def valid_id(rng: random.Random) -> str:
    born = _date(rng, 1940, 2008)
    first17 = (
        f"{rng.choice(PROVINCES)}{rng.randint(100, 9999):04d}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    )
    check = pii.id_check_char(first17)
    if check == "X" and rng.random() < 0.2:
        check = "x"
    if rng.random() < 0.05:
        return f"{first17[:6]} {first17[6:14]} {first17[14:]}{check}"
    return first17 + check


def wrong_checksum_id(rng: random.Random) -> str:
    first17 = valid_id(rng).replace(" ", "")[:17]
    return first17 + rng.choice([c for c in "0123456789X" if c != pii.id_check_char(first17)])


def impossible_18_digits(rng: random.Random) -> str:
    """18 digits that are neither an ID (impossible date) nor a Luhn-valid card."""
    while True:
        s = f"{rng.choice(PROVINCES)}{rng.randint(0, 9999):04d}{rng.randint(1900, 2020)}{rng.choice(['13', '00', '19'])}{rng.randint(0, 99999999):08d}"
        s = s[:18]
        if not pii.is_valid_id_number(s) and not pii.luhn_valid(s):
            return s


def luhn_complete(body: str) -> str:
    for d in "0123456789":
        if pii.luhn_valid(body + d):
            return body + d
    raise AssertionError("unreachable")


def card(rng: random.Random) -> str:
    length = rng.choice([16, 16, 19, 19, 17, 18])
    body = rng.choice(["6222", "6217", "6228", "6214", "6212", "4367", "5187", "6013"])
    body += "".join(rng.choice("0123456789") for _ in range(length - 1 - len(body)))
    number = luhn_complete(body)
    if length in (16, 19) and rng.random() < 0.4:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def luhn_invalid_16(rng: random.Random) -> str:
    while True:
        s = rng.choice("3456") + "".join(rng.choice("0123456789") for _ in range(15))
        if not pii.luhn_valid(s):
            return s


def mobile(rng: random.Random) -> str:
    digits = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99999999):08d}"
    style = rng.random()
    if style < 0.55:
        return digits
    if style < 0.6:
        return digits.translate(_FULL_WIDTH)
    if style < 0.75:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if style < 0.9:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return f"+86 {digits}"


def landline(rng: random.Random) -> str:
    area = rng.choice(AREA_CODES)
    local = str(rng.randint(2, 8)) + "".join(
        rng.choice("0123456789") for _ in range(7 if len(area) == 3 else rng.choice([6, 7]))
    )
    style = rng.random()
    number = (
        f"{area}-{local}"
        if style < 0.55
        else f"（{area}）{local}"
        if style < 0.7
        else f"({area}){local}"
        if style < 0.8
        else f"{area} {local}"
        if style < 0.85
        else f"{area}—{local}"
        if style < 0.9
        else f"{area}{local}"
    )
    if rng.random() < 0.1:
        number += rng.choice(["转", "-"]) + str(rng.randint(100, 8999))
    return number


def email(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    local = rng.choice(
        [
            "".join(rng.choice(letters) for _ in range(rng.randint(3, 10))),
            str(rng.randint(10000, 9999999999)),
            "".join(rng.choice(letters) for _ in range(4))
            + "."
            + "".join(rng.choice(letters) for _ in range(3)),
            "gkb" + str(rng.randint(1, 99)),
        ]
    )
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        topic=rng.choice(TOPICS),
        unit=rng.choice(UNITS),
        year=rng.randint(2015, 2026),
        n=rng.randint(100, 9000),
        m=rng.randint(10, 900),
        k=rng.randint(1, 90),
        s=rng.randint(1, 9),
        money=rng.randint(100, 99999),
        date=_cn_date(_date(rng)),
    )


def _plant_positive(b: _Builder, rng: random.Random) -> None:
    kind = rng.choice(
        [pii.ID_NUMBER, pii.MOBILE, pii.MOBILE, pii.LANDLINE, pii.BANK_CARD, pii.EMAIL]
    )
    name = (None, _name(rng))
    if kind == pii.ID_NUMBER:
        template = rng.choice(
            [
                "申请人{name}（身份证号码：{x}）于{date}通过网上平台提交政府信息公开申请。",
                "{name}，公民身份号码{x}，住{county}城关镇。",
                "序号{seq} {name} {x} 城乡低保 已发放",
                "经核查，{name}（{x}）符合补助条件。",
            ]
        )
    elif kind == pii.MOBILE:
        template = rng.choice(
            [
                "联系人：{name}，联系电话：{x}。",
                "如有疑问，请联系{name}（手机{x}）。",
                "序号{seq} {name} {x} {county}城关镇",
                "申请人{name}留下的联系方式为{x}，请经办人及时联系。",
            ]
        )
    elif kind == pii.LANDLINE:
        template = rng.choice(
            [
                "咨询电话：{x}。",
                "监督举报电话：{x}，联系人：{name}。",
                "请拨打{x}与{name}联系。",
                "联系方式：{x}（工作日）。",
            ]
        )
    elif kind == pii.BANK_CARD:
        template = rng.choice(
            [
                "补助资金已打入{name}的银行卡{x}。",
                "开户银行：{bank}{county}支行，账号：{x}。",
                "序号{seq} {name} {x} {bank} 已到账",
                "收款人{name}，卡号{x}。",
            ]
        )
    else:
        template = rng.choice(
            [
                "来信请发送至电子邮箱{x}。",
                "{name}的电子邮箱为{x}，请及时回复。",
                "电子邮箱：{x}",
                "申请人通过{x}提交了补正材料。",
            ]
        )
    value = {
        pii.ID_NUMBER: valid_id,
        pii.MOBILE: mobile,
        pii.LANDLINE: landline,
        pii.BANK_CARD: card,
        pii.EMAIL: email,
    }[kind](rng)
    b.sentence(
        template,
        x=(kind, value),
        name=name,
        date=(None, _cn_date(_date(rng))),
        county=(None, rng.choice(COUNTIES)),
        bank=(None, rng.choice(BANKS)),
        seq=(None, str(rng.randint(1, 300))),
    )


def _plant_negative(b: _Builder, rng: random.Random) -> None:
    d = _date(rng)
    choices: list[Callable[[], str]] = [
        lambda: f"经核对，申请表所填身份证号码{wrong_checksum_id(rng)}校验位有误，请申请人补正。",
        lambda: f"项目代码：{impossible_18_digits(rng)}。",
        lambda: f"合同编号：{luhn_invalid_16(rng)}。",
        lambda: f"成文日期：{d:%Y-%m-%d}，发布日期：{d:%Y.%m.%d}。",
        lambda: (
            f"根据《关于印发〈{rng.choice(TOPICS)}工作要点〉的通知》（渠府办〔{d.year}〕{rng.randint(1, 200)}号）要求，"
        ),
        lambda: f"索引号：{rng.randint(0, 99999999):09d}/{d.year}-{rng.randint(1, 99999):05d}",
        lambda: (
            f"索引号：11511725MB{rng.randint(1000000, 9999999)}X/{d.year}-{rng.randint(1, 99999):05d}"
        ),
        lambda: f"全年累计支出{rng.randint(100000, 99999999)}.{rng.randint(10, 99)}元。",
        lambda: f"总投资{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99999999):08d}元。",
        lambda: (
            f"业务流水号{d.year}{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99999999):08d}{rng.randint(0, 99999):05d}。"
        ),
        lambda: (
            f"联系电话：{rng.choice(MOBILE_PREFIXES)}****{rng.randint(0, 9999):04d}（已隐去）。"
        ),
        lambda: (
            f"身份证号：{rng.choice(PROVINCES)}{rng.randint(1000, 9999)}**********{rng.randint(100, 999)}X。"
        ),
        lambda: (
            f"邮政编码：{rng.randint(600000, 699999)}。统一社会信用代码：{rng.randint(11510000, 11519999)}MB{rng.randint(1000000, 9999999)}X。"
        ),
        lambda: (
            f"（{d.year}）川{rng.randint(1000, 1799)}行初{rng.randint(1, 300)}号行政判决已生效。"
        ),
        lambda: f"办理时间：{d:%Y-%m-%d} 09:00—12:00，14:30—17:30。",
        lambda: (
            f"全年受理群众诉求{rng.randint(1000, 99999)}件，办结率{rng.randint(90, 99)}.{rng.randint(0, 9)}%。"
        ),
        lambda: f"{d.year}—{d.year + 5}年规划确定了{rng.randint(10, 99)}项重点任务。",
        lambda: rng.choice(HARD_NEGATIVE_PROSE),
        lambda: f"群众可拨打12345政务服务便民热线或{rng.choice(AREA_CODES)}-12345反映问题。",
        lambda: f"客服电话：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}。",
        lambda: (
            f"项目位于东经{rng.randint(100, 110)}.{rng.randint(100000, 999999)}度，北纬{rng.randint(28, 32)}.{rng.randint(100000, 999999)}度。"
        ),
        lambda: (
            f"{d.year}年{d.month:02d}月{d.day:02d}日{rng.randint(8, 17):02d}时，共{rng.randint(10, 999)}人参加。"
        ),
    ]
    b.text(rng.choice(choices)())


def _plant_mark(b: _Builder, rng: random.Random, position: str) -> None:
    if position == "head":
        mark = rng.choice(["机密★5年", "秘密★1年", "绝密★启用前", "秘密★", "机密★10年", "秘密", "机密",
                           "内部资料", "秘密★2年"])  # fmt: skip
        b.planted(pii.SECRECY_MARK, mark)
        if rng.random() < 0.3:
            b.text("\n")
            b.text(rng.choice(["特急", "加急"]))
        b.text("\n")
    elif position == "table":
        b.text("密级：")
        b.planted(pii.SECRECY_MARK, rng.choice(["秘密", "机密", "绝密"]))
        b.text("  紧急程度：平件\n")
    else:
        b.text("（此件")
        b.planted(pii.SECRECY_MARK, "内部资料，注意保存")
        b.text("）\n")


def generate_document(rng: random.Random) -> LabelledDocument:
    b = _Builder()
    roll = rng.random()
    if roll < 0.06:
        _plant_mark(b, rng, "head")
    elif roll < 0.09:
        _plant_mark(b, rng, "table")
    b.text(f"{rng.choice(COUNTIES)}{rng.choice(UNITS)}关于做好{rng.choice(TOPICS)}工作的通知\n")
    for _ in range(rng.randint(3, 7)):  # paragraphs
        if rng.random() < 0.08:
            b.text(_fill(rng, rng.choice(LINE_START_NEGATIVES)))
        for _ in range(rng.randint(2, 6)):
            r = rng.random()
            if r < 0.22:
                _plant_positive(b, rng)
            elif r < 0.45:
                _plant_negative(b, rng)
            else:
                b.text(_fill(rng, rng.choice(PROSE)))
        b.text("\n")
    if rng.random() < 0.03:
        _plant_mark(b, rng, "tail")
    return b.build()


def generate(n: int = 2000, seed: int = 20240601) -> list[LabelledDocument]:
    """`n` labelled documents; the same seed always gives the same corpus."""
    rng = random.Random(seed)
    return [generate_document(rng) for _ in range(n)]


def evaluate(
    corpus: Iterable[LabelledDocument],
    scanner: Callable[[str], list[pii.Finding]] = pii.scan,
) -> dict[str, dict[str, float]]:
    """Per kind (and "overall"): precision, recall, tp, fp, fn. A finding counts when it has the
    same kind as a label and overlaps it; a finding of the wrong kind is both an fp and an fn."""
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in pii.KINDS}
    for doc in corpus:
        findings = scanner(doc.text)
        matched: set[int] = set()
        for f in findings:
            hit = next(
                (
                    i
                    for i, (kind, s, e) in enumerate(doc.labels)
                    if i not in matched and kind == f.kind and s < f.end and f.start < e
                ),
                None,
            )
            if hit is None:
                counts[f.kind]["fp"] += 1
            else:
                matched.add(hit)
                counts[f.kind]["tp"] += 1
        for i, (kind, _s, _e) in enumerate(doc.labels):
            if i not in matched:
                counts[kind]["fn"] += 1
    counts["overall"] = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")}
    result: dict[str, dict[str, float]] = {}
    for kind, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        result[kind] = {
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    return result

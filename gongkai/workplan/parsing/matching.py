"""Matching unit names as a plan writes them to the region's units (pure: works on any list).

In order: exact name; short name or alias; the same name once normalised (region name and level
prefix dropped, 发改 → 发展和改革 and the like expanded, 和/与 and brackets ignored); fuzzy
(character-bigram similarity, only between names of the same kind — a 局 never matches a 委);
group phrases (各乡镇（街道） → every township, 县级各部门 → every department; 相关部门 and the
like stay a group assignment the office resolves). What matches nothing is listed unresolved, for
the office to map once (the mapping becomes an alias).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import ParsedPlan
from .normalise import squash

# Short forms used in plans → the words of the full name.
ABBREVIATIONS: list[tuple[str, str]] = [
    ("发改", "发展和改革"),
    ("人社", "人力资源和社会保障"),
    ("教体", "教育和体育"),
    ("教科", "教育和科学技术"),
    ("住建", "住房和城乡建设"),
    ("卫健", "卫生健康"),
    ("市场监管", "市场监督管理"),
    ("文旅", "文化和旅游"),
    ("文广旅", "文化广电旅游"),
    ("交运", "交通运输"),
    ("工信", "工业和信息化"),
    ("经信", "经济和信息化"),
    ("自规", "自然资源和规划"),
    ("医保", "医疗保障"),
    ("农农", "农业农村"),
    ("退役军人局", "退役军人事务局"),
    ("生态环境局", "生态环境局"),
    ("应急局", "应急管理局"),
    ("(?<!行政)审批局", "行政审批服务局"),
    ("行政审批局", "行政审批服务局"),
    ("综合执法", "综合行政执法"),
    ("科技", "科学技术"),
    ("商务局", "商务和投资促进局"),
    ("国资", "国有资产"),
    ("编办", "机构编制委员会办公室"),
    ("政府办", "政府办公室"),
    ("公开办", "政府信息公开办公室"),
    ("大数据", "大数据发展"),
]
KIND_SUFFIXES = [
    ("办公室", "办"),
    ("委员会", "委"),
    ("管委会", "管委会"),
    ("中心", "中心"),
    ("办事处", "乡镇"),
    ("街道", "乡镇"),
    ("公司", "企业"),
    ("集团", "企业"),
    ("政府", "政府"),
    ("分局", "局"),
    ("局", "局"),
    ("委", "委"),
    ("办", "办"),
    ("院", "院"),
    ("所", "所"),
    ("站", "站"),
    ("队", "队"),
    ("馆", "馆"),
    ("镇", "乡镇"),
    ("乡", "乡镇"),
    ("部", "部"),
    ("校", "校"),
    ("会", "会"),
]
TOWNSHIPS_ALL = re.compile(
    r"^(各|全部|所有|全县各?)(乡镇|镇|乡|街道|镇街)(（?街道）?|（?乡镇）?)?(人民政府|政府|办事处)?$"
)
DEPARTMENTS_ALL = re.compile(
    r"^(县级|县直|县政府|市级|市直|市政府|区级|区直|区政府)?(各|所有)?"
    r"(工作部门|组成部门|工作组成部门|部门|单位|部门（单位）|部门单位)$"
)
FUZZY_THRESHOLD = 0.85


@dataclass(frozen=True)
class UnitRecord:
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = "department"  # as gongkai.orgs.models.Unit.Kind
    code: str = ""


@dataclass
class Match:
    written: str
    how: str  # exact | alias | normalised | fuzzy | group | open_group | none
    units: list[UnitRecord] = field(default_factory=list)
    score: float = 0.0

    @property
    def resolved(self) -> bool:
        return bool(self.units)


def kind_of(name: str) -> str:
    base = re.sub(r"（[^（）]*）", "", squash(name))
    for suffix, kind in KIND_SUFFIXES:
        if base.endswith(suffix):
            return kind
    return ""


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


class UnitMatcher:
    def __init__(
        self,
        units: Iterable[UnitRecord],
        *,
        region_names: Iterable[str] = (),
        level_prefixes: Iterable[str] | None = None,
    ):
        self.units = list(units)
        names = {squash(n) for n in region_names if n}
        names |= {re.sub(r"人民政府$", "", n) for n in names}
        self.region_names = sorted((n for n in names if n), key=len, reverse=True)
        if level_prefixes is None:
            level_prefixes = {
                self._strip_region(squash(u.name))[:1]
                for u in self.units
                if self._strip_region(squash(u.name))[:1] in ("县", "市", "区")
            } | {u.short_name[:1] for u in self.units if u.short_name[:1] in ("县", "市", "区")}
        self.level_prefixes = tuple(level_prefixes) or ("县",)
        self.by_name: dict[str, UnitRecord] = {}
        self.by_alias: dict[str, list[UnitRecord]] = {}
        self.by_key: dict[str, list[UnitRecord]] = {}
        for u in self.units:
            self.by_name[squash(u.name)] = u
            for alias in (u.short_name, *u.aliases):
                if alias:
                    self.by_alias.setdefault(squash(alias), []).append(u)
            for written in (u.name, u.short_name, *u.aliases):
                if written:
                    bucket = self.by_key.setdefault(self.key(written), [])
                    if u not in bucket:
                        bucket.append(u)

    def _strip_region(self, name: str) -> str:
        for region in self.region_names:
            if name.startswith(region) and len(name) > len(region):
                return "县" + name[len(region) :] if region.endswith("县") else name[len(region) :]
        return name

    def key(self, name: str) -> str:
        """The name reduced to what identifies the unit within the region."""
        n = self._strip_region(squash(name))
        n = re.sub(r"^[\u4e00-\u9fff]{1,3}县(?!级|直|域|委|政府)(?=[\u4e00-\u9fff]{2})", "县", n)
        n = re.sub(r"（[^（）]*）$", "", n)
        for prefix in self.level_prefixes:
            if n.startswith(prefix) and len(n) > 2 and not n.startswith(prefix + "级"):
                n = n[len(prefix) :]
                break
        n = n.replace("人民政府", "政府")
        for short, full in ABBREVIATIONS:
            if full not in n:
                n = re.sub(short, full, n)
        return re.sub(r"[和与及、（）]", "", n)

    def group_units(self, name: str) -> list[UnitRecord] | None:
        n = squash(name)
        if TOWNSHIPS_ALL.match(n):
            return [u for u in self.units if u.kind == "township"]
        if DEPARTMENTS_ALL.match(n):
            return [u for u in self.units if u.kind == "department"]
        return None

    def match(self, name: str) -> Match:
        from .units import is_group

        n = squash(name)
        if n in self.by_name:
            return Match(name, "exact", [self.by_name[n]], 1.0)
        if len(self.by_alias.get(n, [])) == 1:
            return Match(name, "alias", self.by_alias[n], 1.0)
        group = self.group_units(n)
        if group is not None:
            return Match(name, "group", group, 1.0)
        if is_group(n):
            return Match(name, "open_group")
        stripped = self._strip_region(n)
        if (
            stripped[:1] in "县市区省州"
            and stripped[:1] not in self.level_prefixes
            and not stripped.startswith(("市场", "区域", "县域", "市域"))
        ):
            # 市财政局 in a county's plan is the city's bureau, not the county's.
            return Match(name, "none")
        key = self.key(n)
        found = self.by_key.get(key, [])
        if len(found) == 1:
            return Match(name, "normalised", found, 1.0)
        kind = kind_of(n)
        scored = sorted(
            (
                (similarity(key, k), units)
                for k, units in self.by_key.items()
                if len(units) == 1 and kind_of(units[0].name) == kind and kind
            ),
            key=lambda s: s[0],
            reverse=True,
        )
        if scored and scored[0][0] >= FUZZY_THRESHOLD:
            runner_up = scored[1][0] if len(scored) > 1 and scored[1][1] != scored[0][1] else 0.0
            if scored[0][0] - runner_up >= 0.05:
                return Match(name, "fuzzy", scored[0][1], round(scored[0][0], 3))
        return Match(name, "none")


def resolve_units(plan: ParsedPlan, matcher: UnitMatcher) -> ParsedPlan:
    """Replace the names as written by the region's canonical names (in place)."""
    for task in plan.tasks:
        unresolved: list[str] = []
        groups: list[str] = []

        def canonical(names: list[str], unresolved=unresolved, groups=groups) -> list[str]:
            out: list[str] = []
            for name in names:
                m = matcher.match(name)
                if m.units:
                    out.extend(u.name for u in m.units if u.name not in out)
                elif m.how == "open_group":
                    groups.append(name)
                    out.append(name)
                elif m.how == "group":
                    continue  # a group with no members in this region
                else:
                    unresolved.append(name)
            return out

        task.lead_units = canonical(task.lead_units)
        task.support_units = [u for u in canonical(task.support_units) if u not in task.lead_units]
        task.units_unresolved = list(dict.fromkeys(unresolved))
        task.unit_groups = list(dict.fromkeys(groups))
    return plan

"""Stage 5a: responsible units from a 责任单位 cell (or a run-together tail of a row).

“县教育和体育局、财政局、交通运输局” → 县教育和体育局, 县财政局, 县交通运输局: the region
prefix (县/市/区) of an earlier name carries to later names that lack one. Lead (牵头) and
supporting (配合) units are told apart only where the plan marks them (“牵头单位：…；配合单位：…”,
“（牵头）”, separate columns, or a note that the first-listed unit leads); otherwise all lead.
Group phrases (各乡镇（街道）, 县直有关部门, 开设政务新媒体的县级部门（单位）) stay whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEPARATORS = "、，,；;/ \t\n"
UNIT_SUFFIX = re.compile(
    r"(?<!平)(?<!场)(局|委|委员会|办|办公室|厅|中心|院|(?<!场)所|站|队|馆|管委会|协会|商会|联合会|"
    r"人武部|统战部|宣传部|组织部|部|处|室|科|政府|部门|单位|企业|集团|公司|乡|镇|街道|办事处|分局|党校|"
    r"银行|学校|医院|电视台|开发区|高新区|园区|新区|示范区|团委|妇联|工会|残联|科协|工商联|总队|支队|"
    r"大队|联社|供销社|海关|机构|组织)$"
)
GROUP_HINTS = (
    "有关",
    "相关",
    "涉及",
    "开设",
    "各部门",
    "各单位",
    "工作部门",
    "组成部门",
    "县级部门",
    "市级部门",
    "区级部门",
    "县直部门",
    "市直部门",
    "各级",
    "所属",
    "牵头部门",
)
_PREFIX_EXEMPT = ("县级", "县直", "市级", "市直", "区级", "区直", "市场", "区域", "县域", "市域")
_PLACE_QUALIFIED = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:市|县|区|州|省)(?!场|级|直|域)")
_TRAILING = re.compile(
    r"(按职责分工推进|按职责分工负责|按职责分工落实|按职责负责|分别负责|负责|落实|配合|参与|等)+$"
)
LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[）)]")
SUPPORT_MARK = re.compile(r"[（(]\s*(?:配合|协办|参与)\s*[）)]")
FIRST_IS_LEAD = re.compile(
    r"(排在第一位|排名第一|排在首位|列第一位|第一个|第一家|排序第一|第一位)[^。\n]{0,6}(为|是)牵头"
)


@dataclass
class UnitAssignment:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)

    @property
    def all(self) -> list[str]:
        return self.lead + [u for u in self.support if u not in self.lead]


def _strip_paren_tail(name: str) -> str:
    return re.sub(r"（[^（）]*）$", "", name)


def is_group(name: str) -> bool:
    """A phrase naming a set of units rather than one unit."""
    if name.startswith(("各", "全县", "全市", "相关", "有关")):
        return True
    return any(h in name for h in GROUP_HINTS)


def is_township(name: str) -> bool:
    base = _strip_paren_tail(name)
    return bool(
        re.search(r"(乡|镇|街道|街道办事处|镇人民政府|乡人民政府)$", base)
    ) and not is_group(name)


def looks_like_unit(name: str) -> bool:
    base = _strip_paren_tail(name).strip()
    return bool(base) and (bool(UNIT_SUFFIX.search(base)) or is_group(name))


def _split_depth0(text: str) -> list[str]:
    """Split at separators outside brackets: “各县（市、区）人民政府” stays one name."""
    parts, buf, depth = [], [], 0
    for ch in text:
        if ch in "（(《〔[":
            depth += 1
        elif ch in "）)》〕]" and depth:
            depth -= 1
        if ch in _SEPARATORS and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p.strip() for p in parts if p.strip()]


def _split_deng(token: str) -> list[str]:
    """“县财政局等县级有关部门（单位）” names a unit and a group; a trailing 等 is dropped."""
    out = []
    while True:
        m = re.search(r"等(?=[县市区各有相])", token)
        if not m or not UNIT_SUFFIX.search(_strip_paren_tail(token[: m.start()])):
            break
        out.append(token[: m.start()])
        token = token[m.end() :]
    out.append(token)
    return out


_GLUED = re.compile(
    r"(?<=局|委|办|室|心|院|队|馆|司|团|府|镇|乡|道)(?=(?:县|市|区)(?!级|直|场|域|委)|各(?=[乡镇县市区部单]))"
)


def _split_glued(token: str) -> list[str]:
    """Names written one after another with no separator (“县政府信息公开办公室县大数据发展局”,
    a PDF cell) are split where one name ends and the next begins with its region prefix."""
    if "（" in token:
        return [token]
    return [t for t in _GLUED.split(token) if t]


def _clean(token: str) -> str:
    token = token.strip(" 　:：。.")
    token = re.sub(r"^(责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门)[:：]?", "", token)
    before = token
    token = _TRAILING.sub("", token)
    if not token:
        token = before
    return token.strip()


def split_unit_names(text: str) -> list[str]:
    """Names as written (prefix carried), in order, without duplicates."""
    text = re.sub(r"\s+", " ", text.replace("\n", " "))
    tokens: list[str] = []
    for raw in _split_depth0(text):
        for part in _split_glued(raw):
            tokens.extend(_split_deng(part))
    # Fragments that are not unit names (“市级专项”, “空间”) belong to the next name:
    # “市级专项、空间、区域规划编制牵头部门（单位）” is one group.
    merged: list[str] = []
    pending: list[str] = []
    for token in (_clean(t) for t in tokens):
        if not token:
            continue
        pending.append(token)
        if looks_like_unit(token):
            merged.append("、".join(pending))
            pending = []
    if pending:
        merged.append("、".join(pending))
    return _carry_prefix(merged)


def _carry_prefix(names: list[str]) -> list[str]:
    out: list[str] = []
    prefix = ""
    for name in names:
        if name[:1] in "县市区" and not name.startswith(_PREFIX_EXEMPT):
            prefix = name[0]
        elif (
            prefix
            and not is_group(name)
            and not is_township(name)
            and not _PLACE_QUALIFIED.match(name)
            and not name.startswith(_PREFIX_EXEMPT[:6])
            and looks_like_unit(name)
        ):
            name = prefix + name
        if name not in out:
            out.append(name)
    return out


def parse_units(
    cell: str, *, first_is_lead: bool = False, support_cell: str = ""
) -> UnitAssignment:
    """Lead and supporting units of one task."""
    cell = cell.strip()
    result = UnitAssignment()
    m = re.search(
        r"牵头(?:单位|部门)[:：](.*?)(?:[；;。，,\s]*(?:配合|协办|参与)(?:单位|部门)[:：](.*))?$",
        cell,
    )
    if m:
        result.lead = split_unit_names(m.group(1))
        result.support = split_unit_names(m.group(2) or "")
    elif LEAD_MARK.search(cell) or SUPPORT_MARK.search(cell):
        for name in split_unit_names(LEAD_MARK.sub("（牵头）", cell)):
            if SUPPORT_MARK.search(name):
                result.support.append(SUPPORT_MARK.sub("", name))
            elif LEAD_MARK.search(name):
                result.lead.append(LEAD_MARK.sub("", name))
            else:
                # Unmarked names after marked ones: 牵头 marks the exception, the rest support.
                result.support.append(name)
    else:
        names = split_unit_names(cell)
        if first_is_lead and len(names) > 1:
            result.lead, result.support = names[:1], names[1:]
        else:
            result.lead = names
    if support_cell.strip():
        result.support += [u for u in split_unit_names(support_cell) if u not in result.support]
    return result


def looks_like_units(text: str) -> bool:
    """Whether a whole cell reads as a list of responsible units."""
    text = text.strip()
    if not text or "。" in text or len(text) > 400:
        return False
    if re.search(r"牵头(单位|部门)[:：]", text):
        return True
    tokens = [_clean(t) for t in _split_depth0(text)]
    tokens = [t for t in tokens if t]
    if not tokens:
        return False
    good = sum(1 for t in tokens if looks_like_unit(LEAD_MARK.sub("", SUPPORT_MARK.sub("", t))))
    # A name per token, and not a sentence that merely ends with a unit-like word.
    sentence = re.search(r"(要求|应当|必须|加强|推进|做好|开展|建立|完善|提升|实现)", text)
    return (good / len(tokens) >= 0.6 and all(len(t) <= 40 for t in tokens) and not sentence) or (
        good == len(tokens) and len(tokens) >= 2
    )

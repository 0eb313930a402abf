"""The national template of the annual report (政府信息公开工作年度报告), as data.

Two formats: 国办公开办函〔2021〕30号 (``"2021"``, the one Gongkai generates) and the 2019 trial
format 国办公开办函〔2019〕60号 (``"2019"``, still seen in older reports; imported only). Every
row and column label is the form's wording (see LAW.md), so that the JSON, the HTML page, the
.docx and the importer share one vocabulary:

    {"format": "2021", "year": 2025, "scope": {...},
     "section1": "…prose…",
     "section2": {"第二十条第（一）项": {"规章": {"本年制发件数": 0, …}, "行政规范性文件": {…}},
                  "第二十条第（五）项": {"行政许可": {"本年处理决定数量": 12}}, …},
     "section3": {"一、本年新收政府信息公开申请数量": {"自然人": 3, …, "总计": 4},
                  "二、上年结转政府信息公开申请数量": {…},
                  "三、本年度办理结果": {"（一）予以公开": {…cells…},
                                        "（三）不予公开": {"属于国家秘密": {…cells…}, …},
                                        …, "（七）总计": {…cells…}},
                  "四、结转下年度继续办理": {…}},
     "section4": {"行政复议": {"结果维持": 0, …, "总计": 0},
                  "行政诉讼": {"未经复议直接起诉": {…}, "复议后起诉": {…}}},
     "section5": "…", "section6": "…"}

A *cell path* names one number: a tuple of labels from the section key down to the column,
e.g. ``("section3", "三、本年度办理结果", "（三）不予公开", "属于国家秘密", "自然人")``.
Overrides and entered figures are stored by the path joined with ``|`` (no label contains it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gongkai.inforequests.outcomes import (
    COLUMNS,
    GROUPS,
    OUTCOMES,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
)

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMATS = {
    FORMAT_2021: "国办公开办函〔2021〕30号",
    FORMAT_2019: "国办公开办函〔2019〕60号（试行）",
}

SECTION_TITLES = {
    "section1": "一、总体情况",
    "section2": "二、主动公开政府信息情况",
    "section3": "三、收到和处理政府信息公开申请情况",
    "section4": "四、政府信息公开行政复议、行政诉讼情况",
    "section5": "五、存在的主要问题及改进情况",
    "section6": "六、其他需要报告的事项",
}
PROSE_SECTIONS = ("section1", "section5", "section6")
TABLE_SECTIONS = ("section2", "section3", "section4")

# --- section 二 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One block of section 二: the article item, its rows and its columns."""

    item: str  # 第二十条第（一）项
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    money: tuple[str, ...] = ()  # the columns of amounts in 万元 (decimals); the rest are counts


SECTION2_2021: tuple[Block, ...] = (
    Block(
        "第二十条第（一）项",
        ("规章", "行政规范性文件"),
        ("本年制发件数", "本年废止件数", "现行有效件数"),
    ),
    Block("第二十条第（五）项", ("行政许可",), ("本年处理决定数量",)),
    Block("第二十条第（六）项", ("行政处罚", "行政强制"), ("本年处理决定数量",)),
    Block(
        "第二十条第（八）项",
        ("行政事业性收费",),
        ("本年收费金额（万元）",),
        money=("本年收费金额（万元）",),
    ),
)

SECTION2_2019: tuple[Block, ...] = (
    Block(
        "第二十条第（一）项",
        ("规章", "规范性文件"),
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    ),
    Block(
        "第二十条第（五）项",
        ("行政许可", "其他对外管理服务事项"),
        ("上一年项目数量", "本年增/减", "处理决定数量"),
    ),
    Block(
        "第二十条第（六）项",
        ("行政处罚", "行政强制"),
        ("上一年项目数量", "本年增/减", "处理决定数量"),
    ),
    Block("第二十条第（八）项", ("行政事业性收费",), ("上一年项目数量", "本年增/减")),
    Block(
        "第二十条第（九）项",
        ("政府集中采购",),
        ("采购项目数量", "采购总金额"),
        money=("采购总金额",),
    ),
)


def section2_blocks(fmt: str) -> tuple[Block, ...]:
    return SECTION2_2019 if fmt == FORMAT_2019 else SECTION2_2021


# Where Gongkai holds no cases (licensing, penalties, enforcement, fees) the unit enters the
# figure; the rest of section 二 is computed from the policy library.
SECTION2_ENTERED_2021 = frozenset(
    {
        ("section2", "第二十条第（五）项", "行政许可", "本年处理决定数量"),
        ("section2", "第二十条第（六）项", "行政处罚", "本年处理决定数量"),
        ("section2", "第二十条第（六）项", "行政强制", "本年处理决定数量"),
        ("section2", "第二十条第（八）项", "行政事业性收费", "本年收费金额（万元）"),
    }
)

# --- section 三 ----------------------------------------------------------------------------------

S3_COLUMNS: tuple[str, ...] = tuple(
    COLUMNS
)  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
S3_PARTS: tuple[str, ...] = S3_COLUMNS[:-1]
S3_ORG_COLUMNS: tuple[str, ...] = S3_COLUMNS[1:-1]  # 法人或其他组织
S3_TOTAL = "总计"
GROUP_OTHER = GROUPS[-1]


def result_groups(fmt: str) -> list[tuple[str, tuple[str, ...]]]:
    """The groups of row 三 with their sub-rows (empty for a group counted as one row).

    The 2019 trial format has no sub-rows under （六）其他处理.
    """
    groups = []
    for group in GROUPS:
        subs = tuple(o.label for o in OUTCOMES if o.group == group and o.number is not None)
        if fmt == FORMAT_2019 and group == GROUP_OTHER:
            subs = ()
        groups.append((group, subs))
    return groups


# --- section 四 ----------------------------------------------------------------------------------

S4_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
S4_BLOCKS: tuple[tuple[str, ...], ...] = (
    ("行政复议",),
    ("行政诉讼", "未经复议直接起诉"),
    ("行政诉讼", "复议后起诉"),
)

# --- cell paths ----------------------------------------------------------------------------------

Path = tuple[str, ...]
SEP = "|"


def path_key(path: Path) -> str:
    return SEP.join(path)


def key_path(key: str) -> Path:
    return tuple(key.split(SEP))


def cell_paths(fmt: str = FORMAT_2021) -> Iterator[Path]:
    """Every number of the form, in the printed order."""
    for block in section2_blocks(fmt):
        for row in block.rows:
            for column in block.columns:
                yield ("section2", block.item, row, column)
    for row in (ROW_NEW, ROW_CARRIED_IN):
        for column in S3_COLUMNS:
            yield ("section3", row, column)
    for group, subs in result_groups(fmt):
        for sub in subs or (None,):
            for column in S3_COLUMNS:
                yield ("section3", ROW_RESULTS, group, *((sub,) if sub else ()), column)
    for column in S3_COLUMNS:
        yield ("section3", ROW_RESULTS, ROW_TOTAL, column)
    for column in S3_COLUMNS:
        yield ("section3", ROW_CARRIED_OUT, column)
    for block in S4_BLOCKS:
        for column in S4_COLUMNS:
            yield ("section4", *block, column)


def is_money(path: Path, fmt: str = FORMAT_2021) -> bool:
    if path[0] != "section2":
        return False
    return any(b.item == path[1] and path[-1] in b.money for b in section2_blocks(fmt))


def empty_tables(fmt: str = FORMAT_2021) -> dict[str, Any]:
    """The three table sections with every cell 0 (money cells 0.0, in 万元)."""
    tables: dict[str, Any] = {}
    for path in cell_paths(fmt):
        set_cell(tables, path, 0.0 if is_money(path, fmt) else 0)
    return tables


def get_cell(tables: dict[str, Any], path: Path) -> Any:
    node: Any = tables
    for label in path:
        if not isinstance(node, dict) or label not in node:
            return None
        node = node[label]
    return node


def set_cell(tables: dict[str, Any], path: Path, value: Any) -> None:
    node = tables
    for label in path[:-1]:
        node = node.setdefault(label, {})
    node[path[-1]] = value


def path_label(path: Path) -> str:
    """How a person reads a cell's place.

    E.g. 三、本年度办理结果 › （三）不予公开 › 属于国家秘密 › 自然人.
    """
    return " › ".join(p for p in path[1:])

"""Unit matching against a unit list built here (no database)."""

import pytest

from gongkai.workplan.parsing import UnitMatcher, UnitRecord, parse_plan, resolve_units

UNITS = [
    UnitRecord("示范县人民政府办公室", "县政府办", kind="office"),
    UnitRecord("示范县政府信息公开办公室", "县公开办", kind="office"),
    UnitRecord("示范县发展和改革局", "县发改局", kind="department"),
    UnitRecord("示范县教育和体育局", "县教体局", kind="department"),
    UnitRecord("示范县财政局", "县财政局", kind="department"),
    UnitRecord("示范县人力资源和社会保障局", "县人社局", kind="department"),
    UnitRecord("示范县住房和城乡建设局", "县住建局", kind="department"),
    UnitRecord("示范县市场监督管理局", "县市场监管局", kind="department"),
    UnitRecord("示范县文化和旅游局", "县文旅局", kind="department"),
    UnitRecord("示范县行政审批服务局", "县审批局", kind="department"),
    UnitRecord("示范县大数据发展中心", "", aliases=("县大数据中心",), kind="department"),
    UnitRecord("示范县乡村振兴委员会", "县振兴委", kind="department"),
    UnitRecord("城关镇", "", kind="township"),
    UnitRecord("东城街道", "", kind="township"),
    UnitRecord("示范县水务集团有限公司", "县水务集团", kind="enterprise"),
]


@pytest.fixture
def matcher():
    return UnitMatcher(UNITS, region_names=["示范县", "示范县人民政府"])


@pytest.mark.parametrize(
    ("written", "how", "canonical"),
    [
        ("示范县财政局", "exact", ["示范县财政局"]),
        ("县发改局", "alias", ["示范县发展和改革局"]),
        ("县大数据中心", "alias", ["示范县大数据发展中心"]),
        ("县发展和改革局", "normalised", ["示范县发展和改革局"]),
        ("发展和改革局", "normalised", ["示范县发展和改革局"]),
        ("县发展改革局", "normalised", ["示范县发展和改革局"]),
        ("县人力资源社会保障局", "normalised", ["示范县人力资源和社会保障局"]),
        ("县住房城乡建设局", "normalised", ["示范县住房和城乡建设局"]),
        ("县市场监管局", "alias", ["示范县市场监督管理局"]),
        ("渠县财政局", "normalised", ["示范县财政局"]),
        ("县政府办公室", "normalised", ["示范县人民政府办公室"]),
        ("县文化旅游局", "normalised", ["示范县文化和旅游局"]),
        ("县行政审批局", "normalised", ["示范县行政审批服务局"]),
        ("县政府信息公开办", "fuzzy", ["示范县政府信息公开办公室"]),
        ("各乡镇（街道）", "group", ["城关镇", "东城街道"]),
        ("各镇（街道）", "group", ["城关镇", "东城街道"]),
        ("相关部门", "open_group", []),
        ("县直有关部门", "open_group", []),
        ("开设政务新媒体的县级部门（单位）", "open_group", []),
        ("县税务局", "none", []),
    ],
)
def test_match(matcher, written, how, canonical):
    m = matcher.match(written)
    assert m.how == how
    assert [u.name for u in m.units] == canonical


def test_all_departments_group(matcher):
    for phrase in ("县级各部门", "县直各部门", "县政府各部门", "各部门"):
        m = matcher.match(phrase)
        assert m.how == "group"
        assert {u.kind for u in m.units} == {"department"}
        assert "示范县财政局" in [u.name for u in m.units]


def test_fuzzy_never_crosses_kinds(matcher):
    # 乡村振兴局 and 乡村振兴委员会 are different organs; a 局 is not matched to a 委.
    assert matcher.match("县乡村振兴局").how == "none"
    assert matcher.match("县发展改革委").how == "none"


def test_a_city_unit_is_not_the_county_unit(matcher):
    assert matcher.match("市财政局").how == "none"


def test_resolve_units_of_a_plan(matcher):
    text = (
        "工作任务\t责任单位\n"
        "做好预算公开。\t县财政局、发改局，县税务局\n"
        "做好开放日活动。\t各乡镇（街道），相关部门\n"
    )
    plan = resolve_units(parse_plan(text, year=2026), matcher)
    first, second = plan.tasks
    assert first.lead_units == ["示范县财政局", "示范县发展和改革局"]
    assert first.units_unresolved == ["县税务局"]
    assert second.lead_units == ["城关镇", "东城街道", "相关部门"]
    assert second.unit_groups == ["相关部门"]

"""Finding units by the names documents use, the unit tree, and object access that does not leak."""

import pytest
from django.http import Http404

from gongkai.core.duties.models import Duty
from gongkai.orgs import selectors, services
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, UserFactory, staff


@pytest.fixture
def named(unit_a):
    services.unit_update(actor=None, unit=unit_a, aliases_add=["县发展改革委", "发展和改革局"])
    return unit_a


@pytest.mark.parametrize(
    "name",
    [
        "示范县发展和改革局",  # full name
        "县发改局",  # short name
        "县发展改革委",  # alias
        "发展和改革局",  # alias
        "县发展和改革局",  # county prefix written as 县
        " 县发改局 ",  # stray spaces from a table cell
        "县 发改局",
    ],
)
def test_resolve_unit_name_finds_the_unit(region, named, name):
    assert selectors.resolve_unit_name(region, name) == named


@pytest.mark.parametrize("name", ["", "  ", "县财政局", "发改"])
def test_resolve_unit_name_does_not_guess(region, named, name):
    assert selectors.resolve_unit_name(region, name) is None


def test_resolve_unit_name_stays_in_its_region(region, named):
    other = RegionFactory(code="other", short_name="别县")
    assert selectors.resolve_unit_name(other, "县发改局") is None


def test_unit_tree_puts_children_under_parents(region):
    gov = UnitFactory(region=region, name="示范县人民政府", kind="government", sort=0)
    b = UnitFactory(region=region, name="B局", parent=gov, sort=2)
    a = UnitFactory(region=region, name="A局", parent=gov, sort=1)
    a1 = UnitFactory(region=region, name="A局下属中心", parent=a, sort=0)
    rows = selectors.unit_tree(region=region)
    assert [(r.unit, r.depth) for r in rows] == [(gov, 0), (a, 1), (a1, 2), (b, 1)]


def test_access_unit_by_id(unit_a, unit_b):
    clerk = staff(unit_a)
    assert selectors.access_unit_by_id(user=clerk, unit_id=unit_a.pk) == unit_a
    for unit_id in (unit_b.pk, 999999):  # another unit looks exactly like a missing one
        with pytest.raises(Http404):
            selectors.access_unit_by_id(user=clerk, unit_id=unit_id)
    office = staff(unit_a, Role.OFFICE_ADMIN)
    assert selectors.access_unit_by_id(user=office, unit_id=unit_b.pk) == unit_b


def test_access_duty_by_id(unit_a, unit_b):
    duty = Duty.objects.create(
        kind="test",
        title="测试",
        region=unit_a.region,
        unit=unit_a,
        rule="fixed",
        fixed_due="2026-12-31",
    )
    assert selectors.access_duty_by_id(user=staff(unit_a), duty_id=duty.pk) == duty
    assert selectors.access_duty_by_id(user=staff(unit_b, Role.OFFICE_ADMIN), duty_id=duty.pk)
    for user in (staff(unit_b), UserFactory()):
        with pytest.raises(Http404):
            selectors.access_duty_by_id(user=user, duty_id=duty.pk)
    with pytest.raises(Http404):
        selectors.access_duty_by_id(user=staff(unit_a), duty_id=duty.pk, rule="no.such.rule")


def test_access_role_by_id_only_for_managers(unit_a):
    clerk = staff(unit_a)
    assignment = clerk.roles.get()
    with pytest.raises(Http404):
        selectors.access_role_by_id(user=clerk, assignment_id=assignment.pk)
    office = staff(unit_a, Role.OFFICE_ADMIN)
    assert selectors.access_role_by_id(user=office, assignment_id=assignment.pk) == assignment

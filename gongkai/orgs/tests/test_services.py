"""Units, aliases, people and roles: what the office can change, and what it is refused."""

import pytest
from django.db import IntegrityError

from gongkai.core.audit.models import AuditEvent
from gongkai.core.errors import GongkaiError
from gongkai.orgs import services
from gongkai.orgs.models import RoleAssignment, Unit, UnitAlias
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, UserFactory, staff


@pytest.fixture
def office(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="office")


def test_unit_create_with_aliases_is_audited(region, office):
    unit = services.unit_create(
        actor=office,
        region=region,
        kind=Unit.Kind.DEPARTMENT,
        name="示范县人力资源和社会保障局",
        short_name="县人社局",
        code="011310003",
        aliases=["县人力资源社会保障局", " ", "县人力资源社会保障局"],
    )
    assert list(unit.aliases.values_list("alias", flat=True)) == ["县人力资源社会保障局"]
    event = AuditEvent.objects.get(verb="unit.create")
    assert event.actor == office and event.unit_id == unit.pk
    assert event.after["aliases"] == ["县人力资源社会保障局"]


@pytest.mark.parametrize(
    ("name", "short_name", "code", "message"),
    [
        ("", "", "x1", "请填写单位全称"),
        ("示范县发展和改革局", "", "x2", "已被“示范县发展和改革局”使用"),
        ("另一个局", "县发改局", "x3", "已被“示范县发展和改革局”使用"),
        ("另一个局", "", "001001", "单位代码“001001”在本区域已被使用"),
        ("另一个局", "", "bad code!", "单位代码只能包含"),
    ],
)
def test_unit_create_refuses_clashes(region, unit_a, name, short_name, code, message):
    before = Unit.objects.count()
    with pytest.raises(GongkaiError) as exc:
        services.unit_create(
            actor=None,
            region=region,
            kind="department",
            name=name,
            short_name=short_name,
            code=code,
        )
    assert message in exc.value.message
    assert Unit.objects.count() == before


def test_same_code_in_another_region_is_fine(unit_a):
    other = RegionFactory(code="other")
    unit = services.unit_create(
        actor=None, region=other, kind="department", name="另一县发改局", code=unit_a.code
    )
    assert unit.code == unit_a.code


def test_alias_may_not_name_another_unit(unit_a, unit_b):
    with pytest.raises(GongkaiError) as exc:
        services.unit_update(actor=None, unit=unit_b, aliases_add=["县发改局"])
    assert "示范县发展和改革局" in exc.value.message
    assert not UnitAlias.objects.exists()


def test_unit_update_changes_fields_and_aliases_with_one_audit_event(unit_a, office):
    services.unit_update(actor=office, unit=unit_a, aliases_add=["县发展改革委"])
    services.unit_update(
        actor=office,
        unit=unit_a,
        review_levels=2,
        aliases_add=["发展和改革局"],
        aliases_remove=["县发展改革委"],
    )
    unit_a.refresh_from_db()
    assert unit_a.review_levels == 2
    assert list(unit_a.aliases.values_list("alias", flat=True)) == ["发展和改革局"]
    last = AuditEvent.objects.filter(verb="unit.update").last()
    assert last.before["review_levels"] == 3 and last.after["review_levels"] == 2
    assert last.details == {"aliases_added": ["发展和改革局"], "aliases_removed": ["县发展改革委"]}


def test_unit_update_without_change_records_nothing(unit_a):
    services.unit_update(actor=None, unit=unit_a, review_levels=unit_a.review_levels)
    assert not AuditEvent.objects.filter(verb="unit.update").exists()


def test_unit_cannot_become_its_own_descendant(region, unit_a):
    child = UnitFactory(region=region, parent=unit_a)
    with pytest.raises(GongkaiError, match="自己下级"):
        services.unit_update(actor=None, unit=unit_a, parent=child)


def test_review_levels_out_of_range_is_refused(unit_a):
    with pytest.raises(GongkaiError):
        services.unit_update(actor=None, unit=unit_a, review_levels=4)
    unit_a.refresh_from_db()
    assert unit_a.review_levels == 3


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "level", "use_unit", "message"),
    [
        ("reviewer", None, True, "审核级别"),
        ("reviewer", 4, True, "审核级别"),
        ("reviewer", 0, True, "审核级别"),
        ("clerk", 2, True, "只有审核人有审核级别"),
        ("clerk", None, False, "须属于一个单位"),
        ("office_admin", None, True, "不属于某个单位"),
        ("mayor", None, True, "没有这个角色"),
    ],
)
def test_role_assign_refuses_invalid(unit_a, role, level, use_unit, message):
    user = UserFactory()
    with pytest.raises(GongkaiError) as exc:
        services.role_assign(
            actor=None, user=user, role=role, unit=unit_a if use_unit else None, level=level
        )
    assert message in exc.value.message
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_reviewer_level_must_fit_the_units_review_levels(region):
    unit = UnitFactory(region=region, review_levels=2)
    with pytest.raises(GongkaiError, match="只设 2 级审核"):
        services.role_assign(actor=None, user=UserFactory(), role="reviewer", unit=unit, level=3)


def test_role_assign_and_revoke_are_audited(unit_a, office):
    user = UserFactory(username="li")
    a = services.role_assign(actor=office, user=user, role=Role.REVIEWER, unit=unit_a, level=2)
    assert (a.region_id, a.unit_id, a.level) == (unit_a.region_id, unit_a.pk, 2)
    with pytest.raises(GongkaiError, match="无需重复"):
        services.role_assign(actor=office, user=user, role=Role.REVIEWER, unit=unit_a, level=2)
    services.role_assign(actor=office, user=user, role=Role.REVIEWER, unit=unit_a, level=1)
    services.role_revoke(actor=office, assignment=a)
    assert list(RoleAssignment.objects.filter(user=user).values_list("level", flat=True)) == [1]
    verbs = list(
        AuditEvent.objects.filter(object_type="orgs.roleassignment").values_list("verb", flat=True)
    )
    assert verbs == ["role.assign", "role.assign", "role.revoke"]
    revoke = AuditEvent.objects.get(verb="role.revoke")
    assert revoke.before["level"] == 2 and revoke.unit_id == unit_a.pk


def test_office_admin_is_region_wide(region):
    user = UserFactory()
    a = services.role_assign(actor=None, user=user, role=Role.OFFICE_ADMIN, region=region)
    assert a.unit_id is None and a.region_id == region.pk


def test_database_refuses_a_reviewer_without_level(unit_a):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(
            user=UserFactory(), region=unit_a.region, unit=unit_a, role="reviewer", level=None
        )


# --- people ----------------------------------------------------------------------------------


def test_user_create_checks_password_and_name(db):
    user = services.user_create(
        actor=None, username="zhang", display_name="张三", password="Gongkai-demo-2026"
    )
    assert user.check_password("Gongkai-demo-2026") and not user.is_staff
    with pytest.raises(GongkaiError, match="已存在"):
        services.user_create(actor=None, username="ZHANG", display_name="又一个张三")
    with pytest.raises(GongkaiError) as exc:
        services.user_create(actor=None, username="wang", display_name="王五", password="12345678")
    assert exc.value.field == "password"
    assert AuditEvent.objects.filter(verb="user.create").count() == 1


def test_user_without_password_cannot_log_in(db):
    user = services.user_create(actor=None, username="nopass", display_name="无密码")
    assert not user.has_usable_password()

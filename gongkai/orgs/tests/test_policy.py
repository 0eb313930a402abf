"""Who may do what: each named rule, against the people of a small county. Deny by default."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.core.duties.models import Duty
from gongkai.orgs import policy
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import RegionFactory, UnitFactory, UserFactory, staff


@pytest.fixture
def people(region, unit_a, unit_b):
    other_region = RegionFactory(code="other")
    far_unit = UnitFactory(region=other_region)
    return {
        "anonymous": AnonymousUser(),
        "no_role": UserFactory(username="norole"),
        "clerk_a": staff(unit_a, Role.CLERK, username="clerk_a"),
        "reviewer1_a": staff(unit_a, Role.REVIEWER, level=1, username="rev1_a"),
        "reviewer2_a": staff(unit_a, Role.REVIEWER, level=2, username="rev2_a"),
        "clerk_b": staff(unit_b, Role.CLERK, username="clerk_b"),
        "office": staff(unit_a, Role.OFFICE_ADMIN, username="office"),
        "office_far": staff(far_unit, Role.OFFICE_ADMIN, username="office_far"),
        "superuser": UserFactory(username="root", is_superuser=True),
    }


@pytest.fixture
def duty(unit_a):
    return Duty.objects.create(
        kind="library.review",
        title="审核",
        region=unit_a.region,
        unit=unit_a,
        role=Role.REVIEWER,
        role_level=2,
        rule="fixed",
        fixed_due="2026-12-31",
    )


# (rule, object name, people allowed); everybody else in `people` is refused.
CASES = [
    (
        "workspace.enter",
        None,
        {"clerk_a", "reviewer1_a", "reviewer2_a", "clerk_b", "office", "office_far", "superuser"},
    ),
    ("unit.view", "unit_a", {"clerk_a", "reviewer1_a", "reviewer2_a", "office", "superuser"}),
    ("unit.manage", "unit_a", {"office", "superuser"}),
    ("unit.manage", "region", {"office", "superuser"}),
    ("region.manage", "region", {"office", "superuser"}),
    ("system.admin", None, {"superuser"}),
    ("duty.view", "duty", {"clerk_a", "reviewer1_a", "reviewer2_a", "office", "superuser"}),
    ("duty.act", "duty", {"reviewer2_a"}),
    ("no.such.rule", None, set()),
]


@pytest.mark.parametrize(("rule", "obj_name", "allowed"), CASES)
def test_rule(people, region, unit_a, duty, rule, obj_name, allowed):
    obj = {"unit_a": unit_a, "region": region, "duty": duty, None: None}[obj_name]
    granted = {name for name, user in people.items() if policy.can(user, rule, obj)}
    assert granted == allowed


def test_duty_act_assignee_and_unit_wide(people, unit_a):
    assigned = Duty.objects.create(
        kind="t",
        title="t",
        region=unit_a.region,
        unit=unit_a,
        assignee=people["clerk_a"],
        rule="fixed",
        fixed_due="2026-12-31",
    )
    anyone = Duty.objects.create(
        kind="t", title="t", region=unit_a.region, unit=unit_a, rule="fixed", fixed_due="2026-12-31"
    )
    assert {n for n, u in people.items() if policy.can(u, "duty.act", assigned)} == {"clerk_a"}
    assert {n for n, u in people.items() if policy.can(u, "duty.act", anyone)} == {
        "clerk_a",
        "reviewer1_a",
        "reviewer2_a",
    }


def test_inactive_person_is_refused_everything(people, unit_a):
    office = people["office"]
    office.is_active = False
    assert not policy.can(office, "unit.view", unit_a)


def test_every_rule_has_a_comment_line():
    import inspect

    source = inspect.getsource(policy)
    for name in policy.RULES:
        marker = f'@rule("{name}")'
        before = source[: source.index(marker)].rstrip().splitlines()[-1]
        assert before.startswith("#"), (
            f"rule {name!r} needs a one-line comment saying who it lets in"
        )

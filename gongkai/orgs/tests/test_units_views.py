"""单位与人员 pages: the office sees and manages every unit; unit staff see only their own."""

import pytest
from django.urls import reverse

from gongkai.core.audit.models import AuditEvent
from gongkai.orgs.models import RoleAssignment, UnitAlias
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import UserFactory, staff


@pytest.fixture
def office(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="office")


@pytest.fixture
def clerk_a(unit_a):
    return staff(unit_a, username="clerk_a")


@pytest.fixture
def clerk_b(unit_b):
    return staff(unit_b, username="clerk_b")


def test_office_sees_the_tree_with_people(client, office, clerk_a, unit_a, unit_b):
    client.force_login(office)
    html = client.get(reverse("workspace:units")).content.decode()
    assert "示范县发展和改革局" in html and "示范县教育和体育局" in html
    assert unit_a.code in html and "经办人" in html and str(clerk_a) in html


def test_unit_staff_are_sent_to_their_own_unit(client, clerk_a, unit_a):
    client.force_login(clerk_a)
    response = client.get(reverse("workspace:units"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:unit_detail", args=[unit_a.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and "示范县发展和改革局" in page.content.decode()
    assert "添加别名" not in page.content.decode()  # staff read, the office manages


def test_other_units_page_is_not_found_for_unit_staff(client, clerk_b, unit_a):
    client.force_login(clerk_b)
    assert client.get(reverse("workspace:unit_detail", args=[unit_a.pk])).status_code == 404
    assert client.get(reverse("workspace:unit_detail", args=[999999])).status_code == 404


def test_office_adds_and_removes_an_alias(client, office, unit_a):
    client.force_login(office)
    url = reverse("workspace:unit_alias_add", args=[unit_a.pk])
    response = client.post(url, {"alias": "县发展改革委"}, follow=True)
    assert "已为县发改局添加别名" in response.content.decode()
    assert UnitAlias.objects.filter(unit=unit_a, alias="县发展改革委").exists()
    client.post(reverse("workspace:unit_alias_remove", args=[unit_a.pk]), {"alias": "县发展改革委"})
    assert not UnitAlias.objects.filter(unit=unit_a).exists()
    assert AuditEvent.objects.filter(verb="unit.update").count() == 2


def test_alias_clash_is_explained_and_changes_nothing(client, office, unit_a, unit_b):
    client.force_login(office)
    response = client.post(
        reverse("workspace:unit_alias_add", args=[unit_b.pk]), {"alias": "县发改局"}, follow=True
    )
    assert "已被“示范县发展和改革局”使用" in response.content.decode()
    assert not UnitAlias.objects.exists()


def test_office_assigns_and_revokes_a_role(client, office, unit_a):
    person = UserFactory(username="newbie")
    client.force_login(office)
    url = reverse("workspace:unit_role_assign", args=[unit_a.pk])
    response = client.post(
        url, {"username": "newbie", "role": "reviewer", "level": "2"}, follow=True
    )
    assert "已指定" in response.content.decode()
    assignment = RoleAssignment.objects.get(user=person)
    assert (assignment.role, assignment.level, assignment.unit) == ("reviewer", 2, unit_a)
    response = client.post(reverse("workspace:unit_role_revoke", args=[assignment.pk]), follow=True)
    assert "已取消" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=person).exists()
    assert list(
        AuditEvent.objects.filter(object_type="orgs.roleassignment").values_list("verb", flat=True)
    ) == [
        "role.assign",
        "role.revoke",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "newbie", "role": "reviewer", "level": ""}, "审核级别"),
        ({"username": "ghost", "role": "clerk", "level": ""}, "没有用户名为“ghost”"),
        ({"username": "newbie", "role": "office_admin", "level": ""}, "请选择一个单位角色"),
        ({"username": "", "role": "clerk", "level": ""}, "请填写工作人员的用户名"),
    ],
)
def test_bad_role_requests_are_explained(client, office, unit_a, data, message):
    UserFactory(username="newbie")
    client.force_login(office)
    response = client.post(
        reverse("workspace:unit_role_assign", args=[unit_a.pk]), data, follow=True
    )
    assert message in response.content.decode()
    assert not RoleAssignment.objects.filter(user__username="newbie").exists()


def test_unit_staff_cannot_manage_their_own_unit(client, clerk_a, unit_a):
    client.force_login(clerk_a)
    response = client.post(reverse("workspace:unit_alias_add", args=[unit_a.pk]), {"alias": "x"})
    assert response.status_code == 403
    assignment = clerk_a.roles.get()
    response = client.post(reverse("workspace:unit_role_revoke", args=[assignment.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_manage_forms_refuse_get(client, office, unit_a):
    client.force_login(office)
    assert client.get(reverse("workspace:unit_alias_add", args=[unit_a.pk])).status_code == 405

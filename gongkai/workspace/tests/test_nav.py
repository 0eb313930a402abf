"""The workspace menu offers office-only areas (gazette, calendar) to the office only."""

import pytest
from django.urls import reverse

from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

pytestmark = pytest.mark.django_db


def menu(client, user):
    client.force_login(user)
    html = client.get(reverse("workspace:inbox")).content.decode()
    return html.split('aria-label="工作台导航"', 1)[1].split("</nav>", 1)[0]


def test_a_clerk_is_not_offered_office_only_areas(client, unit_a):
    nav = menu(client, staff(unit_a, Role.CLERK))
    assert "我的待办" in nav and "政策文件" in nav
    assert "政府公报" not in nav and "工作日历" not in nav


def test_the_office_sees_its_areas(client, unit_a):
    nav = menu(client, staff(unit_a, Role.OFFICE_ADMIN))
    assert "政府公报" in nav and "工作日历" in nav

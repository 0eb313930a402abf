"""The back office: system admins can open every orgs page; the login record cannot be edited."""

import pytest
from django.urls import reverse

from gongkai.orgs.models import LoginAttempt
from gongkai.orgs.tests.factories import UserFactory, staff


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(
    "model", ["region", "unit", "unitalias", "user", "roleassignment", "loginattempt"]
)
def test_changelists_open(admin_client, unit_a, model):
    assert admin_client.get(reverse(f"admin:orgs_{model}_changelist")).status_code == 200


def test_user_page_shows_roles_inline(admin_client, unit_a):
    clerk = staff(unit_a, username="clerk")
    html = admin_client.get(reverse("admin:orgs_user_change", args=[clerk.pk])).content.decode()
    assert "县发改局" in html or "示范县发展和改革局" in html
    assert admin_client.get(reverse("admin:orgs_unit_change", args=[unit_a.pk])).status_code == 200


def test_login_record_is_read_only(admin_client):
    assert admin_client.get(reverse("admin:orgs_loginattempt_add")).status_code == 403
    attempt = LoginAttempt.objects.create(username="x", at="2026-11-23T09:00:00+08:00")
    url = reverse("admin:orgs_loginattempt_delete", args=[attempt.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert LoginAttempt.objects.filter(pk=attempt.pk).exists()

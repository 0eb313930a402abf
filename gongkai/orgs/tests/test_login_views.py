"""The staff login page as a person uses it: log in, be refused, be locked out, log out."""

import pytest
from django.urls import reverse

from gongkai.core.audit.models import AuditEvent
from gongkai.orgs.models import LoginAttempt
from gongkai.orgs.tests.factories import UserFactory, staff

PASSWORD = "Gongkai-test-2026"
LOGIN = "/workspace/login/"


@pytest.fixture
def clerk(unit_a):
    return staff(unit_a, username="fgj_clerk")


def _post(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_url_and_page(client, db):
    assert reverse("workspace:login") == LOGIN
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'autocomplete="username"' in html and 'autocomplete="current-password"' in html
    assert '<label for="id_username">用户名</label>' in html
    assert '<label for="id_password">密码</label>' in html


def test_login_then_logout(client, clerk):
    response = _post(client, "fgj_clerk", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(clerk.pk)
    assert AuditEvent.objects.filter(verb="auth.login").count() == 1
    assert client.get(reverse("workspace:logout")).status_code == 405  # GET never logs out
    assert "_auth_user_id" in client.session
    response = client.post(reverse("workspace:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_follows_safe_next_only(client, clerk):
    response = _post(client, "fgj_clerk", PASSWORD, next="/workspace/units/")
    assert response["Location"] == "/workspace/units/"
    client.logout()
    response = _post(client, "fgj_clerk", PASSWORD, next="https://evil.example/")
    assert "evil" not in response["Location"]


def test_wrong_password_shows_linked_error(client, clerk):
    response = _post(client, "fgj_clerk", "nope")
    html = response.content.decode()
    assert "用户名或密码不正确" in html
    assert 'id="login-error"' in html and 'aria-describedby="login-error"' in html
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_explained(client, db):
    html = _post(client, "", "").content.decode()
    assert "请输入用户名。" in html and "请输入密码。" in html
    assert 'aria-describedby="id_username-error"' in html and 'aria-invalid="true"' in html


def test_five_failures_lock_the_page_even_with_right_password(client, clerk, settings):
    settings.GONGKAI_LOGIN_MAX_FAILURES = 5
    settings.GONGKAI_LOGIN_LOCK_MINUTES = 15
    for _ in range(4):
        assert "不正确" in _post(client, "fgj_clerk", "nope").content.decode()
    html = _post(client, "fgj_clerk", "nope").content.decode()
    assert "锁定" in html and "15 分钟" in html
    html = _post(client, "fgj_clerk", PASSWORD).content.decode()
    assert "锁定" in html
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(user_locked_until__isnull=False).count() == 1
    assert AuditEvent.objects.filter(verb="auth.lockout").count() == 1


def test_person_without_role_cannot_enter(client, db):
    UserFactory(username="visitor")
    html = _post(client, "visitor", PASSWORD).content.decode()
    assert "尚未分配单位或角色" in html
    assert "_auth_user_id" not in client.session


def test_logged_in_staff_skip_the_login_page(client, clerk):
    client.force_login(clerk)
    assert client.get(LOGIN).status_code == 302

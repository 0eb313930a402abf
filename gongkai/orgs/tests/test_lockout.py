"""Login lockout: N failures lock the name, even for the right password, until the window ends."""

import datetime as dt

import pytest
from django.test import RequestFactory

from gongkai.core.audit.models import AuditEvent
from gongkai.core.errors import GongkaiError
from gongkai.orgs import lockout
from gongkai.orgs.models import LoginAttempt
from gongkai.orgs.tests.factories import UserFactory, staff

PASSWORD = "Gongkai-test-2026"
T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.GONGKAI_LOGIN_MAX_FAILURES = 5
    settings.GONGKAI_LOGIN_LOCK_MINUTES = 15


def _request(ip="10.0.0.1"):
    return RequestFactory().post("/workspace/login/", REMOTE_ADDR=ip)


def _try(username, password, *, at, ip="10.0.0.1"):
    return lockout.staff_authenticate(
        request=_request(ip), username=username, password=password, now=at
    )


@pytest.fixture
def clerk(unit_a):
    return staff(unit_a, username="fgj_clerk")


def _fail(username, times, *, start=T0, ip="10.0.0.1"):
    messages = []
    for i in range(times):
        with pytest.raises(GongkaiError) as exc:
            _try(username, "wrong-password", at=start + dt.timedelta(seconds=i), ip=ip)
        messages.append(exc.value.message)
    return messages


def test_right_password_logs_in_and_is_recorded(clerk):
    assert _try("fgj_clerk", PASSWORD, at=T0) == clerk
    attempt = LoginAttempt.objects.get()
    assert attempt.succeeded and attempt.ip == "10.0.0.1"
    assert AuditEvent.objects.filter(verb="auth.login", object_id=str(clerk.pk)).count() == 1


def test_four_failures_do_not_lock(clerk):
    messages = _fail("fgj_clerk", 4)
    assert all("不正确" in m for m in messages)
    assert _try("fgj_clerk", PASSWORD, at=T0 + dt.timedelta(minutes=1)) == clerk


def test_fifth_failure_locks_even_the_right_password(clerk):
    messages = _fail("fgj_clerk", 5)
    assert "锁定" in messages[-1] and "15 分钟" in messages[-1]
    with pytest.raises(GongkaiError) as exc:
        _try("fgj_clerk", PASSWORD, at=T0 + dt.timedelta(minutes=5, seconds=4))
    assert exc.value.code == "locked"
    assert "10 分钟" in exc.value.message  # says how long is left
    event = AuditEvent.objects.get(verb="auth.lockout")
    assert event.details["username"] == "fgj_clerk"


def test_unlocks_after_the_window(clerk):
    _fail("fgj_clerk", 5)
    after = T0 + dt.timedelta(minutes=15, seconds=5)
    assert lockout.current_lock(username="fgj_clerk", ip="10.0.0.1", now=after) is None
    assert _try("fgj_clerk", PASSWORD, at=after) == clerk


def test_after_unlock_the_count_starts_again(clerk):
    _fail("fgj_clerk", 5)
    after = T0 + dt.timedelta(minutes=16)
    messages = _fail("fgj_clerk", 1, start=after)
    assert "不正确" in messages[0]  # one new failure is not a new lock


def test_failures_outside_the_window_do_not_count(clerk):
    _fail("fgj_clerk", 4)
    later = T0 + dt.timedelta(minutes=20)
    messages = _fail("fgj_clerk", 1, start=later)
    assert "不正确" in messages[0]


def test_success_resets_the_name_count(clerk):
    _fail("fgj_clerk", 4)
    _try("fgj_clerk", PASSWORD, at=T0 + dt.timedelta(minutes=1))
    messages = _fail("fgj_clerk", 4, start=T0 + dt.timedelta(minutes=2))
    assert all("不正确" in m for m in messages)


def test_unknown_name_locks_the_same_way_with_the_same_words(clerk):
    known = _fail("fgj_clerk", 5)
    unknown = _fail("nobody-here", 5, ip="10.0.0.2")
    assert known == unknown


def test_lock_is_per_name_not_for_everyone(clerk, unit_a):
    other = staff(unit_a, username="fgj_other")
    _fail("fgj_clerk", 5)
    assert _try("fgj_other", PASSWORD, at=T0 + dt.timedelta(minutes=1)) == other


def test_name_is_matched_case_insensitively(clerk):
    _fail("FGJ_Clerk", 5)
    assert lockout.current_lock(username="fgj_clerk", ip=None, now=T0 + dt.timedelta(minutes=1))


def test_address_locks_at_four_times_the_threshold(clerk):
    # 20 failures spread over many names from one address lock the address.
    for i in range(19):
        _fail(f"guess{i}", 1, start=T0 + dt.timedelta(seconds=i))
    assert (
        lockout.current_lock(username="fgj_clerk", ip="10.0.0.1", now=T0 + dt.timedelta(minutes=1))
        is None
    )
    messages = _fail("guess-last", 1, start=T0 + dt.timedelta(seconds=30))
    assert "网络地址" in messages[0]
    with pytest.raises(GongkaiError):
        _try("fgj_clerk", PASSWORD, at=T0 + dt.timedelta(minutes=1))
    # Another address is not affected.
    assert _try("fgj_clerk", PASSWORD, at=T0 + dt.timedelta(minutes=1), ip="10.0.0.9") == clerk


def test_person_without_roles_is_refused(db):
    UserFactory(username="nobody")
    with pytest.raises(GongkaiError) as exc:
        _try("nobody", PASSWORD, at=T0)
    assert exc.value.code == "not_staff"


def test_superuser_without_roles_may_enter(db):
    admin = UserFactory(username="root", is_superuser=True)
    assert _try("root", PASSWORD, at=T0) == admin


def test_inactive_user_gets_the_generic_message(clerk):
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])
    with pytest.raises(GongkaiError) as exc:
        _try("fgj_clerk", PASSWORD, at=T0)
    assert exc.value.message == lockout.BAD_CREDENTIALS_MESSAGE

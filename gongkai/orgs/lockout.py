"""Login lockout: repeated failures lock a user name, and (at a higher threshold) a client address.

Why both: locking only the name lets one address guess passwords for every name; locking only
the address lets a botnet guess one name. The address threshold is higher (× IP_FACTOR) because
many staff of one county often share an office's outgoing address.

A lock applies whether or not the name exists, and the person sees the same message either way,
so the lock does not reveal which names are accounts. While a name is locked, its password is
not even checked: the right password is refused too.

Every function takes ``now`` so that tests (and the record) can place attempts in time.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.errors import GongkaiError

from .models import LoginAttempt

IP_FACTOR = 4

register_verbs({"auth.login": "登录工作台", "auth.lockout": "登录失败次数过多，锁定"})


@dataclass(frozen=True)
class Lock:
    scope: str  # "user" or "ip"
    until: dt.datetime

    def minutes_left(self, now: dt.datetime) -> int:
        return max(1, math.ceil((self.until - now).total_seconds() / 60))

    def message(self, now: dt.datetime) -> str:
        minutes = self.minutes_left(now)
        if self.scope == "ip":
            return (
                f"由于从您所在网络地址登录失败次数过多，登录已被暂时锁定，"
                f"请 {minutes} 分钟后再试。如需帮助，请联系公开办管理员。"
            )
        return (
            f"由于登录失败次数过多，该账号已被暂时锁定，请 {minutes} 分钟后再试。"
            f"如忘记密码，请联系公开办管理员。"
        )


def normalize(username: str) -> str:
    return (username or "").strip().lower()[:150]


def max_failures() -> int:
    return settings.GONGKAI_LOGIN_MAX_FAILURES


def window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.GONGKAI_LOGIN_LOCK_MINUTES)


def current_lock(*, username: str, ip: str | None, now: dt.datetime | None = None) -> Lock | None:
    """The lock in force on this name or address at ``now``, the longer one if both."""
    now = now or timezone.now()
    name = normalize(username)
    locks = []
    user_row = (
        LoginAttempt.objects.filter(username=name, user_locked_until__gt=now)
        .order_by("-user_locked_until")
        .first()
    )
    if user_row:
        locks.append(Lock("user", user_row.user_locked_until))
    if ip:
        ip_row = (
            LoginAttempt.objects.filter(ip=ip, ip_locked_until__gt=now)
            .order_by("-ip_locked_until")
            .first()
        )
        if ip_row:
            locks.append(Lock("ip", ip_row.ip_locked_until))
    return max(locks, key=lambda lock: lock.until) if locks else None


def _failures_since(qs, *, now: dt.datetime, lock_field: str) -> int:
    """Failures in the window that came after the last success and after the last lock."""
    since = now - window()
    boundary = (
        qs.filter(Q(succeeded=True) | Q(**{f"{lock_field}__isnull": False}), at__gt=since)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    failures = qs.filter(succeeded=False, at__gt=since)
    if boundary is not None:
        failures = failures.filter(at__gt=boundary)
    return failures.count()


@transaction.atomic
def login_failed(*, username: str, ip: str | None, now: dt.datetime | None = None) -> Lock | None:
    """Record a failed login; returns the lock it triggered, if any (audited as auth.lockout)."""
    now = now or timezone.now()
    name = normalize(username)
    attempt = LoginAttempt.objects.create(username=name, ip=ip, at=now, succeeded=False)
    lock = None
    # The new row is included in the counts: it is the Nth failure that locks.
    by_name = _failures_since(
        LoginAttempt.objects.filter(username=name).exclude(pk=attempt.pk),
        now=now,
        lock_field="user_locked_until",
    )
    update = []
    if by_name + 1 >= max_failures():
        attempt.user_locked_until = now + window()
        update.append("user_locked_until")
        lock = Lock("user", attempt.user_locked_until)
    if ip:
        # Successes do not reset the address count: an attacker may own one valid account.
        by_ip = _failures_since(
            LoginAttempt.objects.filter(ip=ip, succeeded=False).exclude(pk=attempt.pk),
            now=now,
            lock_field="ip_locked_until",
        )
        if by_ip + 1 >= max_failures() * IP_FACTOR:
            attempt.ip_locked_until = now + window()
            update.append("ip_locked_until")
            lock = Lock("ip", attempt.ip_locked_until)
    if update:
        attempt.save(update_fields=update)
        audit_record(
            actor=None,
            actor_label="系统",
            verb="auth.lockout",
            obj=attempt,
            details={
                "username": name,
                "scope": lock.scope,
                "until": lock.until,
                "failures": max_failures(),
            },
            ip=ip,
        )
    return lock


@transaction.atomic
def login_succeeded(
    *, user, username: str, ip: str | None, now: dt.datetime | None = None
) -> LoginAttempt:
    """Record a successful login (audited as auth.login); the name's failure count restarts."""
    now = now or timezone.now()
    attempt = LoginAttempt.objects.create(
        username=normalize(username), ip=ip, at=now, succeeded=True
    )
    audit_record(actor=user, verb="auth.login", obj=user, details={"ip": ip}, ip=ip)
    return attempt


NOT_STAFF_MESSAGE = (
    "该账号尚未分配单位或角色，暂不能进入工作台。请联系本县政务公开办公室为您分配角色。"
)
BAD_CREDENTIALS_MESSAGE = "用户名或密码不正确，请重新输入（密码区分大小写）。"


def staff_authenticate(
    *, request: Any, username: str, password: str, now: dt.datetime | None = None
) -> Any:
    """The staff member these credentials belong to, or GongkaiError with what to tell them.

    Order matters: a lock is checked before the password, so that a locked name is refused
    even with the right password and the answer says nothing about whether the name exists.
    """
    from django.contrib.auth import authenticate

    from gongkai.core.audit import client_ip

    from .policy import is_staff_member

    now = now or timezone.now()
    ip = client_ip(request)
    lock = current_lock(username=username, ip=ip, now=now)
    if lock is not None:
        raise GongkaiError(lock.message(now), code="locked")
    user = authenticate(request, username=username, password=password)
    if user is None:
        lock = login_failed(username=username, ip=ip, now=now)
        if lock is not None:
            raise GongkaiError(lock.message(now), code="locked")
        raise GongkaiError(BAD_CREDENTIALS_MESSAGE, code="invalid")
    if not is_staff_member(user):
        raise GongkaiError(NOT_STAFF_MESSAGE, code="not_staff")
    login_succeeded(user=user, username=username, ip=ip, now=now)
    return user

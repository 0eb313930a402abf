"""Telling a person something: one call, the in-app notice always, other channels as configured.

    notify(recipient=user, kind=Notification.Kind.DUE_SOON, message="…", url="/workspace/…",
           duty=duty)

writes the in-app `Notification` and then hands the notice to every channel named in
``settings.GONGKAI_NOTIFY_CHANNELS`` ("inapp", "email", "sms", or a dotted path to a class with
``send(notification)``). External channels send after commit: if the transaction that decided to
notify rolls back, nobody gets an e-mail about something that did not happen, and a slow mail
server never holds database locks.

SMS goes through the backend class named by ``settings.GONGKAI_SMS_BACKEND`` (a class with
``send(phone, text)``); the default only logs, since every county contracts its own SMS gateway.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from gongkai.core.duties.models import Duty, Notification

logger = logging.getLogger("gongkai.notify")


class Channel(Protocol):
    def send(self, notification: Notification) -> None: ...


class InAppChannel:
    """The Notification row is the in-app delivery; nothing more to do."""

    def send(self, notification: Notification) -> None:
        return None


def _absolute(url: str) -> str:
    base = getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/")
    return f"{base}{url}" if base and url.startswith("/") else url


class EmailChannel:
    def send(self, notification: Notification) -> None:
        email = notification.recipient.email
        if not email:
            return
        body = notification.message
        if notification.url:
            body += f"\n\n办理链接：{_absolute(notification.url)}"
        send_mail(
            subject=f"【政务公开】{notification.get_kind_display()}",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )


class SmsChannel:
    def send(self, notification: Notification) -> None:
        phone = getattr(notification.recipient, "phone", "")
        if phone:
            sms_backend().send(phone, f"【政务公开】{notification.message}")


class LogSmsBackend:
    """Writes the text message to the log instead of sending it (no gateway configured)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("sms to %s: %s", phone[:3] + "****" + phone[-4:], text)


@cache
def _sms_backend_class(path: str) -> type:
    return import_string(path)


def sms_backend() -> Any:
    return _sms_backend_class(settings.GONGKAI_SMS_BACKEND)()


CHANNELS: dict[str, type] = {"inapp": InAppChannel, "email": EmailChannel, "sms": SmsChannel}


def _external_channels() -> list[Channel]:
    channels = []
    for name in settings.GONGKAI_NOTIFY_CHANNELS:
        if name == "inapp":
            continue
        cls = CHANNELS.get(name) or import_string(name)
        channels.append(cls())
    return channels


def _deliver(channel: Channel, notification: Notification) -> None:
    try:
        channel.send(notification)
    except Exception:
        # One failing gateway must not stop the other channels; the in-app notice stands.
        logger.exception("notification %s via %s failed", notification.pk, type(channel).__name__)


def notify(
    *, recipient: Any, kind: str, message: str, url: str = "", duty: Duty | None = None
) -> Notification | None:
    """Notify ``recipient``; returns the notice, or None if this duty's notice of this kind
    was already sent to them (reminders are once each)."""
    if (
        duty is not None
        and Notification.objects.filter(recipient=recipient, duty=duty, kind=kind).exists()
    ):
        return None
    try:
        # A savepoint, so that a duplicate refused by the unique constraint leaves the caller's
        # transaction usable (PostgreSQL aborts the whole transaction otherwise).
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, message=message[:500], url=url, duty=duty
            )
    except IntegrityError:
        if duty is None:
            raise
        return None
    for channel in _external_channels():
        transaction.on_commit(lambda c=channel: _deliver(c, notification))
    return notification

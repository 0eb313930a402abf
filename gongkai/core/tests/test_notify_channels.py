"""One notify() call: the in-app notice always, e-mail and SMS after commit when configured."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.db import transaction

from gongkai.core.duties.models import Notification
from gongkai.core.duties.services import duty_open
from gongkai.core.notify import notify
from gongkai.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SENT: list[tuple[str, str]] = []


class RecordingSms:
    def send(self, phone: str, text: str) -> None:
        SENT.append((phone, text))


class BrokenChannel:
    def send(self, notification) -> None:
        raise ConnectionError("gateway down")


@pytest.fixture(autouse=True)
def _channels(settings):
    SENT.clear()
    settings.GONGKAI_SMS_BACKEND = f"{__name__}.RecordingSms"
    settings.GONGKAI_NOTIFY_CHANNELS = ["inapp", "email", "sms"]


@pytest.fixture
def person(db):
    return UserFactory(display_name="张三", email="zhangsan@example.gov.cn", phone="13800138000")


def send(person, **kwargs):
    kwargs.setdefault("kind", Notification.Kind.INFO)
    kwargs.setdefault("message", "您有一件新的信息公开申请待办理。")
    kwargs.setdefault("url", "/workspace/")
    return notify(recipient=person, **kwargs)


def test_the_in_app_notice_is_written_and_the_others_wait_for_commit(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(person)
        assert Notification.objects.get().recipient == person
        assert (mail.outbox, SENT) == ([], [])  # nothing leaves before commit
    assert notification.read_at is None
    [email] = mail.outbox
    assert email.to == ["zhangsan@example.gov.cn"]
    assert "您有一件新的信息公开申请待办理。" in email.body
    assert "/workspace/" in email.body
    assert SENT == [("13800138000", "【政务公开】您有一件新的信息公开申请待办理。")]


def test_nothing_is_sent_when_the_deciding_transaction_rolls_back(
    person, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send(person)
        raise RuntimeError("the service failed after deciding to notify")
    assert not Notification.objects.exists()
    assert (mail.outbox, SENT) == ([], [])


def test_in_app_only_by_default(person, settings, django_capture_on_commit_callbacks):
    settings.GONGKAI_NOTIFY_CHANNELS = ["inapp"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send(person)
    assert callbacks == []
    assert Notification.objects.count() == 1


def test_people_without_an_address_or_phone_get_the_in_app_notice_only(
    db, django_capture_on_commit_callbacks
):
    person = UserFactory(email="", phone="")
    with django_capture_on_commit_callbacks(execute=True):
        send(person)
    assert Notification.objects.count() == 1
    assert (mail.outbox, SENT) == ([], [])


def test_a_broken_channel_does_not_stop_the_others(
    person, settings, django_capture_on_commit_callbacks, caplog
):
    settings.GONGKAI_NOTIFY_CHANNELS = ["inapp", f"{__name__}.BrokenChannel", "email"]
    with django_capture_on_commit_callbacks(execute=True):
        send(person)
    assert len(mail.outbox) == 1
    assert "BrokenChannel failed" in caplog.text


def test_a_duty_notice_of_one_kind_goes_to_a_person_once(
    person, unit_a, django_capture_on_commit_callbacks
):
    duty = duty_open(kind="test", title="答复", unit=unit_a, fixed_due=dt.date(2026, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        first = send(person, kind=Notification.Kind.DUE_SOON, duty=duty)
        second = send(person, kind=Notification.Kind.DUE_SOON, duty=duty)
        other_kind = send(person, kind=Notification.Kind.OVERDUE, duty=duty)
    assert first is not None and other_kind is not None and second is None
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_default_sms_backend_logs_with_the_number_masked(
    person, settings, caplog, django_capture_on_commit_callbacks
):
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.notify.LogSmsBackend"
    settings.GONGKAI_NOTIFY_CHANNELS = ["sms"]
    with (
        caplog.at_level(logging.INFO, logger="gongkai.notify"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send(person)
    assert "138****8000" in caplog.text
    assert "13800138000" not in caplog.text

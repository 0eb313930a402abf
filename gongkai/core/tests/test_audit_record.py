"""What one audit record captures: who, in which unit, did what to which object, before/after."""

import datetime as dt

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone

from gongkai.core.audit import audit_record, client_ip, history_for, snapshot
from gongkai.core.duties.services import duty_open
from gongkai.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_staff_action_records_actor_unit_region_verb_object_and_change(unit_a):
    clerk = UserFactory(display_name="张三")
    before = snapshot(unit_a, ["name"])
    unit_a.name = "示范县发展改革局"
    event = audit_record(
        actor=clerk, verb="unit.update", obj=unit_a, before=before, after=snapshot(unit_a, ["name"])
    )
    event.refresh_from_db()
    assert event.actor_id == clerk.pk
    assert event.actor_label == "张三"
    assert event.unit_id is None  # a unit has no owning unit; the region is its own
    assert event.region_id == unit_a.region_id
    assert (event.verb, event.object_type, event.object_id) == (
        "unit.update",
        "orgs.unit",
        str(unit_a.pk),
    )
    assert event.object_repr == "示范县发展改革局"
    assert event.before == {"name": "示范县发展和改革局"}
    assert event.after == {"name": "示范县发展改革局"}
    assert event.ip is None
    assert abs(event.at - timezone.now()) < dt.timedelta(seconds=5)


def test_an_object_with_a_unit_is_recorded_under_that_unit(unit_a):
    duty = duty_open(kind="test", title="答复申请", unit=unit_a, fixed_due=dt.date(2026, 12, 1))
    event = history_for(duty).get()
    assert event.unit_id == unit_a.pk
    assert event.region_id == unit_a.region_id
    assert event.after == {"status": "open", "due_on": "2026-12-01"}


def test_the_name_at_the_time_is_kept_when_the_person_is_renamed(unit_a):
    clerk = UserFactory(display_name="李四")
    event = audit_record(actor=clerk, verb="unit.update", obj=unit_a)
    clerk.display_name = "李思"
    clerk.save(update_fields=["display_name"])
    event.refresh_from_db()
    assert event.actor_label == "李四"


def test_a_public_action_records_the_citizen_and_their_address(unit_a):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    event = audit_record(actor=None, verb="request.submit", obj=unit_a, ip=client_ip(request))
    event.refresh_from_db()
    assert event.actor_id is None
    assert event.actor_label == "公众"
    assert event.ip == "203.0.113.7"


def test_an_unattended_action_is_recorded_as_the_system(unit_a):
    event = audit_record(actor=None, verb="duty.recompute", obj=unit_a)
    assert event.actor_label == "系统"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "198.51.100.1", "10.0.0.2", "198.51.100.1"),  # behind nginx
        (1, "6.6.6.6, 198.51.100.1", "10.0.0.2", "198.51.100.1"),  # a forged left part
        (2, "198.51.100.1, 10.0.0.9", "10.0.0.2", "198.51.100.1"),  # two proxies
        (1, "", "10.0.0.2", "10.0.0.2"),  # proxy forgot the header
        (0, "", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    proxies, forwarded, remote, expected
):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(GONGKAI_PROXY_COUNT=proxies):
        assert client_ip(request) == expected

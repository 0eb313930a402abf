"""Who may read an object's history (deny by default), and the verbs shown in Chinese."""

import pytest

from gongkai.core.audit import access
from gongkai.core.audit.access import history_access, may_see_history
from gongkai.core.audit.verbs import VERB_LABELS, register_verbs, verb_label
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import UserFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    access._discover()
    monkeypatch.setattr(access, "_REGISTRY", dict(access._REGISTRY))
    return access._REGISTRY


def test_an_unregistered_type_is_for_system_admins_only(unit_a, registry):
    assert not may_see_history(staff(unit_a, Role.OFFICE_ADMIN), "example.thing", "1")
    assert may_see_history(UserFactory(is_superuser=True), "example.thing", "1")


def test_an_app_registers_who_may_see_its_objects(unit_a, registry):
    clerk = staff(unit_a, Role.CLERK)

    @history_access("example.thing")
    def _document(user, object_id):
        return object_id == "7"

    assert may_see_history(clerk, "example.thing", "7")
    assert not may_see_history(clerk, "example.thing", "8")
    with pytest.raises(RuntimeError, match="registered twice"):
        history_access("example.thing")(lambda user, object_id: True)


def test_anonymous_and_deactivated_people_see_nothing(unit_a):
    from django.contrib.auth.models import AnonymousUser

    head = staff(unit_a, Role.HEAD)
    assert may_see_history(head, "orgs.unit", str(unit_a.pk))
    head.is_active = False
    assert not may_see_history(head, "orgs.unit", str(unit_a.pk))
    assert not may_see_history(AnonymousUser(), "orgs.unit", str(unit_a.pk))
    assert not may_see_history(None, "orgs.unit", str(unit_a.pk))


def test_verbs_are_shown_in_chinese_and_unknown_ones_as_they_are(monkeypatch):
    monkeypatch.setattr("gongkai.core.audit.verbs.VERB_LABELS", dict(VERB_LABELS))
    assert verb_label("duty.close") == "办结"
    assert verb_label("library.publish") == "library.publish"
    register_verbs({"library.publish": "发布"})
    assert verb_label("library.publish") == "发布"

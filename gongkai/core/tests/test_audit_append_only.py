"""The audit trail is append-only: the database itself refuses to change or remove a record.

Runs on whichever engine the suite uses (SQLite in memory, then PostgreSQL in `make test`).
"""

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core.audit import audit_record
from gongkai.core.audit.models import AuditEvent
from gongkai.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(unit_a):
    return audit_record(
        actor=UserFactory(),
        verb="unit.update",
        obj=unit_a,
        before={"name": "旧"},
        after={"name": "新"},
    )


def refused(action) -> bool:
    try:
        # A savepoint, so that PostgreSQL's aborted statement does not poison the test.
        with transaction.atomic():
            action()
    except DatabaseError as exc:
        assert "append-only" in str(exc)
        return True
    return False


def raw(sql: str, *params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


def test_raw_sql_update_is_refused(event):
    assert refused(raw("UPDATE core_auditevent SET verb = %s WHERE id = %s", "x", event.pk))
    event.refresh_from_db()
    assert event.verb == "unit.update"


def test_raw_sql_delete_is_refused(event):
    assert refused(raw("DELETE FROM core_auditevent WHERE id = %s", event.pk))
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_delete_of_the_whole_table_is_refused(event):
    assert refused(raw("DELETE FROM core_auditevent"))
    assert AuditEvent.objects.count() == 1


def test_orm_queryset_update_and_delete_are_refused(event):
    assert refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(actor_label="别人"))
    assert refused(lambda: AuditEvent.objects.all().delete())
    event.refresh_from_db()
    assert event.actor_label != "别人"


def test_orm_instance_save_and_delete_are_refused(event):
    event.after = {"name": "篡改"}
    assert refused(event.save)
    assert refused(event.delete)
    assert AuditEvent.objects.get(pk=event.pk).after == {"name": "新"}


def test_new_records_can_still_be_appended(event, unit_a):
    audit_record(actor=None, verb="unit.update", obj=unit_a)
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_deliberate_full_wipe_still_works_and_the_guard_comes_back(unit_a):
    from django.core.management import call_command

    audit_record(actor=None, verb="unit.update", obj=unit_a)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0

    from gongkai.orgs.tests.factories import UnitFactory

    event = audit_record(actor=None, verb="unit.update", obj=UnitFactory())
    assert refused(event.delete)

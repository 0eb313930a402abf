"""Transactional tests (live server, backup) flush every table at teardown; the calendar that
the migrations loaded must still be there for the next one."""

import pytest

from gongkai.core.models import CalendarYear


@pytest.mark.parametrize("run", [1, 2, 3])
@pytest.mark.django_db(transaction=True)
def test_calendar_is_present_in_every_transactional_test(run):
    assert CalendarYear.objects.filter(year=2026).exists()


@pytest.mark.parametrize("run", [1, 2])
def test_topic_classes_are_present_after_live_server_tests(run, live_server):
    from gongkai.library.models import Topic

    assert Topic.objects.filter(parent__isnull=True).count() == 22

"""Fixtures shared by every app's tests."""

import datetime as dt
import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests
# alongside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """`django_db(transaction=True)` tests restore the migrations' data too (see below)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def _migration_data_survives_flush(django_db_serialized_rollback):
    """Data loaded by migrations (the holiday calendar, topic classes) is restored before each
    transactional test (live server, backup) — their teardown empties every table."""


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with an empty cache (calendar version, region list, rate limits)."""
    from django.core.cache import caches

    from gongkai.core.search import estimate
    from gongkai.core.workdays import invalidate_calendar

    for alias in ("default", "pages"):
        caches[alias].clear()
    estimate.forget()
    invalidate_calendar()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()
    estimate.forget()


@pytest.fixture
def calendar_years(db):
    """Load the holiday arrangements 2024–2026 from the chinese-calendar package."""
    from gongkai.core.workdays.seed import seed_from_package

    seed_from_package(years=range(2024, 2027))
    return [2024, 2025, 2026]


@pytest.fixture
def region(db):
    from gongkai.orgs.tests.factories import RegionFactory

    return RegionFactory(code="shifan", name="示范县人民政府", short_name="示范县")


@pytest.fixture
def unit_a(region):
    from gongkai.orgs.tests.factories import UnitFactory

    return UnitFactory(
        region=region, name="示范县发展和改革局", short_name="县发改局", code="001001"
    )


@pytest.fixture
def unit_b(region):
    from gongkai.orgs.tests.factories import UnitFactory

    return UnitFactory(
        region=region, name="示范县教育和体育局", short_name="县教体局", code="001002"
    )


@pytest.fixture
def today():
    return dt.date(2026, 11, 23)

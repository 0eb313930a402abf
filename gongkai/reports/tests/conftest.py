import pytest

from gongkai.inforequests.tests.conftest import people, today  # noqa: F401 — shared fixtures
from gongkai.inforequests.tests.county_2025 import county  # noqa: F401
from gongkai.orgs.models import Unit
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import UnitFactory, staff


@pytest.fixture
def office_unit(region):
    """The county government's office: it drafts the region's own report."""
    region.office_name = "示范县人民政府办公室"
    region.save(update_fields=["office_name"])
    return UnitFactory(
        region=region, kind=Unit.Kind.OFFICE, name="示范县人民政府办公室", code="000002"
    )


@pytest.fixture
def reviewers(unit_a):
    """Three review levels in unit A, a clerk who drafts, and the region's office."""
    unit_a.review_levels = 3
    unit_a.save(update_fields=["review_levels"])
    return {
        "clerk": staff(unit_a, Role.CLERK, username="rp_clerk"),
        1: staff(unit_a, Role.REVIEWER, level=1, username="rp_review1"),
        2: staff(unit_a, Role.REVIEWER, level=2, username="rp_review2"),
        3: staff(unit_a, Role.REVIEWER, level=3, username="rp_review3"),
        "office": staff(unit_a, Role.OFFICE_ADMIN, username="rp_office"),
        "outsider": staff(UnitFactory(region=unit_a.region), Role.CLERK, username="rp_outsider"),
    }

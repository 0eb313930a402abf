import pytest

from .factories import unit_people


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(unit_a, calendar_years):
    return unit_people(unit_a)

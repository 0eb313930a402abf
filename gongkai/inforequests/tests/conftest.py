import pytest

from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

from .county_2025 import county  # noqa: F401 — a fixture shared with the reports tests
from .helpers import D, Today


@pytest.fixture
def today(monkeypatch):
    """Today is 2026-11-23 unless a test moves it (``today.set(...)``)."""
    return Today(monkeypatch, D("2026-11-23"))


@pytest.fixture
def people(unit_a, unit_b):
    return {
        "clerk": staff(unit_a, Role.CLERK, username="ir_clerk_a"),
        "head": staff(unit_a, Role.HEAD, username="ir_head_a"),
        "secrecy": staff(unit_a, Role.SECRECY, username="ir_secrecy_a"),
        "office": staff(unit_a, Role.OFFICE_ADMIN, username="ir_office"),
        "clerk_b": staff(unit_b, Role.CLERK, Role.HEAD, username="ir_clerk_b"),
    }

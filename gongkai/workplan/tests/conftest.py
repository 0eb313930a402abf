"""Fixtures for the ledger: the demo county's units (from its data file), staff, a plan."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# The seed plans live beside the project (../shared/seeds) on developers' machines and in CI,
# not in the product: without them the seed tests are not collected at all (never skipped).
_SEEDS_DIR = Path(__file__).resolve().parents[4] / "shared" / "seeds"
collect_ignore = [] if any(_SEEDS_DIR.glob("*.txt")) else ["test_seeds.py"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def county(region):
    """The demo county's units with their aliases, in ``region`` (示范县)."""
    from gongkai.orgs.demo import county as data
    from gongkai.orgs.models import Unit, UnitAlias

    groups = [
        ([data.GOVERNMENT], Unit.Kind.GOVERNMENT),
        ([data.OFFICE, data.OPENNESS_OFFICE], Unit.Kind.OFFICE),
        (data.DEPARTMENTS, Unit.Kind.DEPARTMENT),
        (data.TOWNSHIPS, Unit.Kind.TOWNSHIP),
        (data.ZONES, Unit.Kind.ZONE),
        (data.ENTERPRISES, Unit.Kind.ENTERPRISE),
    ]
    units = {}
    sort = 0
    for rows, kind in groups:
        for code, name, short, aliases in rows:
            sort += 1
            unit = Unit.objects.create(
                region=region, kind=kind, name=name, short_name=short, code=code, sort=sort
            )
            UnitAlias.objects.bulk_create(
                [UnitAlias(region=region, unit=unit, alias=a) for a in aliases]
            )
            units[short] = unit
    return SimpleNamespace(region=region, units=units, u=units.__getitem__)


@pytest.fixture
def people(county):
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import staff

    u = county.u
    return SimpleNamespace(
        office=staff(u("县政府办"), Role.OFFICE_ADMIN, username="wp_office"),
        fgj=staff(u("县发改局"), Role.CLERK, username="wp_fgj"),
        fgj_head=staff(u("县发改局"), Role.HEAD, username="wp_fgj_head"),
        sfj=staff(u("县司法局"), Role.CLERK, username="wp_sfj"),
        jtj=staff(u("县教体局"), Role.CLERK, username="wp_jtj"),
        gkb=staff(u("县政务公开办"), Role.CLERK, username="wp_gkb"),
        rsj=staff(u("县人社局"), Role.CLERK, username="wp_rsj"),
    )


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def imported(county, people):
    """plan_tabs.txt imported for review (7 tasks; 县大数据发展局 unresolved)."""
    from gongkai.workplan.services import plan_import

    return plan_import(
        actor=people.office,
        region=county.region,
        data=fixture_bytes("plan_tabs.txt"),
        filename="plan_tabs.txt",
    )


@pytest.fixture
def published(imported, county, people):
    from gongkai.workplan.services import name_map, plan_publish

    name_map(
        actor=people.office, plan=imported, name="县大数据发展局", units=[county.u("县大数据中心")]
    )
    name_map(
        actor=people.office,
        plan=imported,
        name="开设政务新媒体的县级部门（单位）",
        units=[county.u("县发改局"), county.u("县教体局")],
    )
    plan_publish(actor=people.office, plan=imported)
    imported.refresh_from_db()
    return imported

"""The demo county: complete, realistic, and safe to load again and again."""

import io

import pytest
from django.core.management import call_command

from gongkai.core.audit.models import AuditEvent
from gongkai.orgs.demo import DEMO_PASSWORD, STEPS, demo_step, load_demo_county
from gongkai.orgs.models import Region, RoleAssignment, Unit, UnitAlias, User
from gongkai.orgs.selectors import resolve_unit_name


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Region, Unit, UnitAlias, User, RoleAssignment, AuditEvent)
    }


@pytest.fixture
def county(db):
    return load_demo_county()


def test_loading_twice_changes_nothing(county):
    first = _counts()
    again = load_demo_county()
    assert again == county
    assert _counts() == first


def test_the_county_is_complete(county):
    assert (county.code, county.name, county.short_name) == ("shifan", "示范县人民政府", "示范县")
    assert county.office_phone and county.office_email and county.office_address
    units = Unit.objects.filter(region=county)
    assert units.filter(kind=Unit.Kind.DEPARTMENT).count() >= 40
    assert units.filter(kind=Unit.Kind.TOWNSHIP).count() == 10
    assert units.filter(kind=Unit.Kind.ZONE).count() == 1
    assert units.filter(kind=Unit.Kind.ENTERPRISE).count() >= 3
    assert units.filter(name="示范县政府信息公开办公室", kind=Unit.Kind.OFFICE).exists()
    assert all(len(code) == 9 and code.isdigit() for code in units.values_list("code", flat=True))


# Names as work-plan tables write them → the unit they mean.
WRITTEN_NAMES = [
    ("县发改局", "示范县发展和改革局"),
    ("县发展改革委", "示范县发展和改革局"),
    ("发展和改革局", "示范县发展和改革局"),
    ("县发展和改革局", "示范县发展和改革局"),
    ("县教体局", "示范县教育和体育局"),
    ("县人社局", "示范县人力资源和社会保障局"),
    ("县住建局", "示范县住房和城乡建设局"),
    ("县卫健局", "示范县卫生健康局"),
    ("县市场监管局", "示范县市场监督管理局"),
    ("县行政审批局", "示范县行政审批服务局"),
    ("县医保局", "示范县医疗保障局"),
    ("县医疗保障局", "示范县医疗保障局"),
    ("县司法局", "示范县司法局"),
    ("县政府信息公开办公室", "示范县政府信息公开办公室"),
    ("县政府办公室", "示范县人民政府办公室"),
    ("县经济开发区", "示范县经济开发区管委会"),
    ("县国资公司", "示范县国有资产经营有限公司"),
    ("县自来水公司", "示范县自来水有限责任公司"),
    ("城关街道", "示范县城关街道办事处"),
]


def test_names_from_work_plans_resolve(county):
    resolved = {w: getattr(resolve_unit_name(county, w), "name", None) for w, _ in WRITTEN_NAMES}
    assert resolved == dict(WRITTEN_NAMES)


def test_demo_accounts_log_in_with_their_roles(county, client):
    for username in ("office", "admin", "fgj_clerk", "fgj_review3", "jtj_review1", "cg_clerk"):
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
    assert User.objects.get(username="admin").is_superuser
    reviewers = RoleAssignment.objects.filter(unit__short_name="县发改局", role="reviewer")
    assert sorted(reviewers.values_list("level", flat=True)) == [1, 2, 3]
    response = client.post(
        "/workspace/login/", {"username": "fgj_clerk", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_command_prints_the_accounts_table(db):
    out = io.StringIO()
    call_command("demo", "load", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for expected in ("fgj_review2", "审核人（2级）", "县发改局", "cg_clerk", "城关街道"):
        assert expected in text


def test_later_issues_extend_the_loader_with_steps(db):
    seen = []

    @demo_step("500-test-extension")
    def extension(ctx):
        seen.append((ctx.region.code, ctx.unit("县发改局").name))

    try:
        load_demo_county()
    finally:
        del STEPS["500-test-extension"]
    assert seen == [("shifan", "示范县发展和改革局")]

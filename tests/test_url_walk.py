"""The URL walk: every URL of the project declares who may use it, and staff URLs refuse strangers.

Deny by default (STYLE.md habit 7). For every URL pattern in config.urls:

1. its view declares ``gongkai_access``: "public" (``@policy.public``) or the name of a rule in
   ``gongkai.orgs.policy.RULES`` (``@policy.staff_rule(name)``). API endpoints declare it with
   ``openapi_extra={"x-gongkai-access": ...}`` (see gongkai/api/api.py);
2. every non-public URL, filled from SAMPLES below, refuses an anonymous visitor (redirect to the
   login page, or 401/403), refuses a logged-in person who holds no role, and — when its sample
   object belongs to unit A — refuses the staff of unit B (403 or 404), for GET and for POST.

ADDING A URL? Add an entry to SAMPLES: ``"namespace:name": Sample(lambda w: {kwargs})``, with
``of_unit_a=True`` when the URL shows or changes one object that belongs to a unit (build that
object in unit A, ``w.unit_a``: the walk then checks that unit B's staff cannot reach it). Put
objects your sample needs in the ``world`` fixture. Public URLs need no sample.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.orgs import policy
from gongkai.orgs.roles import Role

# --- discovering the URLs --------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" as reverse() takes it
    route: str  # the pattern, for messages
    callback: Callable
    kind: str  # "view", "ninja-operation", "ninja-builtin", "admin", "static"


def _is_static(callback: Callable) -> bool:
    module = getattr(callback, "__module__", "") or ""
    return module.startswith(("django.views.static", "django.contrib.staticfiles"))


def _is_ninja(callback: Callable) -> bool:
    func = getattr(callback, "func", callback)  # ninja's built-in views are functools.partials
    return (getattr(func, "__module__", "") or "").startswith("ninja.")


def iter_routes(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            if route.startswith("admin/"):
                yield Route("admin:index", route, lambda: None, "admin")
                continue
            yield from iter_routes(entry.url_patterns, route, full)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            callback = entry.callback
            if _is_static(callback):
                kind = "static"
            elif _is_ninja(callback):
                kind = "ninja-operation" if _ninja_path_view(callback) else "ninja-builtin"
            else:
                kind = "view"
            yield Route(name, route, callback, kind)


def _ninja_path_view(callback: Callable) -> Any | None:
    """The PathView behind a ninja URL (its operations carry methods, auth and openapi_extra)."""
    try:
        owner = inspect.getclosurevars(callback).nonlocals.get("self")
    except TypeError:
        return None
    return owner if hasattr(owner, "operations") else None


ROUTES = list(iter_routes())
VIEWS = [r for r in ROUTES if r.kind == "view"]
API_OPERATIONS = [
    (r, op)
    for r in ROUTES
    if r.kind == "ninja-operation"
    for op in _ninja_path_view(r.callback).operations
]


def _ids(routes):
    return [r.name or r.route for r in routes]


# --- the sample table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    kwargs: Callable[[Any], dict] = lambda w: {}
    # The URL shows or changes one object of unit A (built in `world`): unit B staff are refused.
    of_unit_a: bool = False


SAMPLES: dict[str, Sample] = {
    # 我的待办 / 本单位待办 (workspace.enter: every staff member has an inbox of their own)
    "workspace:inbox": Sample(),
    "workspace:unit_inbox": Sample(),
    # 工作日历 (calendar.manage)
    "workspace:calendar": Sample(),
    "workspace:calendar_import": Sample(),
    "workspace:calendar_year": Sample(lambda w: {"year": 2026}),
    "workspace:calendar_edit": Sample(lambda w: {"year": 2026}),
    # 操作记录 of an object of unit A
    "workspace:history": Sample(
        lambda w: {"object_type": "orgs.unit", "object_id": str(w.unit_a.pk)}, of_unit_a=True
    ),
    # 单位与人员
    "workspace:units": Sample(),
    "workspace:unit_detail": Sample(lambda w: {"pk": w.unit_a.pk}, of_unit_a=True),
    "workspace:unit_alias_add": Sample(lambda w: {"pk": w.unit_a.pk}, of_unit_a=True),
    "workspace:unit_alias_remove": Sample(lambda w: {"pk": w.unit_a.pk}, of_unit_a=True),
    "workspace:unit_role_assign": Sample(lambda w: {"pk": w.unit_a.pk}, of_unit_a=True),
    "workspace:unit_role_revoke": Sample(lambda w: {"pk": w.role_a.pk}, of_unit_a=True),
    # 批量导入 and 政府公报 (library.import / gazette.manage: the region's office)
    # library (政策文件库) staff pages
    "workspace:library_documents": Sample(),
    "workspace:library_document_new": Sample(),
    "workspace:library_document": Sample(lambda w: {"pk": _lib(w).document.pk}, of_unit_a=True),
    "workspace:library_document_edit": Sample(
        lambda w: {"pk": _lib(w).document.pk}, of_unit_a=True
    ),
    "workspace:library_document_act": Sample(
        lambda w: {"pk": _lib(w).document.pk, "action": "submit"}, of_unit_a=True
    ),
    "workspace:library_attachment_add": Sample(
        lambda w: {"pk": _lib(w).document.pk}, of_unit_a=True
    ),
    "workspace:library_attachment": Sample(lambda w: {"pk": _lib(w).attachment.pk}, of_unit_a=True),
    "workspace:library_attachment_remove": Sample(
        lambda w: {"pk": _lib(w).attachment.pk}, of_unit_a=True
    ),
    "workspace:library_finding_release": Sample(
        lambda w: {"pk": _lib(w).finding.pk}, of_unit_a=True
    ),
    "workspace:library_interpretation_new": Sample(
        lambda w: {"pk": _lib(w).document.pk}, of_unit_a=True
    ),
    "workspace:library_interpretation_link": Sample(
        lambda w: {"pk": _lib(w).document.pk}, of_unit_a=True
    ),
    "workspace:library_interpretation": Sample(
        lambda w: {"pk": _lib(w).interpretation.pk}, of_unit_a=True
    ),
    "workspace:library_interpretation_approve": Sample(
        lambda w: {"pk": _lib(w).interpretation.pk}, of_unit_a=True
    ),
    # cleanup campaigns cover the whole region: not one unit's objects
    "workspace:library_cleanups": Sample(),
    "workspace:library_cleanup_open": Sample(),
    "workspace:library_cleanup": Sample(lambda w: {"pk": _lib(w).campaign.pk}),
    "workspace:library_cleanup_decide": Sample(lambda w: {"pk": _lib(w).campaign.pk}),
    "workspace:library_cleanup_close": Sample(lambda w: {"pk": _lib(w).campaign.pk}),
    "workspace:library_import": Sample(),
    "workspace:library_import_run": Sample(lambda w: {"pk": _import_run(w).pk}),
    "workspace:library_import_status": Sample(lambda w: {"pk": _import_run(w).pk}),
    "workspace:library_import_confirm": Sample(lambda w: {"pk": _import_run(w).pk}),
    "workspace:gazette": Sample(),
    "workspace:gazette_new": Sample(),
    "workspace:gazette_issue": Sample(lambda w: {"pk": _gazette_issue(w).pk}),
    "workspace:gazette_issue_pdf": Sample(lambda w: {"pk": _gazette_issue(w).pk}),
    "workspace:gazette_issue_publish": Sample(lambda w: {"pk": _gazette_issue(w).pk}),
    # --- 年度报告 (issue 6): unit A's 2025 report ---
    "workspace:reports": Sample(),
    "workspace:report_open": Sample(),
    "workspace:report_import": Sample(),
    "workspace:report_units": Sample(),
    **{
        f"workspace:{name}": Sample(lambda w: {"pk": _report(w).pk}, of_unit_a=True)
        for name in (
            "report",
            "report_prose",
            "report_enter",
            "report_override",
            "report_refresh",
            "report_scope",
            "report_submit",
            "report_review",
            "report_reopen",
        )
    },
    "workspace:report_download": Sample(
        lambda w: {"pk": _report(w).pk, "fmt": "json"}, of_unit_a=True
    ),
    # JSON API staff endpoints
    "api:my_duties": Sample(),
    # --- 工作要点台账 (issue 5): a published plan whose one task is unit A's ---
    "workspace:workplan:plans": Sample(),
    "workspace:workplan:import": Sample(),
    **{
        f"workspace:workplan:{name}": Sample(lambda w: {"pk": _wp(w).plan.pk}, of_unit_a=True)
        for name in (
            "plan",
            "review",
            "plan_edit",
            "names",
            "publish",
            "public",
            "close",
            "board",
            "mine",
            "scorecard",
            "export",
            "lookback",
        )
    },
    "workspace:workplan:reminder": Sample(
        lambda w: {"pk": _wp(w).plan.pk, "kind": "weekly"}, of_unit_a=True
    ),
    "workspace:workplan:task_edit": Sample(lambda w: {"pk": _wp(w).task.pk}, of_unit_a=True),
    "workspace:workplan:task_delete": Sample(lambda w: {"pk": _wp(w).task.pk}, of_unit_a=True),
    "workspace:workplan:part": Sample(lambda w: {"pk": _wp(w).part.pk}, of_unit_a=True),
    "workspace:workplan:report": Sample(lambda w: {"pk": _wp(w).part.pk}, of_unit_a=True),
    "workspace:workplan:report_review": Sample(lambda w: {"pk": _wp(w).report.pk}, of_unit_a=True),
    "workspace:workplan:file": Sample(lambda w: {"pk": _wp(w).file.pk}, of_unit_a=True),
    # --- end 工作要点台账 ---
    # --- 依申请公开 (issue 4): every staff URL of gongkai/inforequests/urls_staff.py ---
    **__import__("gongkai.inforequests.tests.walk", fromlist=["x"]).inforequest_samples(Sample),
}


def _wp(w):
    """工作要点台账 objects of unit A, built once per walk world (issue 5)."""
    if not hasattr(w, "workplan"):
        from django.core.files.base import ContentFile
        from django.utils import timezone

        from gongkai.workplan.models import (
            ProgressFile,
            ProgressReport,
            Task,
            TaskAssignment,
            WorkPlan,
        )

        plan = WorkPlan.objects.create(
            region=w.region,
            title="走查用工作要点",
            year=2026,
            source_text="走查",
            status="published",
        )
        task = Task.objects.create(plan=plan, order=1, text="走查用任务")
        part = TaskAssignment.objects.create(task=task, unit=w.unit_a, role="lead")
        report = ProgressReport.objects.create(
            assignment=part,
            status="done",
            text="走查",
            reported_by=w.clerk_a,
            reported_at=timezone.now(),
        )
        item = ProgressFile(report=report, name="走查.pdf", size=4)
        item.file.save("walk.pdf", ContentFile(b"%PDF"), save=False)
        item.save()
        w.workplan = SimpleNamespace(plan=plan, task=task, part=part, report=report, file=item)
    return w.workplan


def _report(w):
    if not hasattr(w, "report"):
        from gongkai.reports.services import report_create

        w.report = report_create(actor=None, region=w.region, year=2025, unit=w.unit_a)
    return w.report


def _lib(w):
    from gongkai.library.tests.factories import walk_objects

    return walk_objects(w)


def _import_run(w):
    from gongkai.library.importer.models import ImportRun

    return ImportRun.objects.get_or_create(
        region=w.region, file_name="走查.xlsx", defaults={"format": "xlsx", "dry_run": True}
    )[0]


def _gazette_issue(w):
    from gongkai.library.gazette.models import GazetteIssue

    return GazetteIssue.objects.get_or_create(
        region=w.region,
        year=2026,
        number=1,
        defaults={
            "period_from": dt.date(2026, 1, 1),
            "period_to": dt.date(2026, 1, 31),
            "issued_on": dt.date(2026, 2, 1),
        },
    )[0]


@pytest.fixture
def world(region, unit_a, unit_b):
    """A county with two units, their staff, and objects of unit A for the samples."""
    from gongkai.core.duties.services import duty_open
    from gongkai.orgs.tests.factories import UserFactory, staff

    clerk_a = staff(unit_a, Role.CLERK, username="walk_clerk_a")
    duty_a = duty_open(
        kind="test.walk", title="走查用待办", unit=unit_a, fixed_due=dt.date(2026, 12, 31)
    )
    return SimpleNamespace(
        region=region,
        unit_a=unit_a,
        unit_b=unit_b,
        clerk_a=clerk_a,
        role_a=clerk_a.roles.get(),
        duty_a=duty_a,
        clerk_b=staff(
            unit_b, Role.CLERK, Role.REVIEWER, Role.HEAD, username="walk_clerk_b", level=1
        ),
        no_role=UserFactory(username="walk_no_role"),
    )


def _sample_for(route: Route) -> Sample:
    sample = SAMPLES.get(route.name)
    if sample is None:
        pytest.fail(
            f"URL {route.name!r} ({route.route}) has no entry in SAMPLES in "
            "tests/test_url_walk.py: add a sample for this URL — "
            f'"{route.name}": Sample(lambda w: {{...kwargs...}}, of_unit_a=True/False). '
            "Build the object it shows in unit A (fixture `world`) so that the walk can check "
            "that anonymous visitors and unit B's staff are refused."
        )
    return sample


# --- 1. every view declares its access --------------------------------------------------------


@pytest.mark.parametrize("route", VIEWS, ids=_ids(VIEWS))
def test_view_declares_access(route):
    access = getattr(route.callback, "gongkai_access", None)
    assert access is not None, (
        f"{route.name} ({route.route}) declares no access: decorate the view with "
        "@gongkai.orgs.policy.public or @gongkai.orgs.policy.staff_rule('<rule>')"
    )
    assert access == "public" or access in policy.RULES, (
        f"{route.name} names rule {access!r}, which gongkai/orgs/policy.py does not define"
    )


@pytest.mark.parametrize(("route", "op"), API_OPERATIONS, ids=[r.name for r, _ in API_OPERATIONS])
def test_api_operation_declares_access(route, op):
    access = (op.openapi_extra or {}).get("x-gongkai-access")
    assert access == "public" or access in policy.RULES, (
        f"API {route.name} ({route.route}) must declare openapi_extra="
        '{"x-gongkai-access": "public" or a rule name in gongkai.orgs.policy}'
    )
    if access != "public":
        assert op.auth_callbacks, f"API {route.name} is for staff ({access}) but has no auth="


def test_every_url_is_walked():
    """Nothing escapes the walk by being of a kind it does not know."""
    kinds = {r.kind for r in ROUTES}
    assert kinds <= {"view", "ninja-operation", "ninja-builtin", "admin", "static"}
    assert any(r.kind == "admin" for r in ROUTES)


# --- 2. staff URLs refuse strangers -----------------------------------------------------------


def _login_url() -> str:
    return reverse(settings.LOGIN_URL)


def _refused_anonymous(response) -> bool:
    if response.status_code in (301, 302):
        return response["Location"].split("?")[0] == _login_url()
    return response.status_code in (401, 403)


def _check(client, url: str, refused: Callable, who: str, name: str) -> None:
    statuses = {}
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        statuses[method] = response.status_code
        assert response.status_code == 405 or refused(response), (
            f"{name}: {method.upper()} {url} as {who} gave {response.status_code}"
            f"{' → ' + response['Location'] if response.has_header('Location') else ''}; "
            "it must be refused"
        )
    assert set(statuses.values()) != {405}, f"{name}: {url} refuses every method; nothing checked"


def _staff_routes():
    routes = [r for r in VIEWS if getattr(r.callback, "gongkai_access", "public") != "public"]
    routes += [
        r
        for r, op in API_OPERATIONS
        if (op.openapi_extra or {}).get("x-gongkai-access", "public") != "public"
    ]
    return routes


STAFF_ROUTES = _staff_routes()


@pytest.mark.parametrize("route", STAFF_ROUTES, ids=_ids(STAFF_ROUTES))
def test_staff_url_refuses_anonymous(client, world, route):
    url = reverse(route.name, kwargs=_sample_for(route).kwargs(world))
    _check(client, url, _refused_anonymous, "an anonymous visitor", route.name)


@pytest.mark.parametrize("route", STAFF_ROUTES, ids=_ids(STAFF_ROUTES))
def test_staff_url_refuses_a_person_without_role(client, world, route):
    url = reverse(route.name, kwargs=_sample_for(route).kwargs(world))
    client.force_login(world.no_role)
    _check(
        client,
        url,
        lambda r: r.status_code in (401, 403, 404),
        "a logged-in person who holds no role",
        route.name,
    )


# URLs without a sample fail the two tests above; those with one about unit A's object are here.
UNIT_A_ROUTES = [r for r in STAFF_ROUTES if r.name in SAMPLES and SAMPLES[r.name].of_unit_a]


@pytest.mark.parametrize("route", UNIT_A_ROUTES, ids=_ids(UNIT_A_ROUTES))
def test_unit_a_objects_refuse_unit_b_staff(client, world, route):
    url = reverse(route.name, kwargs=SAMPLES[route.name].kwargs(world))
    client.force_login(world.clerk_b)
    _check(
        client,
        url,
        lambda r: r.status_code in (403, 404),
        "unit B's staff (clerk, reviewer, head)",
        route.name,
    )


def test_samples_name_only_existing_urls():
    names = {r.name for r in ROUTES}
    stale = sorted(set(SAMPLES) - names)
    assert not stale, f"SAMPLES names URLs that no longer exist: {stale}; remove them"


# --- 3. public URLs answer without a server error ---------------------------------------------


PUBLIC_PLAIN = [
    r
    for r in VIEWS
    if getattr(r.callback, "gongkai_access", None) == "public" and "<" not in r.route
]


@pytest.mark.parametrize("route", PUBLIC_PLAIN, ids=_ids(PUBLIC_PLAIN))
def test_public_url_answers(client, world, route):
    response = client.get("/" + route.route)
    assert response.status_code != 500  # (healthz may answer 503 on purpose)


# --- 4. the Django admin and the API's own pages ----------------------------------------------


def test_admin_sends_anonymous_and_non_admins_to_its_login(client, world):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(world.clerk_a)  # unit staff are not Django staff
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_api_schema_and_docs_are_public(client, db):
    from gongkai.api.api import api

    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    assert response.json()["info"]["title"] == api.title
    if api.docs_url:
        assert client.get(reverse("api:openapi-view")).status_code == 200


def api_operation_auth_hook(route: Route, op: Any) -> None:
    """HOOK for later API endpoints' auth (tokens, signed requests): extend here.

    Called for every staff API operation; today they all use the staff session
    (``ninja.security.django_auth``). An endpoint with another scheme must be checked here.
    """
    from ninja.security import django_auth

    assert django_auth in op.auth_callbacks, (
        f"API {route.name} uses an auth scheme the URL walk does not know yet: "
        "extend api_operation_auth_hook in tests/test_url_walk.py"
    )


STAFF_API = [
    (r, op)
    for r, op in API_OPERATIONS
    if (op.openapi_extra or {}).get("x-gongkai-access", "public") != "public"
]


@pytest.mark.parametrize(("route", "op"), STAFF_API, ids=[r.name for r, _ in STAFF_API])
def test_staff_api_auth(route, op):
    api_operation_auth_hook(route, op)

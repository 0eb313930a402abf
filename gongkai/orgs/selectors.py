from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404

from .models import Region, RoleAssignment, Unit, UnitAlias
from .roles import Role


def region_for_request(*, host: str, path: str) -> tuple[Region | None, str]:
    """(region, stripped path prefix like "/shifan" or "")."""
    hostname = host.split(":")[0].lower() if not host.startswith("[") else host
    regions = _regions()
    for region in regions:
        if region.host and region.host.lower() == hostname:
            return region, ""
    first = path.strip("/").split("/", 1)[0]
    for region in regions:
        if region.path_prefix and region.path_prefix == first:
            return region, f"/{first}"
    return (regions[0] if regions else None), ""


def _regions() -> list[Region]:
    regions = cache.get("gongkai:regions")
    if regions is None:
        regions = list(Region.objects.order_by("sort", "id"))
        cache.set("gongkai:regions", regions, 60)
    return regions


def default_region() -> Region | None:
    return Region.objects.order_by("sort", "id").first()


def region_by_code(code: str = "") -> Region:
    """The region a command names (``--region CODE``), else the deployment's first region."""
    from gongkai.core.errors import GongkaiError

    if code:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise GongkaiError(f"没有代码为 {code} 的区域。")
        return region
    region = default_region()
    if region is None:
        raise GongkaiError("尚未设置任何行政区域，请先运行 gongkai demo load 或在管理后台添加。")
    return region


# --- units -------------------------------------------------------------------------------------


def units_of_region(*, region: Region, active_only: bool = True) -> QuerySet[Unit]:
    qs = Unit.objects.filter(region=region).select_related("parent")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("sort", "id")


@dataclass(frozen=True)
class TreeRow:
    unit: Unit
    depth: int


def unit_tree(*, region: Region, active_only: bool = False) -> list[TreeRow]:
    """The region's units in tree order (parents before children, siblings by sort)."""
    units = list(
        units_of_region(region=region, active_only=active_only).prefetch_related("aliases")
    )
    children: dict[int | None, list[Unit]] = {}
    ids = {u.pk for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    rows: list[TreeRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            rows.append(TreeRow(unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return rows


def _name_variants(region: Region, name: str) -> list[str]:
    """The name as written, and with the county's name and "县" swapped at its start.

    Documents write 示范县发展和改革局, 县发展和改革局 and 发展和改革局 for the same unit.
    """
    name = "".join(name.split())
    variants = [name]
    county = region.short_name
    if county and name.startswith(county) and len(name) > len(county):
        rest = name[len(county) :]
        variants += [f"县{rest}", rest]
    elif name.startswith("县") and len(name) > 1:
        variants += [f"{county}{name[1:]}", name[1:]]
    elif county:
        variants += [f"{county}{name}", f"县{name}"]
    return [v for i, v in enumerate(variants) if v and v not in variants[:i]]


def resolve_unit_name(region: Region, name: str) -> Unit | None:
    """The unit of ``region`` called ``name`` (full name, short name or alias), else None.

    Exact matching only, tried on a few spellings of the county prefix; fuzzy matching of
    imported documents builds on this and must not bypass it.
    """
    if not name or not name.strip():
        return None
    units = Unit.objects.filter(region=region)
    for variant in _name_variants(region, name):
        unit = (
            units.filter(name=variant).first()
            or units.filter(short_name=variant).order_by("id").first()
        )
        if unit is None:
            alias = (
                UnitAlias.objects.filter(region=region, alias=variant)
                .select_related("unit")
                .first()
            )
            unit = alias.unit if alias else None
        if unit is not None:
            return unit
    return None


def people_of_unit(*, unit: Unit) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "level", "user__username")
    )


def office_admins_of_region(*, region: Region) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(
        region=region, role=Role.OFFICE_ADMIN, unit__isnull=True
    ).select_related("user")


def roles_by_unit(*, region: Region) -> dict[int, list[RoleAssignment]]:
    """Every unit role of the region grouped by unit id, in one query (for the units list)."""
    grouped: dict[int, list[RoleAssignment]] = {}
    qs = (
        RoleAssignment.objects.filter(region=region, unit__isnull=False)
        .select_related("user")
        .order_by("role", "level", "user__username")
    )
    for assignment in qs:
        grouped.setdefault(assignment.unit_id, []).append(assignment)
    return grouped


# --- object access: 404 for what the person may not see (do not reveal that it exists) ---------


def access_unit_by_id(*, user: Any, unit_id: int, rule: str = "unit.view") -> Unit:
    from . import policy

    unit = Unit.objects.select_related("region", "parent").filter(pk=unit_id).first()
    if unit is None or not policy.can(user, rule, unit):
        raise Http404("没有找到该单位。")
    return unit


def access_role_by_id(*, user: Any, assignment_id: int) -> RoleAssignment:
    """A role assignment the person may revoke (manage rights over its unit or region)."""
    from . import policy

    assignment = (
        RoleAssignment.objects.select_related("unit", "region", "user")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404("没有找到该角色。")
    target = assignment.unit if assignment.unit_id else assignment.region
    if not policy.can(user, "unit.manage", target):
        raise Http404("没有找到该角色。")
    return assignment


def access_duty_by_id(*, user: Any, duty_id: int, rule: str = "duty.view") -> Any:
    from gongkai.core.duties.models import Duty

    from . import policy

    duty = Duty.objects.select_related("unit", "region", "assignee").filter(pk=duty_id).first()
    if duty is None or not policy.can(user, rule, duty):
        raise Http404("没有找到该事项。")
    return duty

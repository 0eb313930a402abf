"""The orgs part of the demo county: the region, its units, and the demo staff."""

from __future__ import annotations

from gongkai.orgs import services
from gongkai.orgs.models import Region, RoleAssignment, Unit, UnitAlias, User
from gongkai.orgs.roles import Role

from . import DEMO_PASSWORD, DemoAccount, DemoContext, county, demo_step


@demo_step("010-orgs-region")
def region(ctx: DemoContext) -> None:
    data = dict(county.REGION)
    existing = Region.objects.filter(code=data["code"]).first()
    if existing is not None:
        # Leave contacts the office may have edited since; only make sure the region is there.
        ctx.region = existing
        return
    ctx.region = services.region_create(actor=None, **data)
    ctx.say(f"已创建行政区域：{ctx.region.name}")


def _ensure_unit(ctx: DemoContext, *, row, kind: str, parent: Unit | None, sort: int) -> Unit:
    code, name, short_name, aliases = row
    unit = Unit.objects.filter(region=ctx.region, code=code).first()
    if unit is None:
        return services.unit_create(
            actor=None,
            region=ctx.region,
            kind=kind,
            name=name,
            code=code,
            short_name=short_name,
            parent=parent,
            aliases=aliases,
            sort=sort,
        )
    have = set(UnitAlias.objects.filter(unit=unit).values_list("alias", flat=True))
    missing = [a for a in aliases if a not in have]
    if missing:
        services.unit_update(actor=None, unit=unit, aliases_add=missing)
    return unit


@demo_step("020-orgs-units")
def units(ctx: DemoContext) -> None:
    before = Unit.objects.filter(region=ctx.region).count()
    gov = _ensure_unit(ctx, row=county.GOVERNMENT, kind=Unit.Kind.GOVERNMENT, parent=None, sort=0)
    office = _ensure_unit(ctx, row=county.OFFICE, kind=Unit.Kind.OFFICE, parent=gov, sort=1)
    _ensure_unit(ctx, row=county.OPENNESS_OFFICE, kind=Unit.Kind.OFFICE, parent=office, sort=2)
    groups = [
        (county.DEPARTMENTS, Unit.Kind.DEPARTMENT, 100),
        (county.TOWNSHIPS, Unit.Kind.TOWNSHIP, 200),
        (county.ZONES, Unit.Kind.ZONE, 300),
        (county.ENTERPRISES, Unit.Kind.ENTERPRISE, 400),
    ]
    for rows, kind, base in groups:
        for i, row in enumerate(rows, start=1):
            _ensure_unit(ctx, row=row, kind=kind, parent=gov, sort=base + i)
    created = Unit.objects.filter(region=ctx.region).count() - before
    if created:
        ctx.say(f"已创建单位 {created} 个")


@demo_step("030-orgs-staff")
def staff(ctx: DemoContext) -> None:
    created = 0
    for username, name, unit_name, role, level in county.STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.user_create(
                actor=None,
                username=username,
                display_name=name,
                password=DEMO_PASSWORD,
                is_superuser=username in county.SUPERUSERS,
            )
            created += 1
        unit = ctx.unit(unit_name) if unit_name else None
        held = RoleAssignment.objects.filter(user=user, role=role, unit=unit, level=level)
        if role == Role.OFFICE_ADMIN:
            held = held.filter(region=ctx.region)
        if not held.exists():
            services.role_assign(
                actor=None, user=user, role=role, unit=unit, region=ctx.region, level=level
            )
        label = Role(role).label + (f"（{level}级）" if level else "")
        if username in county.SUPERUSERS:
            label = f"系统管理员、{label}"
        where = unit.label if unit else f"{ctx.region.short_name}（全县）"
        ctx.accounts.append(DemoAccount(username, name, where, label))
    if created:
        ctx.say(f"已创建演示账号 {created} 个")

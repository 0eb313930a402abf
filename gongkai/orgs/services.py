"""Writes to units, people and roles. Each checks the rules, writes, and records an audit event."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from gongkai.core.audit import audit_record, snapshot
from gongkai.core.audit.verbs import register_verbs
from gongkai.core.errors import GongkaiError

from .models import Region, RoleAssignment, Unit, UnitAlias, User
from .roles import REGION_ROLES, UNIT_ROLES, Role

register_verbs(
    {
        "region.create": "新建行政区域",
        "unit.create": "新建单位",
        "unit.update": "修改单位",
        "user.create": "新建工作人员账号",
        "role.assign": "指定角色",
        "role.revoke": "取消角色",
    }
)

UNIT_FIELDS = [
    "parent_id",
    "kind",
    "name",
    "short_name",
    "code",
    "credit_code",
    "review_levels",
    "is_active",
    "sort",
]


def _first_error(exc: ValidationError) -> GongkaiError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return GongkaiError(str(errors[0].messages[0]), field=field)
    return GongkaiError(exc.messages[0])


def _clean_names(names: list[str] | tuple[str, ...] | None) -> list[str]:
    seen: list[str] = []
    for name in names or []:
        name = (name or "").strip()
        if name and name not in seen:
            seen.append(name)
    return seen


def _check_name_free(*, region: Region, name: str, unit: Unit | None) -> None:
    """A name (full, short or alias) must point at one unit only, or matching becomes guessing."""
    units = Unit.objects.filter(region=region)
    if unit is not None:
        units = units.exclude(pk=unit.pk)
    taken = units.filter(Q(name=name) | Q(short_name=name)).first()
    if taken is None:
        alias = UnitAlias.objects.filter(region=region, alias=name).select_related("unit").first()
        if alias and (unit is None or alias.unit_id != unit.pk):
            taken = alias.unit
    if taken is not None:
        raise GongkaiError(f"名称“{name}”已被“{taken.name}”使用，请换一个名称。", field="name")


def _add_aliases(*, unit: Unit, aliases: list[str]) -> list[str]:
    added = []
    for alias in aliases:
        if alias in (unit.name, unit.short_name):
            continue
        if UnitAlias.objects.filter(region_id=unit.region_id, alias=alias, unit=unit).exists():
            continue
        _check_name_free(region=unit.region, name=alias, unit=unit)
        UnitAlias.objects.create(region_id=unit.region_id, unit=unit, alias=alias)
        added.append(alias)
    return added


def _validate_parent(*, unit: Unit | None, region: Region, parent: Unit | None) -> None:
    if parent is None:
        return
    if parent.region_id != region.pk:
        raise GongkaiError("上级单位必须属于同一行政区域。", field="parent")
    node: Unit | None = parent
    while node is not None:
        if unit is not None and node.pk == unit.pk:
            raise GongkaiError("不能把单位设为自己或自己下级单位的下级。", field="parent")
        node = node.parent


@transaction.atomic
def unit_create(
    *,
    actor: Any | None,
    region: Region,
    kind: str,
    name: str,
    code: str,
    short_name: str = "",
    parent: Unit | None = None,
    aliases: list[str] | None = None,
    review_levels: int = 3,
    credit_code: str = "",
    sort: int = 0,
) -> Unit:
    """Create a unit of ``region`` with its aliases (names it goes by in documents)."""
    name, short_name, code = name.strip(), short_name.strip(), code.strip()
    if not name:
        raise GongkaiError("请填写单位全称。", field="name")
    for each in filter(None, [name, short_name]):
        _check_name_free(region=region, name=each, unit=None)
    if Unit.objects.filter(region=region, code=code).exists():
        raise GongkaiError(f"单位代码“{code}”在本区域已被使用。", field="code")
    _validate_parent(unit=None, region=region, parent=parent)
    unit = Unit(
        region=region,
        parent=parent,
        kind=kind,
        name=name,
        short_name=short_name,
        code=code,
        credit_code=credit_code.strip(),
        review_levels=review_levels,
        sort=sort,
    )
    try:
        unit.full_clean()
    except ValidationError as exc:
        raise _first_error(exc) from exc
    unit.save()
    added = _add_aliases(unit=unit, aliases=_clean_names(aliases))
    audit_record(
        actor=actor,
        verb="unit.create",
        obj=unit,
        unit=unit,
        after={**snapshot(unit, UNIT_FIELDS), "aliases": added},
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: Any | None,
    unit: Unit,
    aliases_add: list[str] | None = None,
    aliases_remove: list[str] | None = None,
    **changes: Any,
) -> Unit:
    """Change a unit's fields (any of UNIT_FIELDS, ``parent`` for parent_id) and its aliases."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, UNIT_FIELDS)
    if "parent" in changes:
        parent = changes.pop("parent")
        _validate_parent(unit=unit, region=unit.region, parent=parent)
        changes["parent_id"] = parent.pk if parent else None
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise GongkaiError(f"不能修改这些字段：{'、'.join(sorted(unknown))}。")
    for field in ("name", "short_name", "code", "credit_code"):
        if field in changes:
            changes[field] = (changes[field] or "").strip()
    for field in ("name", "short_name"):
        if changes.get(field) and changes[field] != getattr(unit, field):
            _check_name_free(region=unit.region, name=changes[field], unit=unit)
    new_code = changes.get("code")
    if (
        new_code
        and new_code != unit.code
        and Unit.objects.filter(region_id=unit.region_id, code=new_code).exists()
    ):
        raise GongkaiError(f"单位代码“{changes['code']}”在本区域已被使用。", field="code")
    for field, value in changes.items():
        setattr(unit, field, value)
    try:
        unit.full_clean()
    except ValidationError as exc:
        raise _first_error(exc) from exc
    if changes:
        unit.save(update_fields=[f for f in UNIT_FIELDS if f in changes] or None)
    removed = []
    for alias in _clean_names(aliases_remove):
        if UnitAlias.objects.filter(unit=unit, alias=alias).delete()[0]:
            removed.append(alias)
    added = _add_aliases(unit=unit, aliases=_clean_names(aliases_add))
    after = snapshot(unit, UNIT_FIELDS)
    if after == before and not added and not removed:
        return unit
    audit_record(
        actor=actor,
        verb="unit.update",
        obj=unit,
        unit=unit,
        before=before,
        after=after,
        details={"aliases_added": added, "aliases_removed": removed},
    )
    return unit


@transaction.atomic
def user_create(
    *,
    actor: Any | None,
    username: str,
    display_name: str,
    password: str | None = None,
    phone: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a staff account. Without a password the account cannot log in until one is set."""
    username = username.strip()
    if not username:
        raise GongkaiError("请填写用户名。", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise GongkaiError(f"用户名“{username}”已存在，请换一个。", field="username")
    user = User(
        username=username,
        display_name=display_name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        is_superuser=is_superuser,
        is_staff=is_superuser,  # Django admin is for system admins only
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise GongkaiError(exc.messages[0], field="password") from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise _first_error(exc) from exc
    user.save()
    audit_record(
        actor=actor,
        verb="user.create",
        obj=user,
        after={
            "username": user.username,
            "display_name": user.display_name,
            "superuser": is_superuser,
        },
    )
    return user


def _role_label(assignment: RoleAssignment) -> dict[str, Any]:
    return {
        "user": assignment.user_id,
        "region": assignment.region_id,
        "unit": assignment.unit_id,
        "role": assignment.role,
        "level": assignment.level,
    }


@transaction.atomic
def role_assign(
    *,
    actor: Any | None,
    user: User,
    role: str,
    unit: Unit | None = None,
    region: Region | None = None,
    level: int | None = None,
) -> RoleAssignment:
    """Give ``user`` a role.

    Unit roles need a unit; 审核人 needs a level 1–3 within the unit's review levels; 公开办管理员
    is region-wide and has no unit.
    """
    if role not in Role.values:
        raise GongkaiError("没有这个角色。", field="role")
    if role in REGION_ROLES:
        if unit is not None:
            raise GongkaiError("公开办管理员是全区域的角色，不属于某个单位。", field="unit")
        if region is None:
            raise GongkaiError("请指定公开办管理员所在的行政区域。", field="region")
    else:
        assert role in UNIT_ROLES
        if unit is None:
            raise GongkaiError(f"{Role(role).label}须属于一个单位，请选择单位。", field="unit")
        if region is not None and region.pk != unit.region_id:
            raise GongkaiError("单位不属于所选的行政区域。", field="unit")
        region = unit.region
    if role == Role.REVIEWER:
        if level not in (1, 2, 3):
            raise GongkaiError("审核人须指定审核级别（1、2 或 3 级）。", field="level")
        if unit is not None and level > unit.review_levels:
            raise GongkaiError(
                f"{unit.label}只设 {unit.review_levels} 级审核，不能指定 {level} 级审核人。",
                field="level",
            )
    elif level is not None:
        raise GongkaiError("只有审核人有审核级别。", field="level")
    existing = RoleAssignment.objects.filter(user=user, region=region, unit=unit, role=role)
    if level is not None:
        existing = existing.filter(level=level)
    if existing.exists():
        raise GongkaiError(f"{user}已担任该角色，无需重复指定。")
    try:
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(
                user=user, region=region, unit=unit, role=role, level=level
            )
    except IntegrityError as exc:
        raise GongkaiError(f"{user}已担任该角色，无需重复指定。") from exc
    audit_record(
        actor=actor,
        verb="role.assign",
        obj=assignment,
        unit=unit,
        region=region,
        after=_role_label(assignment),
    )
    if hasattr(user, "_gongkai_roles"):
        del user._gongkai_roles
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any | None, assignment: RoleAssignment) -> None:
    """Take a role away. The audit event keeps who held it, where and since when."""
    before = {**_role_label(assignment), "since": assignment.created_at}
    unit, region = assignment.unit, assignment.region
    audit_record(
        actor=actor,
        verb="role.revoke",
        obj=assignment,
        unit=unit,
        region=region,
        before=before,
        details={"label": str(assignment)},
    )
    assignment.delete()


REGION_FIELDS = [
    "code",
    "name",
    "short_name",
    "host",
    "path_prefix",
    "office_name",
    "office_address",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "office_postcode",
    "icp_record",
    "sort",
]


@transaction.atomic
def region_create(
    *, actor: Any | None, code: str, name: str, short_name: str, **fields: Any
) -> Region:
    """Create a region (a county on this deployment) with its openness office's contacts."""
    unknown = set(fields) - set(REGION_FIELDS)
    if unknown:
        raise GongkaiError(f"不能设置这些字段：{'、'.join(sorted(unknown))}。")
    if Region.objects.filter(code=code).exists():
        raise GongkaiError(f"区划代码“{code}”已被使用。", field="code")
    region = Region(code=code, name=name, short_name=short_name, **fields)
    try:
        region.full_clean()
    except ValidationError as exc:
        raise _first_error(exc) from exc
    region.save()
    from django.core.cache import cache

    cache.delete("gongkai:regions")  # RegionMiddleware's list
    audit_record(
        actor=actor,
        verb="region.create",
        obj=region,
        region=region,
        after=snapshot(region, REGION_FIELDS),
    )
    return region

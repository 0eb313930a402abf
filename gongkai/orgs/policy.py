"""The one permission policy. Every staff view, API endpoint and command asks it; deny by default.

A rule is a named function ``(user, obj) -> bool``. Views declare theirs with ``@staff_rule(name)``
(or ``@public`` for the portal); the URL-walk test refuses any view that declares neither.
Object-level checks go through ``require(user, name, obj)`` inside selectors/services.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

from gongkai.core.errors import PermissionDenied

from .roles import Role

RuleFn = Callable[[Any, Any], bool]
RULES: dict[str, RuleFn] = {}


def rule(name: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        if name in RULES:
            raise RuntimeError(f"rule {name!r} defined twice")
        RULES[name] = fn
        return fn

    return register


def can(user: Any, name: str, obj: Any = None) -> bool:
    """True only if the named rule exists and grants; unknown rules and anonymous users fail."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    fn = RULES.get(name)
    if fn is None:
        return False
    return bool(fn(user, obj))


def require(user: Any, name: str, obj: Any = None) -> None:
    if not can(user, name, obj):
        raise PermissionDenied()


# --- facts about a person ------------------------------------------------------------------


def roles_of(user: Any) -> list:
    """The person's role assignments, cached on the user object for the request."""
    cached = getattr(user, "_gongkai_roles", None)
    if cached is None:
        cached = list(user.roles.select_related("unit", "region"))
        user._gongkai_roles = cached
    return cached


def unit_ids(user: Any, *roles: str) -> set[int]:
    """Units in which the person holds any of ``roles`` (any role if none given)."""
    return {a.unit_id for a in roles_of(user) if a.unit_id and (not roles or a.role in roles)}


def office_region_ids(user: Any) -> set[int]:
    return {a.region_id for a in roles_of(user) if a.role == Role.OFFICE_ADMIN}


def is_staff_member(user: Any) -> bool:
    return user.is_superuser or bool(roles_of(user))


def reviewer_levels(user: Any, unit_id: int) -> set[int]:
    return {
        a.level
        for a in roles_of(user)
        if a.role == Role.REVIEWER and a.unit_id == unit_id and a.level
    }


def has_unit_role(user: Any, unit: Any, *roles: str) -> bool:
    return unit is not None and unit.pk in unit_ids(user, *roles)


def is_office_for(user: Any, region_id: int | None) -> bool:
    return user.is_superuser or (region_id is not None and region_id in office_region_ids(user))


# --- the rules -----------------------------------------------------------------------------
# One line each: who the rule lets through. ``obj`` is what the view or selector passes.


# Anyone holding a role anywhere, or a system admin, may enter the staff workspace.
@rule("workspace.enter")
def _workspace_enter(user, obj):
    return is_staff_member(user)


def _region_id_of(obj: Any) -> int | None:
    """The region a Region, a Unit, or anything with ``region_id`` belongs to."""
    from .models import Region

    if isinstance(obj, Region):
        return obj.pk
    return getattr(obj, "region_id", None)


# A unit's page: its own staff (any role), the office of its region, system admins.
@rule("unit.view")
def _unit_view(user, unit):
    return has_unit_role(user, unit) or is_office_for(user, getattr(unit, "region_id", None))


# Change a unit, its aliases and who holds roles in it: the office of its region, system admins.
# ``obj`` is the unit, or the region for region-wide lists and creation.
@rule("unit.manage")
def _unit_manage(user, obj):
    return is_office_for(user, _region_id_of(obj))


# Region-wide settings and supervision (督办, reports): the office of the region, system admins.
@rule("region.manage")
def _region_manage(user, region):
    return is_office_for(user, _region_id_of(region))


# The Django admin and deployment-wide settings: system admins only.
@rule("system.admin")
def _system_admin(user, obj):
    return user.is_superuser


# A duty (待办): the staff of its unit (any role), the office of its region (they supervise).
@rule("duty.view")
def _duty_view(user, duty):
    if duty is None:
        return False
    return duty.unit_id in unit_ids(user) or is_office_for(user, duty.region_id)


# Act on a duty: its assignee; else whoever holds its role (and level) in its unit; a duty with
# neither assignee nor role is for any staff member of the unit. The office supervises, not acts.
@rule("duty.act")
def _duty_act(user, duty):
    if duty is None:
        return False
    if duty.assignee_id:
        return duty.assignee_id == user.pk
    if not duty.role:
        return duty.unit_id in unit_ids(user)
    for a in roles_of(user):
        same_role = a.unit_id == duty.unit_id and a.role == duty.role
        if same_role and (not duty.role_level or a.level == duty.role_level):
            return True
    return False


# --- working-day calendar (helper A: core.workdays) -------------------------------------------
# The holiday arrangement is deployment-wide (one State Council notice for the whole country), so
# any region's openness office may enter it, as may the system administrator.


@rule("calendar.manage")
def _calendar_manage(user, obj):
    return user.is_superuser or bool(office_region_ids(user))


# --- end working-day calendar ----------------------------------------------------------------


# --- audit history (helper B: core.audit) ----------------------------------------------------
# ``obj`` is ``(object_type, object_id)``. Each app registers, per object type, who may see an
# object's history (gongkai/core/audit/access.py); unregistered types: system admins only.


@rule("history.view")
def _history_view(user, target):
    from gongkai.core.audit.access import may_see_history

    object_type, object_id = target
    return may_see_history(user, object_type, object_id)


# --- end audit history -----------------------------------------------------------------------


# --- view decorators -------------------------------------------------------------------------


def public(view):
    """Mark a view as open to everyone (the portal, the public API, health)."""
    view.gongkai_access = "public"
    return view


def staff_rule(name: str, *, get_object: Callable | None = None):
    """Require a logged-in person for whom rule ``name`` holds (on the object, if given).

    Anonymous people are sent to the login page; logged-in people without the right get 403.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = get_object(request, *args, **kwargs) if get_object else None
            if not can(user, name, obj):
                raise DjangoPermissionDenied
            # The view may use the object it was checked against instead of fetching it again.
            request.gongkai_object = obj
            return view(request, *args, **kwargs)

        wrapper.gongkai_access = name
        return wrapper

    return decorate

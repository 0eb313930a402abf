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


# --- library (issue 3: the policy library) -----------------------------------------------------
# ``obj`` is a library Document or Interpretation (anything with ``unit`` and ``region_id``), or a
# Unit where something is created; for cleanup campaigns, the Region.


def _lib_unit(obj: Any) -> Any:
    from .models import Unit

    return obj if isinstance(obj, Unit) else getattr(obj, "unit", None)


# See a document or interpretation in the workspace: its unit's staff, the region's office.
@rule("library.view")
def _library_view(user, obj):
    unit = _lib_unit(obj)
    return has_unit_role(user, unit) or is_office_for(user, getattr(unit, "region_id", None))


# Draft, edit, submit, attach files, write interpretations: the unit's clerks (谁起草谁解读).
@rule("library.draft")
def _library_draft(user, obj):
    return has_unit_role(user, _lib_unit(obj), Role.CLERK)


# Review (三审): a reviewer of the unit; the service checks the level and self-review.
@rule("library.review")
def _library_review(user, obj):
    return has_unit_role(user, _lib_unit(obj), Role.REVIEWER)


# Release a secrecy/privacy finding as harmless: the unit's 保密审查员 only.
@rule("library.secrecy")
def _library_secrecy(user, obj):
    return has_unit_role(user, _lib_unit(obj), Role.SECRECY)


# Publish a scheduled document now, withdraw a published one, approve an interpretation: the
# unit's head or its last-level (终审) reviewer; withdrawing also the region's office.
@rule("library.sign_off")
def _library_sign_off(user, obj):
    unit = _lib_unit(obj)
    if unit is None:
        return False
    return has_unit_role(user, unit, Role.HEAD) or unit.review_levels in reviewer_levels(
        user, unit.pk
    )


# Withdraw a published document: as for sign-off, and also the region's office.
@rule("library.withdraw")
def _library_withdraw(user, obj):
    unit = _lib_unit(obj)
    return _library_sign_off(user, obj) or is_office_for(user, getattr(unit, "region_id", None))


# Exempt a document from 三同步 (with a reason): the unit's head or the region's office.
@rule("library.exempt")
def _library_exempt(user, obj):
    unit = _lib_unit(obj)
    return has_unit_role(user, unit, Role.HEAD) or is_office_for(
        user, getattr(unit, "region_id", None)
    )


# Open and close a cleanup campaign (清理): the region's office. ``obj`` is the region.
@rule("library.cleanup.manage")
def _library_cleanup_manage(user, obj):
    return is_office_for(user, _region_id_of(obj))


# Decide continue/amend/repeal for a unit's document in a campaign: its head or clerks.
@rule("library.cleanup.decide")
def _library_cleanup_decide(user, obj):
    return has_unit_role(user, _lib_unit(obj), Role.HEAD, Role.CLERK)


# --- end library -------------------------------------------------------------------------------


# --- workplan (issue 5: the work-plan ledger 工作要点台账) ----------------------------------------
# ``obj`` is a WorkPlan (or the Region, for importing), or a TaskAssignment (a unit's part in a
# task). The office of the region runs the ledger; units see and report on their own parts.


# Import, review, publish, board, scorecard, export, reminders, look-back: the region's office.
@rule("workplan.manage")
def _workplan_manage(user, obj):
    return is_office_for(user, _region_id_of(obj))


# A published plan's unit view: the office, and staff of any unit with a part in the plan.
@rule("workplan.view")
def _workplan_view(user, plan):
    if plan is None:
        return False
    if is_office_for(user, plan.region_id):
        return True
    if plan.status not in ("published", "closed"):
        return False
    mine = unit_ids(user)
    return bool(mine) and plan.tasks.filter(assignments__unit_id__in=mine).exists()


# One unit's part: its staff, the office, and the task's lead unit (牵头单位 follows 配合单位).
@rule("workplan.assignment.view")
def _workplan_assignment_view(user, assignment):
    if assignment is None:
        return False
    if assignment.unit_id in unit_ids(user) or is_office_for(user, assignment.region_id):
        return True
    mine = unit_ids(user)
    return bool(mine) and assignment.task.assignments.filter(role="lead", unit_id__in=mine).exists()


# Report progress on a unit's part: its clerks and its head.
@rule("workplan.report")
def _workplan_report(user, assignment):
    return assignment is not None and has_unit_role(user, assignment.unit, Role.CLERK, Role.HEAD)


# --- end workplan --------------------------------------------------------------------------------


# --- inforequests (issue 4: 依申请公开) ---------------------------------------------------------
# ``obj`` is an InfoRequest (anything with ``unit`` and ``region_id``), or the Unit a request is
# registered for; for region-wide pages (letter templates, statistics), the Region.


def _ir_unit(obj: Any) -> Any:
    from .models import Unit

    return obj if isinstance(obj, Unit) else getattr(obj, "unit", None)


def _ir_office(user: Any, obj: Any) -> bool:
    unit = _ir_unit(obj)
    region_id = getattr(unit, "region_id", None) if unit is not None else _region_id_of(obj)
    return is_office_for(user, region_id)


# See a case (not the applicant's identity): any staff of the handling unit, the region's office.
@rule("inforequest.view")
def _inforequest_view(user, obj):
    return has_unit_role(user, _ir_unit(obj), *UNIT_ROLE_CODES) or _ir_office(user, obj)


# The applicant's identity and contacts: the handling unit's clerks, reviewers and head; the office.
@rule("inforequest.view_personal")
def _inforequest_view_personal(user, obj):
    unit = _ir_unit(obj)
    return has_unit_role(user, unit, Role.CLERK, Role.REVIEWER, Role.HEAD) or _ir_office(user, obj)


# Register a request for a unit (in person, post, fax …): the unit's staff, the region's office.
@rule("inforequest.register")
def _inforequest_register(user, obj):
    return has_unit_role(user, _ir_unit(obj), *UNIT_ROLE_CODES) or _ir_office(user, obj)


# Handle a case (review, correction, consultation, fees, reply, delivery, archive): the handling
# unit's clerks, reviewers and head. The office supervises and transfers; it does not reply.
@rule("inforequest.handle")
def _inforequest_handle(user, obj):
    return has_unit_role(user, _ir_unit(obj), Role.CLERK, Role.REVIEWER, Role.HEAD)


# Approve and record the one extension (条例第三十三条): the unit head, or the region's office.
@rule("inforequest.extend")
def _inforequest_extend(user, obj):
    return has_unit_role(user, _ir_unit(obj), Role.HEAD) or _ir_office(user, obj)


# Transfer a case to another unit (转办): the region's office only.
@rule("inforequest.transfer")
def _inforequest_transfer(user, obj):
    return _ir_office(user, obj)


# Release a privacy/secrecy finding in a file to be provided: the unit's 保密审查员 or head.
@rule("inforequest.clear_finding")
def _inforequest_clear_finding(user, obj):
    return has_unit_role(user, _ir_unit(obj), Role.SECRECY, Role.HEAD)


# Edit the region's letter templates: the region's office. ``obj`` is the Region.
@rule("inforequest.templates")
def _inforequest_templates(user, obj):
    return _ir_office(user, obj)


# Statistics and the 条例第四十四条 demand view: a unit's staff for their unit (``obj`` a Unit), the
# region's office for the region or any of its units.
@rule("inforequest.stats")
def _inforequest_stats(user, obj):
    return has_unit_role(user, _ir_unit(obj), *UNIT_ROLE_CODES) or _ir_office(user, obj)


# The list of requests: any staff member (the selector narrows it to their units / region).
@rule("inforequest.list")
def _inforequest_list(user, obj):
    return is_staff_member(user)


UNIT_ROLE_CODES = (Role.CLERK, Role.REVIEWER, Role.SECRECY, Role.HEAD)

# --- end inforequests ----------------------------------------------------------------------------

# --- gazette & import (issue 3 items 8–9: bulk import, 政府公报) --------------------------------
# ``obj`` is the Region (or anything with ``region_id``: an ImportRun, a GazetteIssue).


# Bulk-import documents into the region's library (they arrive published, for every unit):
# the region's office only.
@rule("library.import")
def _library_import(user, obj):
    return is_office_for(user, _region_id_of(obj))


# Compile, preview and publish the 政府公报 (an office publication of the county government):
# the region's office only.
@rule("gazette.manage")
def _gazette_manage(user, obj):
    return is_office_for(user, _region_id_of(obj))


# --- end gazette & import ----------------------------------------------------------------------


# --- reports (issue 6: the annual report 年度报告) -----------------------------------------------
# ``obj`` is an AnnualReport (anything with ``unit`` and ``region_id``), a Unit, or the Region.
# A unit's report is drafted by its clerks and reviewed by its reviewers (三审); the region's
# report by the staff of the unit that drafts it (its openness office). The office of the region
# sees every report, opens the year and imports earlier years' reports.


# See a report in the workspace (its tables, checks, history): the unit's staff, the office.
@rule("reports.view")
def _reports_view(user, obj):
    unit = _lib_unit(obj)
    return has_unit_role(user, unit) or is_office_for(user, getattr(unit, "region_id", None))


# Edit the prose and the entered figures, type over a number (with a reason), refresh the
# computed numbers, submit for review: the unit's clerks.
@rule("reports.draft")
def _reports_draft(user, obj):
    return has_unit_role(user, _lib_unit(obj), Role.CLERK)


# Review (三审): a reviewer of the unit; the service checks the level and self-review.
@rule("reports.review")
def _reports_review(user, obj):
    return has_unit_role(user, _lib_unit(obj), Role.REVIEWER)


# Open the year's reports for every unit, import earlier years' reports, reopen a published
# report for correction, the region-wide comparison table: the region's office.
@rule("reports.manage")
def _reports_manage(user, obj):
    return is_office_for(user, _region_id_of(obj))


# --- end reports -------------------------------------------------------------------------------


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

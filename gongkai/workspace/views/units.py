"""单位与人员: the office's tree of the region's units; a unit's page with its people and roles.

The office of the region (and system admins) see every unit and manage aliases and roles; a
unit's own staff see their unit's page; anyone else gets 404, so unit ids reveal nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs import selectors, services
from gongkai.orgs.models import User
from gongkai.orgs.policy import can, staff_rule, unit_ids
from gongkai.orgs.roles import UNIT_ROLES, Role


def _unit(request: HttpRequest, pk: int):
    return selectors.access_unit_by_id(user=request.user, unit_id=pk)


def _assignment(request: HttpRequest, pk: int):
    return selectors.access_role_by_id(user=request.user, assignment_id=pk)


class AliasForm(forms.Form):
    alias = forms.CharField(
        label="别名", max_length=100, error_messages={"required": "请填写别名。"}
    )


class RoleForm(forms.Form):
    username = forms.CharField(
        label="用户名", max_length=150, error_messages={"required": "请填写工作人员的用户名。"}
    )
    role = forms.ChoiceField(
        label="角色",
        choices=[(r.value, r.label) for r in Role if r in UNIT_ROLES],
        error_messages={"invalid_choice": "请选择一个单位角色。"},
    )
    level = forms.TypedChoiceField(
        label="审核级别（仅审核人）",
        choices=[("", "—"), (1, "1 级"), (2, "2 级"), (3, "3 级")],
        coerce=int,
        empty_value=None,
        required=False,
    )


def _form_error(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        messages.error(request, errors[0])
        return


@staff_rule("workspace.enter")
def unit_list(request: HttpRequest) -> HttpResponse:
    region = getattr(request, "region", None)
    manage = region is not None and can(request.user, "unit.manage", region)
    if manage:
        tree = selectors.unit_tree(region=region)
        people = selectors.roles_by_unit(region=region)
        office_admins = list(selectors.office_admins_of_region(region=region))
    else:
        # Unit staff: their own unit's page (or a short list when they serve in several).
        own = sorted(unit_ids(request.user))
        if len(own) == 1:
            return redirect("workspace:unit_detail", pk=own[0])
        tree = [
            selectors.TreeRow(selectors.access_unit_by_id(user=request.user, unit_id=pk), 0)
            for pk in own
        ]
        people, office_admins = {}, []
    rows = [
        {
            "unit": r.unit,
            "depth": r.depth,
            "indent": f"{0.9 + r.depth * 1.5:.1f}",
            "people": people.get(r.unit.pk, []),
        }
        for r in tree
    ]
    context = {"rows": rows, "manage": manage, "office_admins": office_admins}
    return render(request, "workspace/units/list.html", context)


@staff_rule("unit.view", get_object=_unit)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = request.gongkai_object
    context = {
        "unit": unit,
        "aliases": unit.aliases.order_by("alias"),
        "people": selectors.people_of_unit(unit=unit),
        "manage": can(request.user, "unit.manage", unit),
        "alias_form": AliasForm(),
        "role_form": RoleForm(),
        "staff_usernames": User.objects.filter(is_active=True)
        .order_by("username")
        .values_list("username", flat=True)[:500],
    }
    return render(request, "workspace/units/detail.html", context)


@staff_rule("unit.manage", get_object=_unit)
@require_POST
def unit_alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = request.gongkai_object
    form = AliasForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
    else:
        try:
            services.unit_update(
                actor=request.user, unit=unit, aliases_add=[form.cleaned_data["alias"]]
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已为{unit.label}添加别名“{form.cleaned_data['alias']}”。")
    return redirect("workspace:unit_detail", pk=unit.pk)


@staff_rule("unit.manage", get_object=_unit)
@require_POST
def unit_alias_remove(request: HttpRequest, pk: int) -> HttpResponse:
    unit = request.gongkai_object
    form = AliasForm(request.POST)
    if form.is_valid():
        services.unit_update(
            actor=request.user, unit=unit, aliases_remove=[form.cleaned_data["alias"]]
        )
        messages.success(request, f"已删除别名“{form.cleaned_data['alias']}”。")
    else:
        _form_error(request, form)
    return redirect("workspace:unit_detail", pk=unit.pk)


@staff_rule("unit.manage", get_object=_unit)
@require_POST
def unit_role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    unit = request.gongkai_object
    form = RoleForm(request.POST)
    if not form.is_valid():
        _form_error(request, form)
        return redirect("workspace:unit_detail", pk=unit.pk)
    user = User.objects.filter(
        username=form.cleaned_data["username"].strip(), is_active=True
    ).first()
    if user is None:
        messages.error(request, f"没有用户名为“{form.cleaned_data['username']}”的在用工作人员。")
        return redirect("workspace:unit_detail", pk=unit.pk)
    try:
        assignment = services.role_assign(
            actor=request.user,
            user=user,
            role=form.cleaned_data["role"],
            unit=unit,
            level=form.cleaned_data["level"]
            if form.cleaned_data["role"] == Role.REVIEWER
            else None,
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已指定：{assignment}。")
    return redirect("workspace:unit_detail", pk=unit.pk)


@staff_rule("unit.manage", get_object=_assignment)
@require_POST
def unit_role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = request.gongkai_object
    label, unit_id = str(assignment), assignment.unit_id
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, f"已取消：{label}。")
    if unit_id:
        return redirect("workspace:unit_detail", pk=unit_id)
    return redirect("workspace:units")


urlpatterns = [
    path("", unit_list, name="units"),
    path("<int:pk>/", unit_detail, name="unit_detail"),
    path("<int:pk>/aliases/", unit_alias_add, name="unit_alias_add"),
    path("<int:pk>/aliases/remove/", unit_alias_remove, name="unit_alias_remove"),
    path("<int:pk>/roles/", unit_role_assign, name="unit_role_assign"),
    path("roles/<int:pk>/revoke/", unit_role_revoke, name="unit_role_revoke"),
]

"""The back office for system admins (Django admin is_staff = superusers only, see user_create).

Day-to-day work on units and roles happens in the workspace (单位与人员), through the services,
so that it is audited; the admin is for repairs and for what has no workspace page yet.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import LoginAttempt, Region, RoleAssignment, Unit, UnitAlias, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "code", "host", "path_prefix", "office_phone"]
    search_fields = ["name", "short_name", "code"]
    fieldsets = [
        (None, {"fields": ["code", "name", "short_name", "sort"]}),
        ("访问方式", {"fields": ["host", "path_prefix"]}),
        ("索引号", {"fields": ["index_no_format"]}),
        (
            "政务公开办联系方式",
            {
                "fields": [
                    "office_name",
                    "office_address",
                    "office_hours",
                    "office_phone",
                    "office_fax",
                    "office_email",
                    "office_postcode",
                    "icp_record",
                ]
            },
        ),
    ]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1
    fields = ["alias", "region"]


class UnitRoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "unit"
    extra = 0
    fields = ["user", "role", "level", "region"]
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "code", "review_levels", "is_active", "region"]
    list_filter = ["region", "kind", "is_active"]
    search_fields = ["name", "short_name", "code", "aliases__alias"]
    list_select_related = ["region"]
    autocomplete_fields = ["parent"]
    inlines = [UnitAliasInline, UnitRoleInline]


@admin.register(UnitAlias)
class UnitAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "unit", "region"]
    list_filter = ["region"]
    search_fields = ["alias", "unit__name"]
    autocomplete_fields = ["unit"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 1
    fields = ["region", "unit", "role", "level"]
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "display_name", "phone", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["display_name", "phone", "email"]}),
        ("状态", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("时间", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "display_name", "password1", "password2"]},
        )
    ]
    inlines = [RoleInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "level", "unit", "region", "created_at"]
    list_filter = ["region", "role"]
    search_fields = ["user__username", "user__display_name", "unit__name"]
    list_select_related = ["user", "unit", "region"]
    autocomplete_fields = ["user", "unit"]


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "ip", "succeeded", "user_locked_until", "ip_locked_until"]
    list_filter = ["succeeded"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"

    # The record of logins is evidence; nobody edits it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

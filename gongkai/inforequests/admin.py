"""Django admin: read-mostly views for system administrators. Changes go through the workspace."""

from django.contrib import admin

from .models import InfoRequest, LetterTemplate


@admin.register(InfoRequest)
class InfoRequestAdmin(admin.ModelAdmin):
    list_display = ["tracking_code", "unit", "status", "received_on", "due_on", "outcome"]
    list_filter = ["status", "outcome"]
    search_fields = ["tracking_code"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["region", "key", "title", "updated_at"]

    def has_change_permission(self, request, obj=None):
        return False

"""The public comparison pages, included by the portal (at nb/compare/)."""

from django.urls import path

from . import views_compare

app_name = "reports_compare"
urlpatterns = [
    path("", views_compare.region_compare, name="region"),
    path("<str:unit_code>/", views_compare.unit_compare, name="unit"),
]

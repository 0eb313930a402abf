"""The office's table of every unit for one year, included by the workspace (at reports/units/).

No namespace of its own: the page is ``workspace:report_units``.
"""

from django.urls import path

from . import views_compare

urlpatterns = [
    path("", views_compare.units_table, name="report_units"),
]

"""Public URLs of annual reports, included by gongkai/portal/urls.py at /nb/."""

from django.urls import path

from . import views_public as v

app_name = "reports"
urlpatterns = [
    path("<int:pk>/", v.report_page, name="report"),
    path("<int:pk>/report.<str:fmt>", v.report_file, name="report_file"),
]

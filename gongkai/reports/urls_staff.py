"""Staff URLs of the annual report, included by gongkai/workspace/urls.py at /workspace/reports/."""

from django.urls import path

from . import views_staff as v

urlpatterns = [
    path("", v.report_list, name="reports"),
    path("open/", v.report_open, name="report_open"),
    path("import/", v.report_import, name="report_import"),
    path("<int:pk>/", v.report_detail, name="report"),
    path("<int:pk>/prose/", v.report_prose, name="report_prose"),
    path("<int:pk>/figures/", v.report_enter, name="report_enter"),
    path("<int:pk>/override/", v.report_override, name="report_override"),
    path("<int:pk>/refresh/", v.report_refresh, name="report_refresh"),
    path("<int:pk>/scope/", v.report_scope, name="report_scope"),
    path("<int:pk>/submit/", v.report_submit, name="report_submit"),
    path("<int:pk>/review/", v.report_review, name="report_review"),
    path("<int:pk>/reopen/", v.report_reopen, name="report_reopen"),
    path("<int:pk>/download.<str:fmt>", v.report_download, name="report_download"),
]

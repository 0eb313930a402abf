"""工作要点台账 in the workspace, included at /workspace/workplan/ (names workspace:workplan:…)."""

from django.urls import path

from . import views

app_name = "workplan"
urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("import/", views.plan_import, name="import"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/review/", views.plan_review, name="review"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/names/", views.plan_names, name="names"),
    path("<int:pk>/publish/", views.plan_publish, name="publish"),
    path("<int:pk>/public/", views.plan_public, name="public"),
    path("<int:pk>/close/", views.plan_close, name="close"),
    path("<int:pk>/board/", views.plan_board, name="board"),
    path("<int:pk>/mine/", views.plan_mine, name="mine"),
    path("<int:pk>/scorecard/", views.plan_scorecard, name="scorecard"),
    path("<int:pk>/export.xlsx", views.plan_export, name="export"),
    path("<int:pk>/reminders/<slug:kind>/", views.plan_reminder, name="reminder"),
    path("<int:pk>/lookback/", views.plan_lookback, name="lookback"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("parts/<int:pk>/", views.part_detail, name="part"),
    path("parts/<int:pk>/report/", views.part_report, name="report"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("files/<int:pk>/", views.evidence_file, name="file"),
]

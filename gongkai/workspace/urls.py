"""The staff workspace. Each area has its own view module; add yours here."""

from django.urls import include, path

app_name = "workspace"
urlpatterns = [
    path("", include("gongkai.workspace.views.inbox")),  # 我的待办 / 本单位待办 (helper D)
    path("", include("gongkai.workspace.views.account")),  # 登录、退出 (helper C)
    path("calendar/", include("gongkai.workspace.views.calendar")),  # 工作日历 (helper A)
    path("history/", include("gongkai.workspace.views.history")),  # 操作记录 (helper B)
    path("units/", include("gongkai.workspace.views.units")),  # 单位与人员 (helper C)
    path("requests/", include("gongkai.inforequests.urls_staff")),  # 依申请公开 (issue 4)
    path("library/", include("gongkai.library.urls_staff")),  # 政策文件库 (issue 3)
    path("workplan/", include("gongkai.workplan.urls_staff")),  # 工作要点台账 (issue 5)
    path("library/import/", include("gongkai.library.urls_import")),  # 批量导入 (issue 3 item 8)
    path("gazette/", include("gongkai.library.urls_gazette")),  # 政府公报 (issue 3 item 9)
    path("reports/units/", include("gongkai.reports.urls_compare_staff")),  # 各单位年报情况
    path("reports/", include("gongkai.reports.urls_staff")),  # 年度报告 (issue 6)
]

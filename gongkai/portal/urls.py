from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/<slug:slug>/", views.column, name="column"),
    path("search/", views.search, name="search"),
    path("senior-mode/", views.senior_mode, name="senior_mode"),
    path("gzyd/", include("gongkai.workplan.urls_public")),  # 工作要点落实情况 (issue 5)
    path("ysqgk/", include("gongkai.inforequests.urls_public")),  # 依申请公开 (issue 4)
    path("zcwj/", include("gongkai.library.public.urls")),  # 政策文件库
    path("gb/", include("gongkai.library.gazette.urls_public")),  # 政府公报 (issue 3 item 9)
    path("nb/compare/", include("gongkai.reports.urls_compare")),  # 年报历年对比 (issue 6)
    path("nb/", include("gongkai.reports.urls_public")),  # 年度报告 (issue 6)
]

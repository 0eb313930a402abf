"""依申请公开 in the workspace, under /workspace/requests/."""

from django.urls import path

from . import views_staff as v

app_name = "inforequests"
urlpatterns = [
    path("", v.request_list, name="list"),
    path("new/", v.request_register, name="register"),
    path("templates/", v.template_list, name="templates"),
    path("templates/<int:pk>/", v.template_edit, name="template_edit"),
    path("stats/", v.stats_view, name="stats"),
    path("demand/", v.demand_view, name="demand"),
    path("demand/propose/", v.demand_propose, name="propose"),
    path("<int:pk>/", v.case_detail, name="case"),
    path("<int:pk>/attachments/<int:file_pk>/", v.attachment_download, name="attachment"),
    path("<int:pk>/released/<int:file_pk>/", v.released_download, name="released"),
    path("<int:pk>/letters/<int:letter_pk>.<str:fmt>", v.letter_download, name="letter"),
    *(
        path(f"<int:pk>/{name.replace('_', '-')}/", view, name=f"case_{name}")
        for name, view in v.ACTION_VIEWS.items()
    ),
]

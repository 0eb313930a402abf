"""依申请公开 on the portal, under /ysqgk/."""

from django.urls import path

from . import views_public as v

app_name = "ysqgk"
urlpatterns = [
    path("", v.apply, name="apply"),
    path("receipt/", v.receipt, name="receipt"),
    path("status/", v.status, name="status"),
    path("status/correct/", v.correct, name="correct"),
    path("status/letters/<int:letter_pk>.<str:fmt>", v.letter, name="letter"),
    path("archive/", v.archive, name="archive"),
    path("archive/<int:pk>/", v.archive_case, name="archive_case"),
]

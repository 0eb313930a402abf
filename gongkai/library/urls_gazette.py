"""Staff URLs of the 政府公报, included by gongkai/workspace/urls.py at /workspace/gazette/."""

from django.urls import path

from .gazette import views

urlpatterns = [
    path("", views.gazette_list, name="gazette"),
    path("new/", views.gazette_new, name="gazette_new"),
    path("<int:pk>/", views.gazette_issue, name="gazette_issue"),
    path("<int:pk>/pdf/", views.gazette_issue_pdf, name="gazette_issue_pdf"),
    path("<int:pk>/publish/", views.gazette_issue_publish, name="gazette_issue_publish"),
]

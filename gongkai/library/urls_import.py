"""Staff URLs of the bulk import: gongkai/workspace/urls.py includes them at library/import/."""

from django.urls import path

from .importer import views

urlpatterns = [
    path("", views.import_upload, name="library_import"),
    path("<int:pk>/", views.import_run, name="library_import_run"),
    path("<int:pk>/status/", views.import_status, name="library_import_status"),
    path("<int:pk>/confirm/", views.import_confirm, name="library_import_confirm"),
]

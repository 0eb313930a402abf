"""The library in the staff workspace: include under workspace/ as library/ (namespace workspace).

path("library/", include("gongkai.library.urls_staff")),
"""

from django.urls import path

from .views import cleanup, documents, interpretations

urlpatterns = [
    path("", documents.document_list, name="library_documents"),
    path("new/", documents.document_create, name="library_document_new"),
    path("<int:pk>/", documents.document_detail, name="library_document"),
    path("<int:pk>/edit/", documents.document_edit, name="library_document_edit"),
    path("<int:pk>/act/<str:action>/", documents.document_act, name="library_document_act"),
    path("<int:pk>/attachments/", documents.attachment_add, name="library_attachment_add"),
    path("attachments/<int:pk>/", documents.attachment_download, name="library_attachment"),
    path(
        "attachments/<int:pk>/remove/",
        documents.attachment_remove,
        name="library_attachment_remove",
    ),
    path("findings/<int:pk>/release/", documents.finding_release, name="library_finding_release"),
    path(
        "<int:pk>/interpretations/new/",
        interpretations.interpretation_create,
        name="library_interpretation_new",
    ),
    path(
        "<int:pk>/interpretations/link/",
        interpretations.interpretation_link,
        name="library_interpretation_link",
    ),
    path(
        "interpretations/<int:pk>/",
        interpretations.interpretation_detail,
        name="library_interpretation",
    ),
    path(
        "interpretations/<int:pk>/approve/",
        interpretations.interpretation_approve,
        name="library_interpretation_approve",
    ),
    path("cleanup/", cleanup.campaign_list, name="library_cleanups"),
    path("cleanup/open/", cleanup.campaign_open, name="library_cleanup_open"),
    path("cleanup/<int:pk>/", cleanup.campaign_detail, name="library_cleanup"),
    path("cleanup/<int:pk>/decide/", cleanup.campaign_decide, name="library_cleanup_decide"),
    path("cleanup/<int:pk>/close/", cleanup.campaign_close, name="library_cleanup_close"),
]

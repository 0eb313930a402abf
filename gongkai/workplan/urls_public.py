"""Public progress of the work plans, included by the portal at /gzyd/ (portal:workplan:…)."""

from django.urls import path

from . import views_public

app_name = "workplan"
urlpatterns = [
    path("", views_public.progress_list, name="progress_list"),
    path("<int:pk>/", views_public.progress_detail, name="progress"),
]

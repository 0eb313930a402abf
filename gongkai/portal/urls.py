from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("xxgk/<slug:slug>/", views.column, name="column"),
    path("search/", views.search, name="search"),
    path("senior-mode/", views.senior_mode, name="senior_mode"),
]

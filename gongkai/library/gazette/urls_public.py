"""The public gazette archive, mounted by the portal at /gb/ (names: portal:gazette:…)."""

from django.urls import path

from . import views

app_name = "gazette"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:year>/<int:number>/", views.issue_page, name="issue"),
    path("<int:year>/<int:number>/html/", views.issue_html_edition, name="issue_html"),
    path("<int:year>/<int:number>/pdf/", views.issue_pdf, name="issue_pdf"),
]

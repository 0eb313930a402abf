from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("gongkai.api.urls")),
    path("workspace/", include("gongkai.workspace.urls")),
    path("", include("gongkai.core.urls")),
    path("", include("gongkai.portal.urls")),
]

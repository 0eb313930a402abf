"""政策文件库 URLs, mounted by the portal at /zcwj/ (names: portal:library:…).

A 索引号 contains a slash (`001001/2026-00001`), so it is matched with the path converter; the
longer patterns (print, attachments) come first."""

from django.urls import path, register_converter

from . import views


class FeedKind:
    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedKind, "feed")

app_name = "library"
urlpatterns = [
    path("", views.library_list, name="list"),
    path("wj/<path:index_no>/print/", views.document_print, name="print"),
    path(
        "wj/<path:index_no>/fj/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("wj/<path:index_no>/", views.document_detail, name="document"),
    path("jd/", views.interpretation_list, name="interpretations"),
    path("jd/<int:pk>/", views.interpretation_detail, name="interpretation"),
    path("lm/<slug:code>/", views.catalog_column, name="column"),
    path("ql/", views.cleanup_list, name="cleanup_list"),
    path("ql/<int:pk>/", views.cleanup_detail, name="cleanup"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("<feed:kind>.xml", views.feed_all, name="feed"),
    path("lm/<slug:code>/<feed:kind>.xml", views.feed_column, name="feed_column"),
    path("dw/<slug:code>/<feed:kind>.xml", views.feed_unit, name="feed_unit"),
    path("export.jsonl", views.export_jsonl, name="export_jsonl"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
]

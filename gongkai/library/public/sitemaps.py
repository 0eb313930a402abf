"""sitemap.xml of the public library (django.contrib.sitemaps): documents and interpretations,
split into pages of at most 50,000 URLs each behind a sitemap index, as the protocol wants."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ..models import Document, Interpretation
from ..selectors import documents_public

SECTIONS = ("documents", "interpretations")


class DocumentSitemap(Sitemap):
    limit = 50_000
    changefreq = "monthly"

    def __init__(self, region: Any):
        self.region = region

    def items(self):
        if self.region is None:
            return Document.objects.none()
        return (
            documents_public(self.region)
            .select_related(None)
            .only("index_no", "updated_at")
            .order_by("pk")
        )

    def location(self, item: Document) -> str:
        return reverse("portal:library:document", kwargs={"index_no": item.index_no})

    def lastmod(self, item: Document):
        return item.updated_at


class InterpretationSitemap(Sitemap):
    limit = 50_000
    changefreq = "monthly"

    def __init__(self, region: Any):
        self.region = region

    def items(self):
        if self.region is None:
            return Interpretation.objects.none()
        return (
            Interpretation.objects.filter(
                region=self.region, status=Interpretation.Status.PUBLISHED
            )
            .only("pk", "updated_at")
            .order_by("pk")
        )

    def location(self, item: Interpretation) -> str:
        return reverse("portal:library:interpretation", kwargs={"pk": item.pk})

    def lastmod(self, item: Interpretation):
        return item.updated_at


def for_region(region: Any) -> dict[str, Sitemap]:
    return {"documents": DocumentSitemap(region), "interpretations": InterpretationSitemap(region)}

"""RSS 2.0 and Atom 1.0 feeds of newly published documents: the whole library, one
法定主动公开内容 category, or one unit (django.contrib.syndication)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from gongkai.orgs.models import Unit

from ..models import Document
from ..selectors import catalog_columns_for, documents_public

ITEMS = 30


@dataclass
class Channel:
    region: Any
    title: str
    link: str
    description: str
    filters: dict


class LibraryFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def get_object(self, request, *args, column: str = "", unit: str = "", **kwargs) -> Channel:
        region = getattr(request, "region", None)
        if region is None:
            raise Http404("本站尚未设置行政区域。")
        base = reverse("portal:library:list")
        if column:
            found = catalog_columns_for(region).filter(code=column).first()
            if found is None:
                raise Http404("没有这个栏目。")
            return Channel(
                region,
                f"{region.short_name}法定主动公开内容：{found.name}",
                reverse("portal:library:column", kwargs={"code": found.code}),
                f"{region.name}“{found.name}”栏目新发布的政府信息。",
                {"column": found},
            )
        if unit:
            found = Unit.objects.filter(region=region, code=unit).first()
            if found is None:
                raise Http404("没有这个单位。")
            return Channel(
                region,
                f"{found.name}发布的政策文件",
                f"{base}?unit={found.code}",
                f"{found.name}在{region.short_name}政策文件库新发布的文件。",
                {"unit": found},
            )
        return Channel(
            region,
            f"{region.short_name}政策文件库",
            base,
            f"{region.name}新发布的政策文件和政府信息。",
            {},
        )

    def title(self, obj: Channel) -> str:
        return obj.title

    def link(self, obj: Channel) -> str:
        return obj.link

    def description(self, obj: Channel) -> str:
        return obj.description

    subtitle = description

    def items(self, obj: Channel):
        return documents_public(obj.region, **obj.filters)[:ITEMS]

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        parts = [f"发布机构：{item.unit.name}"]
        if item.doc_number:
            parts.append(f"发文字号：{item.doc_number}")
        summary = item.summary or item.body_text[:200]
        if summary:
            parts.append(summary)
        return "；".join(parts)

    def item_link(self, item: Document) -> str:
        return reverse("portal:library:document", kwargs={"index_no": item.index_no})

    def item_guid(self, item: Document) -> str:
        return f"urn:gongkai:{item.region_id}:{item.index_no}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Document) -> dt.datetime | None:
        if item.published_at:
            return item.published_at
        if item.published_on:
            return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time()))
        return None

    def item_updateddate(self, item: Document) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Document) -> str:
        return item.unit.name

    def item_categories(self, item: Document) -> list[str]:
        return [c for c in (item.genre, item.topic.name if item.topic else "") if c]


class LibraryAtomFeed(LibraryFeed):
    feed_type = Atom1Feed


FEEDS = {"rss": LibraryFeed(), "atom": LibraryAtomFeed()}


def feed_response(request, kind: str, **kwargs):
    feed = FEEDS.get(kind)
    if feed is None:
        raise Http404("没有这种订阅格式。")
    return feed(request, **kwargs)

from __future__ import annotations

from django.core.cache import cache

from .models import Region


def region_for_request(*, host: str, path: str) -> tuple[Region | None, str]:
    """(region, stripped path prefix like "/shifan" or "")."""
    hostname = host.split(":")[0].lower() if not host.startswith("[") else host
    regions = _regions()
    for region in regions:
        if region.host and region.host.lower() == hostname:
            return region, ""
    first = path.strip("/").split("/", 1)[0]
    for region in regions:
        if region.path_prefix and region.path_prefix == first:
            return region, f"/{first}"
    return (regions[0] if regions else None), ""


def _regions() -> list[Region]:
    regions = cache.get("gongkai:regions")
    if regions is None:
        regions = list(Region.objects.order_by("sort", "id"))
        cache.set("gongkai:regions", regions, 60)
    return regions


def default_region() -> Region | None:
    return Region.objects.order_by("sort", "id").first()

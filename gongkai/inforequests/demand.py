"""条例第四十四条: what many applicants ask for — candidates for proactive disclosure.

Two views of the last year's requests of a unit or a region:
* by topic: requests clustered greedily by character-bigram Jaccard similarity of their
  descriptions (each request joins the first cluster whose seed it resembles, else starts one);
  a cluster counts when at least two different applicants are in it;
* by document: released files with the same content (SHA-256) provided in two or more requests.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from . import services
from .models import InfoRequest, ReleasedFile
from .similarity import bigrams, jaccard

CLUSTER_THRESHOLD = 0.3
MAX_REQUESTS = 3000


@dataclass
class Cluster:
    seed: frozenset[str]
    requests: list[Any] = field(default_factory=list)
    grams: Counter = field(default_factory=Counter)

    @property
    def applicants(self) -> int:
        return len({r.id_key or r.phone_key for r in self.requests})

    @property
    def keywords(self) -> str:
        shared = [g for g, n in self.grams.most_common(8) if n >= 2]
        return "、".join(shared[:6])

    @property
    def example(self) -> str:
        return self.requests[0].description[:120]

    @property
    def unit(self) -> Any:
        return Counter(r.unit for r in self.requests).most_common(1)[0][0]

    @property
    def files(self) -> list[ReleasedFile]:
        ids = [r.pk for r in self.requests]
        return list(ReleasedFile.objects.filter(request_id__in=ids).order_by("id")[:5])


def _scope(region: Any, unit: Any):
    qs = InfoRequest.objects.select_related("unit")
    return qs.filter(unit=unit) if unit is not None else qs.filter(region=region)


def demand_clusters(
    *, region: Any = None, unit: Any = None, since: dt.date | None = None
) -> tuple[list[Cluster], list[dict[str, Any]]]:
    since = since or services.today() - dt.timedelta(days=365)
    rows = list(
        _scope(region, unit)
        .filter(received_on__gte=since)
        .only("pk", "description", "id_key", "phone_key", "tracking_code", "unit")
        .order_by("-received_on", "-id")[:MAX_REQUESTS]
    )
    clusters: list[Cluster] = []
    index: dict[str, set[int]] = defaultdict(set)
    for request in rows:
        grams = bigrams(request.description)
        if not grams:
            continue
        candidates: set[int] = set()
        for g in grams:
            candidates |= index.get(g, set())
        home = None
        for i in sorted(candidates):
            if jaccard(grams, clusters[i].seed) >= CLUSTER_THRESHOLD:
                home = i
                break
        if home is None:
            clusters.append(Cluster(seed=grams))
            home = len(clusters) - 1
            for g in grams:
                index[g].add(home)
        clusters[home].requests.append(request)
        clusters[home].grams.update(grams)
    many = [c for c in clusters if c.applicants >= 2]
    many.sort(key=lambda c: (-c.applicants, -len(c.requests)))

    released = ReleasedFile.objects.filter(
        request__in=_scope(region, unit).filter(received_on__gte=since)
    )
    files = []
    for row in (
        released.values("sha256")
        .annotate(n=Count("request", distinct=True))
        .filter(n__gte=2)
        .order_by("-n")[:30]
    ):
        example = released.filter(sha256=row["sha256"]).select_related("request__unit").first()
        files.append({"file": example, "count": row["n"], "unit": example.request.unit})
    return many[:30], files

"""The reports' background work: opening last year's reports when the reporting season starts."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from gongkai.core.jobs import periodic

logger = logging.getLogger("gongkai.reports")


# Daily in January–March (条例第四十九条: reports due 31 January and 31 March): every unit and
# region gets its draft of last year's report, with the deadline in its inbox. Units that
# already have theirs are skipped, so the job is idempotent.
@periodic("reports.open_year", every=dt.timedelta(days=1))
def open_year(*, now: dt.datetime) -> int:
    from gongkai.core.errors import GongkaiError
    from gongkai.orgs.models import Region

    from .services import reports_open_year

    day = timezone.localtime(now).date()
    if day.month > 3:
        return 0
    made = 0
    for region in Region.objects.order_by("sort", "pk"):
        try:
            made += len(reports_open_year(actor=None, region=region, year=day.year - 1))
        except GongkaiError as exc:  # e.g. a region without units yet
            logger.warning("reports.open_year %s: %s", region.code, exc)
    return made

"""Background work of information requests: time passing changes what the clock says."""

from __future__ import annotations

import datetime as dt

from gongkai.core.jobs import periodic


# Every few hours: a running case becomes overdue, an agency's silence becomes consent
# (条例第三十四条), a correction or payment period runs out. The cached due date and status and
# the case's duty follow the clock (gongkai.inforequests.services.refresh_clock).
@periodic("inforequests.refresh_clocks", every=dt.timedelta(hours=6))
def refresh_clocks(*, now: dt.datetime) -> int:
    from gongkai.core.errors import GongkaiError

    from .models import InfoRequest
    from .services import refresh_clock

    changed = 0
    for request in InfoRequest.objects.filter(status__in=InfoRequest.OPEN_STATUSES).iterator():
        before = (request.due_on, request.clock_status)
        try:
            refresh_clock(request=request)
        except GongkaiError:
            continue  # the case page shows the clock's message
        request.refresh_from_db(fields=["due_on", "clock_status"])
        changed += before != (request.due_on, request.clock_status)
    return changed

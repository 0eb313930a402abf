"""Who may see the history of library objects: the unit's staff and the region's office."""

from __future__ import annotations

from typing import Any

from gongkai.core.audit.access import history_access


def _pk(object_id: str) -> int | None:
    return int(object_id) if object_id.isdigit() else None


@history_access("library.document")
def _document(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import Document

    found = Document.objects.select_related("unit").filter(pk=_pk(object_id)).first()
    return found is not None and can(user, "library.view", found)


@history_access("library.interpretation")
def _interpretation(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import Interpretation

    found = Interpretation.objects.select_related("unit").filter(pk=_pk(object_id)).first()
    return found is not None and can(user, "library.view", found)


@history_access("library.cleanupcampaign")
def _campaign(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import is_office_for

    from .models import CleanupCampaign

    found = CleanupCampaign.objects.filter(pk=_pk(object_id)).first()
    return found is not None and is_office_for(user, found.region_id)

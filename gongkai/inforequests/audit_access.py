"""Who may see the history of a request, a letter template or an 条例第四十四条 proposal."""

from __future__ import annotations

from typing import Any

from gongkai.core.audit.access import history_access


def _pk(object_id: str) -> int | None:
    return int(object_id) if object_id.isdigit() else None


@history_access("inforequests.inforequest")
def _request(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import InfoRequest

    request = InfoRequest.objects.filter(pk=_pk(object_id)).select_related("unit").first()
    return request is not None and can(user, "inforequest.view", request)


@history_access("inforequests.lettertemplate")
def _template(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import LetterTemplate

    template = LetterTemplate.objects.filter(pk=_pk(object_id)).select_related("region").first()
    return template is not None and can(user, "inforequest.templates", template.region)


@history_access("inforequests.disclosureproposal")
def _proposal(user: Any, object_id: str) -> bool:
    from gongkai.orgs.policy import can

    from .models import DisclosureProposal

    proposal = DisclosureProposal.objects.filter(pk=_pk(object_id)).select_related("unit").first()
    return proposal is not None and can(user, "inforequest.stats", proposal.unit)

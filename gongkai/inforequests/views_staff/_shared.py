"""What the staff views share: the case lookup for the policy decorator, the region, numbers
from forms."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .. import selectors
from ..models import InfoRequest


def _case(request: HttpRequest, pk: int, **kwargs) -> InfoRequest:
    return selectors.access_request_by_id(user=request.user, request_id=pk)


def _region(request: HttpRequest):
    return getattr(request, "region", None)


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None

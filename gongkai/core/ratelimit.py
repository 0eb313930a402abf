"""Rate limits for public forms, per client address, in fixed windows, in the shared cache
(the database cache by default, so the limit holds across web processes)."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache

from gongkai.core.audit.services import client_ip


def rate_limited(request: Any, scope: str, limit: tuple[int, int]) -> bool:
    """True when this address has used up ``limit`` = (count, window seconds) for ``scope``
    in the current window. Each call counts."""
    count, window = limit
    slot = int(time.time() // window)
    key = f"{scope}:{client_ip(request) or '-'}:{slot}"
    if cache.add(key, 1, window + 5):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:
            cache.set(key, 1, window + 5)
            used = 1
    return used > count

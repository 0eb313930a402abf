"""Whole public pages kept in the cache, for the pages read far more often than they change.

A document page of the policy library is read thousands of times for every change to it; building
it costs seven queries and a template (about 8 ms of CPU), serving it from the cache a fraction of
a millisecond. `cached_page` keeps a view's rendered response for anonymous readers:

- only for GET/HEAD, status 200, a response that sets no cookie, and a request that carries no
  session or messages cookie (so a signed-in member of staff, or a reader with a pending message,
  always gets the page built for them);
- under the host and the full path, query string included;
- tagged with the site's page version. Any change to a model of the apps that public pages show
  (`PAGE_APPS`) makes a new version after its transaction commits, and every cached page is then
  stale at once; changes made without model signals (bulk imports) call `changed()` themselves.
  Pages also expire after TIMEOUT seconds, whatever happens, which bounds how long a change that
  slipped past both (a raw UPDATE) can go unseen.

A county's public site changes a few dozen times a day and is read all day: one global version is
simpler than tracking which pages show which objects, and costs only a rebuild of each page after
a change. The version and the pages live in the "pages" cache (Redis, or a table of the database:
settings.CACHES), so all worker processes agree on them.
"""

from __future__ import annotations

import hashlib
import logging
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

log = logging.getLogger(__name__)

TIMEOUT = 300
ALIAS = "pages"  # settings.CACHES: Redis, or a table of the database
VERSION_KEY = "gongkai:pages:version"
PAGE_APPS = ("library", "orgs", "portal")
# Models of those apps that no public page shows: saving them (every staff login saves its user,
# every failed one a LoginAttempt) must not throw away the site's pages.
NOT_SHOWN = frozenset(
    {"orgs.User", "orgs.RoleAssignment", "orgs.LoginAttempt", "orgs.UnitAlias", "library.ImportRun"}
)


def version() -> str:
    return caches[ALIAS].get(VERSION_KEY) or "0"


def _bump() -> None:
    caches[ALIAS].set(VERSION_KEY, str(time.time_ns()), None)


def changed() -> None:
    """Public pages are stale from now on. The version moves at once (this process's next page
    sees the change even before commit) and again when the transaction commits (a page another
    process built meanwhile, from the data before the commit, is not kept)."""
    _bump()
    transaction.on_commit(_bump)


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request) -> str:
    # Hashed: an address may be long and hold any character; cache keys should not.
    where = f"{request.get_host()} {request.get_full_path()}".encode()
    return f"gongkai:page:{hashlib.sha256(where).hexdigest()}"


def cached_page(view):
    """Serve the view's response from the cache for anonymous readers (see module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cache = caches[ALIAS]
        try:
            found = cache.get_many([VERSION_KEY, key])
        except DatabaseError:  # the cache table is missing (createcachetable not run): no cache
            log.warning("页面缓存不可用（请运行 gongkai createcachetable）", exc_info=True)
            return view(request, *args, **kwargs)
        current = found.get(VERSION_KEY) or "0"
        kept = found.get(key)
        if kept is not None and kept[0] == current:
            _, content_type, content = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (current, response["Content-Type"], response.content), TIMEOUT)
        return response

    return wrapper


def _on_change(sender, **kwargs):
    changed()


def connect() -> None:
    """Make a new page version whenever a model of PAGE_APPS that public pages show is saved or
    deleted."""
    for label in PAGE_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if model._meta.label in NOT_SHOWN:
                continue
            uid = f"pagecache:{model._meta.label}"
            post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete")

"""Small helpers the library's services share."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.core.jobs import job_enqueue
from gongkai.orgs.policy import require

from ..models import Document, LibrarySettings


def now():
    return timezone.now()


def today():
    return timezone.localdate()


def check(actor: Any, rule: str, obj: Any) -> None:
    """People must hold the rule; the system (actor None: worker, demo loader) may act."""
    if actor is not None:
        require(actor, rule, obj)


def library_settings(region: Any) -> LibrarySettings:
    found = LibrarySettings.objects.filter(region=region).first()
    return found if found is not None else LibrarySettings(region=region)


def staff_url(name: str, pk: int) -> str:
    try:
        return reverse(f"workspace:{name}", args=[pk])
    except NoReverseMatch:  # the staff URLs are not mounted (e.g. in a bare test URLconf)
        return ""


def touch(obj: models.Model, fields: list[str]) -> None:
    obj.updated_at = now()
    obj.save(update_fields=[*fields, "updated_at"])


def public_changed(document: Document) -> None:
    """A change readers may see: the changes feed must carry it (``updated_at``) even when the
    document's own row did not change (an interpretation published later), and the search
    index is refreshed after commit."""
    document.updated_at = now()
    Document.objects.filter(pk=document.pk).update(updated_at=document.updated_at)
    job_enqueue("library.reindex", {"id": document.pk})

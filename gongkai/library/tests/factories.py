"""Test data for the library: documents made through the services, as a clerk would."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from gongkai.library.models import Document
from gongkai.library.services.documents import document_create
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff


def make_document(unit: Any, *, actor: Any = None, **fields: Any) -> Document:
    fields.setdefault("title", "关于做好2026年冬季安全生产工作的通知")
    fields.setdefault("written_on", dt.date(2026, 11, 2))
    fields.setdefault("body", "各乡镇人民政府，县级有关部门：\n现将有关事项通知如下。")
    fields.setdefault("doc_number", "示府办〔2026〕12号")
    return document_create(actor=actor, unit=unit, **fields)


def unit_people(unit: Any, prefix: str = "a") -> SimpleNamespace:
    """A clerk, reviewers of levels 1–3, a secrecy reviewer and the head of ``unit``."""
    return SimpleNamespace(
        clerk=staff(unit, Role.CLERK, username=f"{prefix}_clerk"),
        r1=staff(unit, Role.REVIEWER, level=1, username=f"{prefix}_r1"),
        r2=staff(unit, Role.REVIEWER, level=2, username=f"{prefix}_r2"),
        r3=staff(unit, Role.REVIEWER, level=3, username=f"{prefix}_r3"),
        secrecy=staff(unit, Role.SECRECY, username=f"{prefix}_secrecy"),
        head=staff(unit, Role.HEAD, username=f"{prefix}_head"),
    )


def walk_objects(world: Any) -> SimpleNamespace:
    """Library objects of unit A for tests/test_url_walk.py (made once per world, then cached)."""
    cached = getattr(world, "library", None)
    if cached is not None:
        return cached
    import io

    from PIL import Image

    from gongkai.library.services.cleanup import cleanup_open
    from gongkai.library.services.documents import attachment_add
    from gongkai.library.services.interpretations import interpretation_create

    document = make_document(world.unit_a, body="联系电话 13800138000")
    image = io.BytesIO()
    Image.new("RGB", (2, 2)).save(image, format="PNG")
    attachment = attachment_add(actor=None, document=document, name="图.png", data=image.getvalue())
    from gongkai.library.services.findings import document_scan

    document_scan(document=document)
    world.library = SimpleNamespace(
        document=document,
        attachment=attachment,
        finding=document.findings.first(),
        interpretation=interpretation_create(
            actor=None,
            unit=world.unit_a,
            title="解读",
            forms=["text"],
            body="内容",
            documents=[document],
        ),
        campaign=cleanup_open(
            actor=None, region=world.region, title="清理", closes_on=dt.date(2099, 12, 31)
        ),
    )
    return world.library

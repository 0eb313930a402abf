"""Test helpers for the public side: documents really published through the services (draft →
三审 → published, with interpretation and attachments) and indexed, as a clerk's would be.

Used by gongkai/library/tests/test_public_*.py, gongkai/api/tests/test_library_api.py and
tests/browser/test_library_*.py. Needs the working-day calendar (fixture ``calendar_years``).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.test import TestCase

from gongkai.orgs.models import User
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

from ..models import Document, Finding, Interpretation, Topic
from ..services.documents import attachment_add, document_create
from ..services.findings import finding_release
from ..services.interpretations import interpretation_approve, interpretation_create
from ..services.workflow import document_approve, document_submit


def _person(unit: Any, name: str, *roles: str, level: int | None = None) -> User:
    username = f"pub{unit.pk}_{name}"
    found = User.objects.filter(username=username).first()
    return found or staff(unit, *roles, level=level, username=username)


def people_of(unit: Any) -> SimpleNamespace:
    """A clerk, reviewers of levels 1–3, a secrecy reviewer and the head (reused per unit)."""
    return SimpleNamespace(
        clerk=_person(unit, "clerk", Role.CLERK),
        r1=_person(unit, "r1", Role.REVIEWER, level=1),
        r2=_person(unit, "r2", Role.REVIEWER, level=2),
        r3=_person(unit, "r3", Role.REVIEWER, level=3),
        secrecy=_person(unit, "secrecy", Role.SECRECY),
        head=_person(unit, "head", Role.HEAD),
    )


def topic(code_or_name: str) -> Topic:
    return Topic.objects.filter(code=code_or_name).first() or Topic.objects.get(
        name=code_or_name.split("/")[-1],
        **({"parent__name": code_or_name.split("/")[0]} if "/" in code_or_name else {}),
    )


def publish_document(
    unit: Any,
    *,
    title: str = "关于做好2026年冬季安全生产工作的通知",
    written_on: dt.date = dt.date(2026, 11, 2),
    body: str = "<p>各乡镇人民政府，县级有关部门：</p><p>现将有关事项通知如下。</p>",
    interpretation: dict | None = None,
    attachments: list[tuple[str, bytes]] = (),
    **fields: Any,
) -> Document:
    """Draft, review (every level of the unit) and publish a document; index it after commit.

    ``interpretation``: {"title", "forms", "body"} of a 政策解读 published with the document."""
    people = people_of(unit)
    fields.setdefault("doc_number", "")
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = document_create(
            actor=people.clerk, unit=unit, title=title, written_on=written_on, body=body, **fields
        )
        for name, data in attachments:
            attachment_add(actor=people.clerk, document=document, name=name, data=data)
        if interpretation is not None:
            created = interpretation_create(
                actor=people.clerk,
                unit=unit,
                title=interpretation["title"],
                forms=interpretation.get("forms", ["text"]),
                body=interpretation.get("body", "<p>解读内容。</p>"),
                documents=[document],
            )
            interpretation_approve(actor=people.head, interpretation=created)
        document_submit(actor=people.clerk, document=document)
        for finding in Finding.objects.filter(document=document, status=Finding.Status.OPEN):
            finding_release(actor=people.secrecy, finding=finding, reason="测试数据，可以公开")
        for level in range(1, unit.review_levels + 1):
            document_approve(actor=getattr(people, f"r{level}"), document=document)
    document.refresh_from_db()
    assert document.status == Document.Status.PUBLISHED, document.status
    return document


def published_interpretations(document: Document) -> list[Interpretation]:
    return list(document.interpretations.filter(status=Interpretation.Status.PUBLISHED))

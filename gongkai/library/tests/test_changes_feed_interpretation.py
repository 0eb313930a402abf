"""An upper-level library pulling `?since=` must see an interpretation published after its
document: the document's public page changed."""

import pytest
from django.test import TestCase
from django.utils import timezone

from gongkai.library.public.testing import people_of, publish_document
from gongkai.library.selectors import documents_changed_since
from gongkai.library.services.interpretations import (
    interpretation_approve,
    interpretation_create,
)


@pytest.mark.django_db
def test_a_later_interpretation_puts_its_document_back_in_the_changes_feed(unit_a):
    document = publish_document(unit_a)
    since = timezone.now()
    assert document not in documents_changed_since(unit_a.region, since)

    people = people_of(unit_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        interpretation = interpretation_create(
            actor=people.clerk,
            unit=unit_a,
            title="《关于做好2026年冬季安全生产工作的通知》解读",
            forms=["text"],
            body="<p>解读。</p>",
            documents=[document],
        )
        interpretation_approve(actor=people.head, interpretation=interpretation)

    assert list(documents_changed_since(unit_a.region, since)) == [document]

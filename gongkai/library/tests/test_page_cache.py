"""Document pages are served from the cache to anonymous readers, and never stale after a change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core import pagecache
from gongkai.library.public.testing import people_of
from gongkai.library.services.workflow import document_withdraw

from .test_public_pages import doc_url, library  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_second_reader_gets_the_same_page_without_building_it(client, library):  # noqa: F811
    url = doc_url(library["edu"])
    first, built = _get(client, url)
    again, served = _get(client, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and "学生资助" in again.content.decode()
    assert served < built and served <= 1  # the region lookup at most; no document queries


def test_a_withdrawn_document_is_gone_at_once(client, library):  # noqa: F811
    url = doc_url(library["edu"])
    assert client.get(url).status_code == 200
    head = people_of(library["edu"].unit).head
    document_withdraw(actor=head, document=library["edu"], reason="内容有误，重新发布")
    assert client.get(url).status_code == 404


def test_an_edit_by_bulk_import_makes_pages_stale(client, library):  # noqa: F811
    url = doc_url(library["edu"])
    client.get(url)
    before = pagecache.version()
    pagecache.changed()  # what the importer calls after each batch it writes
    assert pagecache.version() != before
    response, queries = _get(client, url)
    assert response.status_code == 200 and queries > 1  # built again


def test_signed_in_staff_always_get_a_fresh_page(client, library):  # noqa: F811
    url = doc_url(library["edu"])
    client.get(url)
    client.force_login(people_of(library["edu"].unit).clerk)
    response, queries = _get(client, url)
    assert response.status_code == 200 and queries > 1


def test_query_strings_are_kept_apart(client, library):  # noqa: F811
    # The page links to itself with its query string (print view, share links): each address
    # keeps its own copy.
    url = doc_url(library["edu"])
    plain = client.get(url).content
    other = client.get(url + "?from=rss").content
    assert other != plain
    assert client.get(url).content == plain
    assert client.get(url + "?from=rss").content == other


def test_a_staff_login_does_not_throw_the_pages_away(client, library):  # noqa: F811
    from django.test import Client

    url = doc_url(library["edu"])
    client.get(url)
    before = pagecache.version()
    clerk = people_of(library["edu"].unit).clerk
    clerk.set_password("口令-2026-足够长")
    clerk.save()  # a change to staff is no change to the public site
    staff = Client()
    assert staff.login(username=clerk.username, password="口令-2026-足够长")
    assert pagecache.version() == before
    response, queries = _get(client, url)
    assert response.status_code == 200 and queries <= 1  # still served from the cache

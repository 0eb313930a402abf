"""The gazette pages: the office compiles and publishes; the public archive shows only published
issues, with the table of contents linking to the library and the PDF to download."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.library.gazette.models import GazetteIssue
from gongkai.orgs.roles import Role
from gongkai.orgs.tests.factories import staff

from .test_gazette_service import TITLES, publish_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(unit_a):
    return staff(unit_a, Role.OFFICE_ADMIN, username="gazette_web")


@pytest.fixture
def docs(region, unit_a, tmp_path):
    publish_documents(region, tmp_path, [{"title": t} for t in TITLES])


FORM = {
    "year": "2026",
    "number": "2",
    "period_from": "2026-03-01",
    "period_to": "2026-03-31",
    "issued_on": "2026-04-08",
    "extra": "",
}


def test_office_compiles_publishes_and_the_public_reads(client, office, docs):
    issue_url = reverse("portal:gazette:issue", args=[2026, 2])
    client.force_login(office)
    assert client.get(reverse("workspace:gazette_new")).status_code == 200
    response = client.post(reverse("workspace:gazette_new"), FORM)
    issue = GazetteIssue.objects.get()
    assert response["Location"] == reverse("workspace:gazette_issue", args=[issue.pk])
    page = client.get(response["Location"]).content.decode()
    assert all(t in page for t in TITLES) and "发布本期公报" in page
    pdf = client.get(reverse("workspace:gazette_issue_pdf", args=[issue.pk]))
    assert pdf["Content-Type"] == "application/pdf"

    client.logout()
    assert client.get(issue_url).status_code == 404  # a draft is not public
    assert "暂无公报" in client.get(reverse("portal:gazette:archive")).content.decode()

    client.force_login(office)
    client.post(reverse("workspace:gazette_issue_publish", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.status == GazetteIssue.Status.PUBLISHED
    client.logout()

    archive = client.get(reverse("portal:gazette:archive")).content.decode()
    assert "2026年第2期" in archive and "2026年（1期）" in archive
    assert (
        "2026年第2期"
        in client.get(reverse("portal:gazette:archive") + "?q=宅基地").content.decode()
    )
    assert (
        "没有符合条件的公报"
        in client.get(reverse("portal:gazette:archive") + "?q=不存在").content.decode()
    )

    page = client.get(issue_url).content.decode()
    for entry in issue.entries.select_related("document"):
        link = reverse("portal:library:document", kwargs={"index_no": entry.document.index_no})
        assert f'href="{link}"' in page
        assert f"第 {entry.page} 页" in page
    download = client.get(reverse("portal:gazette:issue_pdf", args=[2026, 2]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    full = client.get(reverse("portal:gazette:issue_html", args=[2026, 2])).content.decode()
    assert all(t in full for t in TITLES) and "示范县人民政府公报" in full


def test_compile_form_errors_are_in_chinese_and_change_nothing(client, office, docs):
    client.force_login(office)
    response = client.post(
        reverse("workspace:gazette_new"),
        {**FORM, "period_from": "2026-04-01", "period_to": "2026-03-01"},
    )
    assert response.status_code == 400
    assert "收录起始日期不能晚于截止日期" in response.content.decode()
    response = client.post(reverse("workspace:gazette_new"), {**FORM, "number": "abc"})
    assert "期号应为数字" in response.content.decode()
    assert not GazetteIssue.objects.exists()


def test_units_cannot_compile_or_publish(client, people, office, docs):
    client.force_login(office)
    client.post(reverse("workspace:gazette_new"), FORM)
    issue = GazetteIssue.objects.get()
    client.force_login(people.head)
    assert client.get(reverse("workspace:gazette")).status_code == 403
    assert client.post(reverse("workspace:gazette_new"), {**FORM, "number": "5"}).status_code == 403
    assert (
        client.post(reverse("workspace:gazette_issue_publish", args=[issue.pk])).status_code == 403
    )
    issue.refresh_from_db()
    assert issue.status == GazetteIssue.Status.DRAFT

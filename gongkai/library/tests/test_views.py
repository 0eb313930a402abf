"""The staff pages as a clerk, reviewers and other units' staff use them."""

import io

import pytest
from django.urls import reverse

from gongkai.library.models import Document
from gongkai.library.services.workflow import document_submit

from .factories import make_document, unit_people

pytestmark = pytest.mark.django_db


def test_clerk_drafts_a_document_through_the_form(client, unit_a, people):
    client.force_login(people.clerk)
    url = reverse("workspace:library_document_new")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "unit": unit_a.pk,
            "title": "关于印发《示范县农村饮水安全管理办法》的通知",
            "doc_number": "示府办[2026]8号",
            "written_on": "2026-11-02",
            "genre": "通知",
            "disclosure": "proactive",
            "body": "<p>正文<script>x()</script></p>",
        },
    )
    doc = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workspace:library_document", args=[doc.pk]
    )
    assert doc.doc_number == "示府办〔2026〕8号" and "<script" not in doc.body


def test_form_errors_are_chinese_and_nothing_is_saved(client, unit_a, people):
    client.force_login(people.clerk)
    response = client.post(
        reverse("workspace:library_document_new"),
        {
            "unit": unit_a.pk,
            "title": "通知",
            "doc_number": "〔〕",
            "written_on": "2026-11-02",
            "genre": "通知",
            "disclosure": "withheld",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "无法识别发文字号" in text or "须写明法律依据和理由" in text
    assert not Document.objects.exists()
    response = client.post(reverse("workspace:library_document_new"), {"unit": unit_a.pk})
    assert "请填写标题。" in response.content.decode()


def test_document_page_highlights_findings_in_place(client, unit_a, people):
    doc = make_document(unit_a, actor=people.clerk, body="请联系 13800138000 办理。")
    document_submit(actor=people.clerk, document=doc)
    client.force_login(people.secrecy)
    response = client.get(reverse("workspace:library_document", args=[doc.pk]))
    html = response.content.decode()
    finding = doc.findings.get()
    assert f'id="finding-{finding.pk}"' in html and ">13800138000</mark>" in html
    assert "确认可以公开" in html
    response = client.post(
        reverse("workspace:library_finding_release", args=[finding.pk]),
        {"reason": "县政务服务热线"},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == "released"


def test_review_actions_through_the_page(client, unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    client.force_login(people.clerk)
    act = lambda action: reverse("workspace:library_document_act", args=[doc.pk, action])  # noqa: E731
    client.post(act("submit"))
    client.force_login(people.r1)
    page = client.get(reverse("workspace:library_document", args=[doc.pk])).content.decode()
    assert "审核通过（初审）" in page
    client.post(act("approve"))
    client.force_login(people.r2)
    response = client.post(act("return"), {"reason": ""}, follow=True)
    assert "退回时请写明理由" in response.content.decode()
    client.post(act("return"), {"reason": "请补充依据"})
    doc.refresh_from_db()
    assert doc.status == Document.Status.DRAFT


def test_other_units_staff_get_404(client, unit_a, unit_b, people):
    doc = make_document(unit_a, actor=people.clerk)
    other = unit_people(unit_b, prefix="b")
    client.force_login(other.clerk)
    for name in ("library_document", "library_document_edit", "library_interpretation_new"):
        assert client.get(reverse(f"workspace:{name}", args=[doc.pk])).status_code == 404
    response = client.post(reverse("workspace:library_document_act", args=[doc.pk, "submit"]))
    assert response.status_code == 404
    listing = client.get(reverse("workspace:library_documents")).content.decode()
    assert doc.title not in listing


def test_attachment_upload_errors_are_shown_and_nothing_is_saved(client, unit_a, people):
    doc = make_document(unit_a, actor=people.clerk)
    client.force_login(people.clerk)
    upload = io.BytesIO(b"MZ")
    upload.name = "setup.exe"
    response = client.post(
        reverse("workspace:library_attachment_add", args=[doc.pk]), {"file": upload}, follow=True
    )
    assert "不能上传" in response.content.decode()
    assert not doc.attachments.exists()


def test_interpretation_written_and_signed_off_from_the_pages(client, unit_a, people):
    doc = make_document(unit_a, actor=people.clerk, is_normative=True)
    client.force_login(people.clerk)
    response = client.post(
        reverse("workspace:library_interpretation_new", args=[doc.pk]),
        {
            "title": "政策解读",
            "forms_": ["text", "qa"],
            "body": "解读",
            "media_links": "一图读懂 https://www.example.gov.cn/1.html",
        },
    )
    item = doc.interpretations.get()
    assert response.status_code == 302
    assert item.media_links == [{"title": "一图读懂", "url": "https://www.example.gov.cn/1.html"}]
    client.force_login(people.head)
    client.post(reverse("workspace:library_interpretation_approve", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "approved"
    page = client.get(reverse("workspace:library_document", args=[doc.pk])).content.decode()
    assert "解读形式：2 / 目标 2 种" in page


def test_cleanup_pages(client, unit_a, people):
    from gongkai.orgs.roles import Role
    from gongkai.orgs.tests.factories import staff

    office = staff(unit_a, Role.OFFICE_ADMIN, username="office")
    client.force_login(office)
    response = client.post(
        reverse("workspace:library_cleanup_open"),
        {"title": "2026年度清理", "closes_on": "2026-12-31"},
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    client.force_login(people.clerk)
    response = client.post(
        reverse("workspace:library_cleanup_open"), {"title": "又一次", "closes_on": "2026-12-31"}
    )
    assert response.status_code == 403

"""政策文件库 JSON API: catalog, search, detail by 索引号, and the changes feed an upper-level
library pulls; everything described in /api/openapi.json."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from gongkai.library.public.testing import people_of, publish_document, topic
from gongkai.library.services.documents import document_create
from gongkai.library.services.workflow import document_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(unit_a, unit_b, calendar_years):
    edu = publish_document(
        unit_b,
        title="示范县义务教育阶段学生资助实施办法",
        doc_number="示教体〔2026〕7号",
        genre="办法",
        topic=topic("科技、教育/教育"),
        body="<p>为做好家庭经济困难学生资助工作，制定本办法。</p>",
        interpretation={"title": "学生资助实施办法政策解读", "forms": ["text", "graphic"]},
    )
    safety = publish_document(
        unit_a,
        title="关于做好2026年冬季安全生产工作的通知",
        doc_number="示发改〔2026〕12号",
        body="<p>冬季是安全生产事故易发期。</p>",
    )
    return {"edu": edu, "safety": safety}


def test_the_schema_describes_the_library_endpoints_with_response_schemas(client, db):
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/library/documents",
        "/api/library/search",
        "/api/library/documents/{index_no}",
        "/api/library/changes",
    ):
        operation = schema["paths"][path]["get"]
        assert operation["x-gongkai-access"] == "public"
        assert "$ref" in str(operation["responses"]["200"]), path
    components = schema["components"]["schemas"]
    assert {"DocumentOut", "SearchOut", "ChangesOut", "DocumentListOut"} <= set(components)
    assert "withdrawn" in components["ChangeOut"]["properties"]


def test_the_catalog_lists_public_documents_with_paging(client, docs, unit_a):
    body = client.get("/api/library/documents", {"per_page": 1}).json()
    assert body["total"] == 2 and body["pages"] == 2 and len(body["items"]) == 1
    body = client.get("/api/library/documents", {"unit": unit_a.code}).json()
    assert [d["index_no"] for d in body["items"]] == [docs["safety"].index_no]
    item = body["items"][0]
    assert item["doc_number"] == "示发改〔2026〕12号"
    assert item["validity_label"] == "现行有效"
    assert item["url"].startswith("http://testserver/zcwj/wj/")


def test_search_finds_by_word_phrase_and_loose_doc_number(client, docs):
    body = client.get("/api/library/search", {"q": "资助"}).json()
    assert body["total"] == 1
    hit = body["items"][0]
    assert hit["index_no"] == docs["edu"].index_no
    assert "<mark>资助</mark>" in hit["title_html"]
    assert {f["name"] for f in body["facets"]} >= {"unit", "topic", "genre"}
    body = client.get("/api/library/search", {"q": "示发改2026 12"}).json()
    assert body["items"][0]["index_no"] == docs["safety"].index_no
    assert body["items"][0]["doc_number_match"] is True


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "？？？"}, "请输入要搜索的词语"),
        ({"q": ""}, "请输入要搜索的词语"),
        ({"q": "资助", "date_from": "2026-02-30"}, "不是有效日期"),
        ({"q": "资助", "unit": "nosuch"}, "没有代码为“nosuch”的发布机构"),
    ],
)
def test_search_bad_input_is_a_chinese_400(client, docs, params, message):
    response = client.get("/api/library/search", params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_detail_by_index_no_has_body_attachments_interpretations(client, docs):
    doc = docs["edu"]
    response = client.get(f"/api/library/documents/{doc.index_no}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == doc.title
    assert "家庭经济困难学生资助" in body["body_html"]
    assert body["interpretations"][0]["title"] == "学生资助实施办法政策解读"
    assert body["interpretations"][0]["forms"] == ["文字", "图解"]
    assert body["topic"] == "科技、教育/教育"


def test_detail_of_an_unknown_or_unpublished_document_is_404(client, docs, unit_a):
    draft = document_create(
        actor=people_of(unit_a).clerk,
        unit=unit_a,
        title="草稿",
        written_on=dt.date(2026, 11, 2),
        body="x",
    )
    for index_no in ("nosuch/2026-00001", draft.index_no):
        response = client.get(f"/api/library/documents/{index_no}")
        assert response.status_code == 404
        assert "没有索引号为" in response.json()["detail"]


def test_an_unknown_region_is_a_chinese_400(client, docs):
    response = client.get("/api/library/documents", {"region": "nowhere"})
    assert response.status_code == 400
    assert "没有代码为 nowhere 的区域" in response.json()["detail"]


def test_the_changes_feed_gives_new_documents_and_tombstones(client, docs, unit_a):
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    body = client.get("/api/library/changes", {"since": since}).json()
    assert [c["index_no"] for c in body["items"]] == [
        docs["edu"].index_no,
        docs["safety"].index_no,
    ]
    assert body["items"][0]["document"]["title"] == docs["edu"].title
    assert body["next_since"] is None

    mark = timezone.now()
    with TestCase.captureOnCommitCallbacks(execute=True):
        document_withdraw(actor=people_of(unit_a).head, document=docs["safety"], reason="有误")
    body = client.get("/api/library/changes", {"since": mark.isoformat()}).json()
    assert body["items"] == [
        {
            "index_no": docs["safety"].index_no,
            "withdrawn": True,
            "updated_at": body["items"][0]["updated_at"],
            "document": None,
        }
    ]


def test_the_changes_feed_pages_without_losing_rows(client, unit_a, calendar_years):
    made = [publish_document(unit_a, title=f"第{n}号通知") for n in range(5)]
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    seen, params = [], {"since": since, "limit": 2}
    for _ in range(10):
        body = client.get("/api/library/changes", params).json()
        seen += [c["index_no"] for c in body["items"]]
        if body["next_since"] is None:
            break
        params = {"since": body["next_since"], "after_id": body["next_after_id"], "limit": 2}
    assert seen == [d.index_no for d in made]


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", ""])
def test_the_changes_feed_refuses_a_bad_since_in_chinese(client, docs, since):
    response = client.get("/api/library/changes", {"since": since})
    assert response.status_code in (400, 422)
    assert "since" in response.json()["detail"]


def test_a_date_only_since_is_accepted(client, docs):
    response = client.get("/api/library/changes", {"since": "2026-01-01"})
    assert response.status_code == 200
    assert len(response.json()["items"]) == 2


def test_detail_and_changes_give_the_catalog_placement(client, unit_a, calendar_years):
    """An upper-level library files what it pulls where the county filed it: the 法定主动公开内容
    column and the 基层标准目录 area travel with the document."""
    from gongkai.library.models import CatalogColumn, StandardCatalogArea

    column = CatalogColumn.objects.get(code="fgwj", region__isnull=True)
    area = StandardCatalogArea.objects.order_by("sort").first()
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    doc = publish_document(
        unit_a,
        title="示范县行政规范性文件管理办法",
        catalog_columns=[column],
        standard_areas=[area],
    )
    plain = publish_document(unit_a, title="关于召开会议的通知")
    detail = client.get(f"/api/library/documents/{doc.index_no}").json()
    assert detail["catalog_columns"] == [{"code": "fgwj", "name": column.name}]
    assert detail["standard_areas"] == [{"code": area.code, "name": area.name}]
    changes = client.get("/api/library/changes", {"since": since}).json()["items"]
    placed = {c["index_no"]: c["document"] for c in changes}
    assert placed[doc.index_no]["catalog_columns"] == detail["catalog_columns"]
    assert placed[doc.index_no]["standard_areas"] == detail["standard_areas"]
    assert placed[plain.index_no]["catalog_columns"] == []
    assert placed[plain.index_no]["standard_areas"] == []

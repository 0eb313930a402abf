"""What a citizen sees on the public shell: home, the disclosure columns, search, 长者模式."""

import pytest
from django.template.loader import get_template
from django.urls import URLPattern, get_resolver, reverse

from gongkai.portal.columns import COLUMNS

pytestmark = pytest.mark.django_db

COLUMN_TITLES = [
    "政府信息公开指南",
    "政府信息公开制度",
    "法定主动公开内容",
    "政府信息公开年报",
    "依申请公开",
    "基层政务公开标准目录",
]


def test_the_six_national_columns_in_order():
    assert [c.title for c in COLUMNS] == COLUMN_TITLES


def test_home_shows_the_region_the_columns_and_the_search_box(client, region):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    assert "示范县人民政府" in html
    for column in COLUMNS:
        assert reverse("portal:column", kwargs={"slug": column.slug}) in html
        assert column.title in html
    assert f'action="{reverse("portal:search")}"' in html
    assert "暂无最新公开的政府信息" in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html and 'id="main"' in html


def test_home_without_any_region_says_gongkai_platform(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "公开平台" in response.content.decode()


def test_footer_shows_the_office_contacts_and_record_number(client, region):
    region.office_address = "示范县人民路1号"
    region.office_phone = "0818-1234567"
    region.office_email = "gk@example.gov.cn"
    region.icp_record = "蜀ICP备12345678号"
    region.save()
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    for text in ("示范县人民路1号", "0818-1234567", "gk@example.gov.cn", "蜀ICP备12345678号"):
        assert text in footer


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.slug)
def test_every_column_page_opens_with_its_title(client, region, column):
    response = client.get(reverse("portal:column", kwargs={"slug": column.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="page-title">{column.title}</h1>' in html
    assert 'aria-current="page"' in html


@pytest.mark.parametrize("slug", ["xxgkzd", "fdzdgknr", "xxgknb", "jczwgkbzml"])
def test_unfilled_columns_say_so(client, region, slug):
    html = client.get(reverse("portal:column", kwargs={"slug": slug})).content.decode()
    assert "本栏目暂无内容" in html


def test_the_request_column_leads_to_the_form_and_the_status_page(client, region):
    html = client.get(reverse("portal:column", kwargs={"slug": "ysqgk"})).content.decode()
    assert reverse("portal:ysqgk:apply") in html
    assert reverse("portal:ysqgk:status") in html
    assert "20 个工作日内答复" in html


def test_the_guide_is_filled_from_the_office_fields(client, region):
    region.office_name = "示范县人民政府办公室（政务公开办）"
    region.office_address = "示范县人民路1号"
    region.office_hours = "工作日 9:00-12:00，14:00-17:30"
    region.office_phone = "0818-1234567"
    region.office_fax = "0818-7654321"
    region.office_email = "gk@example.gov.cn"
    region.office_postcode = "635200"
    region.save()
    html = client.get(reverse("portal:column", kwargs={"slug": "xxgkzn"})).content.decode()
    for value in (
        "示范县人民政府办公室（政务公开办）",
        "示范县人民路1号",
        "工作日 9:00-12:00，14:00-17:30",
        "0818-1234567",
        "0818-7654321",
        "gk@example.gov.cn",
        "635200",
    ):
        assert value in html
    assert "20个工作日" in html  # how to apply: 条例第三十三条


def test_an_unknown_column_is_a_chinese_404(client, region):
    response = client.get("/xxgk/nosuch/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_search_echoes_the_query_escaped(client, region):
    response = client.get(reverse("portal:search"), {"q": "<script>alert(1)</script>教育"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;教育" in html
    assert "政策文件库" in html


def test_search_without_a_query_asks_for_one(client, region):
    html = client.get(reverse("portal:search")).content.decode()
    assert "请输入关键词" in html


def test_a_very_long_query_is_cut_not_refused(client, region):
    response = client.get(reverse("portal:search"), {"q": "政" * 500})
    assert response.status_code == 200
    assert "政" * 100 in response.content.decode()
    assert "政" * 101 not in response.content.decode()


def test_senior_mode_on_sets_the_cookie_and_returns_to_the_page(client, region):
    column_url = reverse("portal:column", kwargs={"slug": "xxgkzn"})
    response = client.post(reverse("portal:senior_mode"), {"on": "1", "next": column_url})
    assert response.status_code == 302
    assert response["Location"] == column_url
    assert response.cookies["senior"].value == "1"
    html = client.get(column_url).content.decode()
    assert '<html lang="zh-CN" class="senior">' in html
    assert "关闭长者模式" in html


def test_senior_mode_off_clears_the_cookie(client, region):
    client.cookies["senior"] = "1"
    response = client.post(reverse("portal:senior_mode"), {"on": "0", "next": "/"})
    assert response.cookies["senior"].value == ""
    assert '<html lang="zh-CN">' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)", ""]
)
def test_senior_mode_never_redirects_off_site(client, region, target):
    response = client.post(reverse("portal:senior_mode"), {"on": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_senior_mode_needs_a_post(client, region):
    assert client.get(reverse("portal:senior_mode")).status_code == 405


def test_every_portal_view_is_declared_public():
    resolver = get_resolver()
    portal = [
        p
        for p in resolver.url_patterns
        if getattr(p, "namespace", None) == "portal" or getattr(p, "app_name", None) == "portal"
    ]
    views = [p.callback for r in portal for p in r.url_patterns if isinstance(p, URLPattern)]
    assert len(views) == 4
    assert all(getattr(v, "gongkai_access", None) == "public" for v in views)


def test_the_500_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()
    assert "系统暂时无法处理您的请求" in html
    assert 'lang="zh-CN"' in html


@pytest.mark.parametrize("path", ["/xxgk/xxgkzn/", "/xxgk/ysqgk/", "/search/?q=x", "/nosuch/"])
def test_pages_work_before_any_region_exists(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert "公开平台" in response.content.decode()

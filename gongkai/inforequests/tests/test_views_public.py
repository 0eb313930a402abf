"""The portal pages: the online form, the receipt, the status page and the public archive."""

import pytest
from django.urls import reverse

from gongkai.inforequests import services
from gongkai.inforequests.models import Attachment, InfoRequest

from .helpers import ID_NUMBER, PHONE, applicant, register

APPLY = "/ysqgk/"
STATUS = "/ysqgk/status/"


def form(target, **overrides):
    data = {**applicant(), "applicant_type": "natural", "unit": str(target.pk), "confirm": "1"}
    data.update(overrides)
    return data


def test_online_request_gives_a_receipt_with_code_and_due_date(client, today, unit_a):
    today.set("2026-09-28")
    response = client.post(APPLY, form(unit_a), follow=True)
    assert response.status_code == 200
    case = InfoRequest.objects.get()
    text = response.content.decode()
    assert case.tracking_code in text and "2026-10-30" in text
    assert case.channel == "online" and case.unit == unit_a


BAD = [
    ({"name": ""}, "请填写申请人姓名"),
    ({"id_number": "110105194912310021"}, "身份证号码不正确"),
    ({"phone": "abc"}, "联系电话不正确"),
    ({"email": "not-an-email"}, "电子邮箱格式不正确"),
    ({"description": "文件"}, "描述太短"),
    ({"unit": ""}, "请选择受理申请的单位"),
    ({"way_wanted": "post", "address": ""}, "请填写通信地址"),
    ({"applicant_type": "org", "applicant_kind": ""}, "请选择申请人类型"),
    (
        {
            "applicant_type": "org",
            "applicant_kind": "business",
            "id_type": "credit_code",
            "id_number": "123",
        },
        "统一社会信用代码",
    ),
    ({"confirm": ""}, "请勾选确认"),
    ({"form_wanted": "carrier-pigeon"}, "获取信息的形式"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_input_gets_a_chinese_message_and_creates_nothing(
    client, today, unit_a, change, message
):
    response = client.post(APPLY, form(unit_a, **change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert InfoRequest.objects.count() == 0


def test_attachments_are_checked_for_type_size_and_content(client, today, unit_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake_pdf = SimpleUploadedFile("身份证.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(APPLY, {**form(unit_a), "files": [fake_pdf]})
    assert response.status_code == 400 and "内容与扩展名不符" in response.content.decode()
    exe = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(APPLY, {**form(unit_a), "files": [exe]})
    assert "类型不支持" in response.content.decode()
    good = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    client.post(APPLY, {**form(unit_a), "files": [good]})
    assert Attachment.objects.get().name == "身份证.pdf"


def test_sixth_request_in_an_hour_from_one_address_is_refused(client, today, unit_a):
    for i in range(5):
        client.post(APPLY, form(unit_a, description=f"第{i}件申请：某某项目的批复文件"))
    response = client.post(APPLY, form(unit_a, description="第六件申请：某某项目的批复文件"))
    assert response.status_code == 429 and "每小时最多提交 5 件" in response.content.decode()
    assert InfoRequest.objects.count() == 5


def test_status_page_opens_with_code_and_phone_or_id_only(client, today, people, unit_a):
    today.set("2026-09-28")
    case = register(unit_a, actor=people["clerk"], received_on="2026-09-28")
    wrong = client.post(STATUS, {"code": case.tracking_code, "secret": "13900000000"})
    unknown = client.post(STATUS, {"code": "YSQ-2026-0000-0000-0000", "secret": PHONE})
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.content.decode().count("不匹配") == unknown.content.decode().count("不匹配") == 1
    assert "张三" not in wrong.content.decode()
    for secret in (PHONE, ID_NUMBER.lower()):
        client.post(STATUS, {"code": case.tracking_code.lower(), "secret": secret})
        page = client.get(STATUS).content.decode()
        assert case.tracking_code in page and "2026-10-30" in page
        assert "当日不计入" in page  # the derivation, step by step
        assert "张三" not in page and ID_NUMBER not in page  # no personal data on the page


def test_status_lookups_are_rate_limited(client, today, unit_a):
    for _ in range(10):
        client.post(STATUS, {"code": "YSQ-2026-0000-0000-0000", "secret": PHONE})
    response = client.post(STATUS, {"code": "YSQ-2026-0000-0000-0000", "secret": PHONE})
    assert response.status_code == 429 and "查询过于频繁" in response.content.decode()


def test_applicant_corrects_through_the_status_page(client, today, people, unit_a):
    today.set("2026-11-02")
    case = register(unit_a, actor=people["clerk"], received_on="2026-11-02")
    services.info_request_request_correction(
        request=case, actor=people["clerk"], date="2026-11-02", items="请写明项目名称"
    )
    client.post(STATUS, {"code": case.tracking_code, "secret": PHONE})
    assert "请写明项目名称" in client.get(STATUS).content.decode()
    today.set("2026-11-04")
    response = client.post(reverse("portal:ysqgk:correct"), {"description": ""}, follow=True)
    assert "请填写补正后的申请内容" in response.content.decode()
    response = client.post(
        reverse("portal:ysqgk:correct"),
        {"description": "城关街道2026年老旧小区改造实施方案"},
        follow=True,
    )
    case.refresh_from_db()
    assert case.status == "review" and case.description.startswith("城关街道")
    assert "收到补正" in response.content.decode()


def test_correction_without_a_verified_session_is_refused(client, today, unit_a):
    response = client.post(reverse("portal:ysqgk:correct"), {"description": "x"}, follow=True)
    assert "查询已过期" in response.content.decode()


def test_public_archive_shows_only_consented_cases_without_personal_data(
    client, today, people, unit_a
):
    clerk = people["clerk"]
    today.set("2026-11-02")
    shown = register(
        unit_a,
        actor=clerk,
        received_on="2026-11-02",
        description=f"张三（电话 {PHONE}）申请公开低保名单",
    )
    hidden = register(
        unit_a, actor=clerk, received_on="2026-11-02", description="另一件不公开的申请内容"
    )
    for case, public in ((shown, True), (hidden, False)):
        services.info_request_reply(
            request=case,
            actor=clerk,
            outcome="withheld_third_party",
            reply_type="withheld",
            date="2026-11-02",
            facts="涉及张三以外的个人隐私",
        )
        services.info_request_deliver(
            request=case, actor=clerk, method="in_person", date="2026-11-02"
        )
        services.info_request_archive(request=case, actor=clerk, public=public, consent=public)
    page = client.get("/ysqgk/archive/").content.decode()
    assert "低保名单" in page and "另一件" not in page
    detail = client.get(f"/ysqgk/archive/{shown.pk}/").content.decode()
    assert "张三" not in detail and PHONE not in detail and "138****8000" in detail
    assert client.get(f"/ysqgk/archive/{hidden.pk}/").status_code == 404

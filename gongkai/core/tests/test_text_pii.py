"""The secrecy and privacy scanner: what a reviewer sees highlighted, and what stays quiet."""

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.text import corpus, pii
from gongkai.core.text.pii import redact, scan

VALID_ID = "11010519491231002X"  # GB 11643-1999 Annex example: check character X
VALID_ID_DIGIT = "510722199001011236"


def kinds(text):
    return [(f.kind, f.text) for f in scan(text)]


def test_the_example_ids_are_valid():
    assert pii.is_valid_id_number(VALID_ID)
    assert pii.is_valid_id_number(VALID_ID_DIGIT)
    assert pii.is_valid_id_number(VALID_ID.lower())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"申请人身份证号码：{VALID_ID}。", [("id_number", VALID_ID)]),
        (f"身份证{VALID_ID.lower()}", [("id_number", VALID_ID.lower())]),
        (f"张三{VALID_ID_DIGIT}城关镇", [("id_number", VALID_ID_DIGIT)]),
        (
            "身份证号：１１０１０５１９４９１２３１００２Ｘ",
            [("id_number", "１１０１０５１９４９１２３１００２Ｘ")],
        ),
        ("公民身份号码 110105 19491231 002X", [("id_number", "110105 19491231 002X")]),
        ("联系电话：13800138000。", [("mobile", "13800138000")]),
        ("手机138-0013-8000", [("mobile", "138-0013-8000")]),
        ("手机 138 0013 8000 ", [("mobile", "138 0013 8000")]),
        ("请拨打+86 13900139000", [("mobile", "+86 13900139000")]),
        ("电话１３９００１３９０００", [("mobile", "１３９００１３９０００")]),
        ("咨询电话：0818-2345678。", [("landline", "0818-2345678")]),
        ("咨询电话：028-85123456", [("landline", "028-85123456")]),
        ("电话（0818）2345678", [("landline", "（0818）2345678")]),
        ("电话(010)62345678转801", [("landline", "(010)62345678转801")]),
        ("电话0818—2345678", [("landline", "0818—2345678")]),
        ("电话08182345678", [("landline", "08182345678")]),
        ("电话 0818-2345678-801", [("landline", "0818-2345678-801")]),
        ("银行卡6222021234567890128已注销", [("bank_card", "6222021234567890128")]),
        ("卡号 6222 0212 3456 7890 128", [("bank_card", "6222 0212 3456 7890 128")]),
        ("卡4111111111111111", [("bank_card", "4111111111111111")]),
        (
            "开户行：农业银行，账号：2234 5678 9012 3456 78",
            [("bank_card", "2234 5678 9012 3456 78")],
        ),
        ("请发送至gkb@qxx.gov.cn。", [("email", "gkb@qxx.gov.cn")]),
        ("邮箱zhang.san+1@qq.com，", [("email", "zhang.san+1@qq.com")]),
        ("邮箱ｚｈａｎｇ＠１６３.com", [("email", "ｚｈａｎｇ＠１６３.com")]),
        ("邮箱 12345678@qq.com2021年", [("email", "12345678@qq.com")]),
    ],
)
def test_personal_data_is_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "身份证号码110105194912310021校验位有误",  # wrong check character
        "项目代码：110105194913310027",  # month 13
        "编码：990105194912310028",  # no such province
        "身份证号：5107**********123X",  # already masked
        "合同编号：6222021234567890123",  # fails Luhn
        "成文日期：2026-10-08",
        "发布日期：2026.10.08",
        "渠府办〔2021〕54号",
        "索引号：000014349/2017-00110",
        "索引号：11511725MB1612345X/2021-00054",
        "全年支出1234567.89元",
        "总投资13800138000元",
        "总投资 13800138000 万元",
        "增长0.13800138000",
        "流水号2021138001380000012345",
        "编号A13800138000B",
        "联系电话：138****8000",
        "群众可拨打12345热线或0818-12345反映问题",
        "客服电话：400-123-4567",
        "邮政编码：635000",
        "统一社会信用代码：11511725MB1612345X",
        "（2021）川1722行初12号行政判决",
        "办理时间：2026-10-08 09:00—12:00",
        "东经106.123456度",
        "2021—2025年规划",
        "user@localhost 不是完整地址",
        "",
    ],
)
def test_hard_negatives_are_not_flagged(text):
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("机密★5年\n关于……的通知", "机密★5年"),
        ("秘密★1年\n特急\n", "秘密★1年"),
        ("绝密★启用前\n2026年考试试卷", "绝密★启用前"),
        ("秘密★\n", "秘密★"),
        ("秘密\n渠府办〔2021〕54号", "秘密"),
        ("  机密  \n正文", "机密"),
        ("机密 特急\n", "机密 特急"),
        ("内部资料\n正文", "内部资料"),
        ("【内部】\n正文", "【内部】"),
        ("注意保存\n", "注意保存"),
        ("标题\n密级：机密  紧急程度：平件", "密级：机密"),
        ("（此件内部资料，注意保存）", "内部资料，注意保存"),
        ("本材料仅供内部使用。", "仅供内部使用"),
        ("会议纪要，请勿外传。", "请勿外传"),
        ("保密期限：机密10年", "机密10年"),
    ],
)
def test_secrecy_marks_in_document_positions_are_found(text, mark):
    assert kinds(text) == [("secrecy_mark", mark)]


@pytest.mark.parametrize(
    "text",
    [
        "工作人员应当保守秘密，不得泄露。",
        "健全内部控制制度，规范财政资金管理。",
        "确保数据的机密性、完整性和可用性。",
        "您申请公开的信息属于国家秘密，根据《条例》第十四条的规定，不予公开。",
        "属于行政机关的内部事务信息，可以不予公开。",
        "涉及商业秘密、个人隐私的政府信息不得公开。",
        "定密工作应当依法确定密级为绝密、机密、秘密三级。",
        "内部控制制度建设方面，全县均已完成。",
        "秘密载体管理方面，严格落实登记制度。",
        "机密文件管理已纳入年度计划。",
        "内部审计发现问题3个。",
        "注意保存好办事凭证。",
    ],
)
def test_prose_about_secrecy_is_not_flagged(text):
    assert scan(text) == []


def test_positions_point_into_the_original_text():
    text = (
        f"第一段。\n联系人：张三，手机１３８００１３８０００，身份证{VALID_ID}，"
        "邮箱a@b.cn\n机密★1年"
    )
    findings = scan(text)
    assert [f.kind for f in findings] == ["mobile", "id_number", "email", "secrecy_mark"]
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.message.startswith("疑似")


def test_each_stretch_of_text_is_reported_once_under_its_most_specific_kind():
    assert kinds("邮箱13800138000@qq.com") == [("email", "13800138000@qq.com")]
    # an ID-shaped number with a typo is neither an ID nor, although it passes Luhn, a card
    typo = next(
        n
        for n in (f"51072219900101{i:03d}5" for i in range(1000))
        if not pii.is_valid_id_number(n) and pii.luhn_valid(n)
    )
    assert scan(f"号码{typo}") == []


def test_messages_are_chinese_and_name_the_kind():
    text = f"身份证{VALID_ID}，电话0818-2345678，卡号4111111111111111，13800138000，a@qq.com\n秘密★"
    messages = {f.kind: f.message for f in scan(text)}
    assert set(messages) == set(pii.KINDS)
    assert "身份证" in messages["id_number"]
    assert "手机" in messages["mobile"]
    assert "银行" in messages["bank_card"]
    assert "密级" in messages["secrecy_mark"]


def test_redact_hides_the_middle_and_keeps_the_rest():
    text = f"张三，手机13800138000，身份证{VALID_ID}，邮箱zhangsan@qq.com。秘密★"
    assert (
        redact(text)
        == "张三，手机138****8000，身份证110***********002X，邮箱z*******@qq.com。秘密★"
    )
    assert scan(redact(text))[0].kind == "secrecy_mark"


def test_a_birth_date_in_the_future_is_not_an_id():
    first17 = "11010520300101002"
    number = first17 + pii.id_check_char(first17)
    assert scan(f"身份证{number}", today=dt.date(2026, 1, 1)) == []
    assert [f.kind for f in scan(f"身份证{number}", today=dt.date(2031, 1, 1))] == ["id_number"]


@given(st.randoms(use_true_random=False), st.sampled_from(["，", "。", " ", "\n", "：", "（"]))
def test_every_valid_id_is_found_exactly(rnd, sep):
    number = corpus.valid_id(random.Random(rnd.random())).replace(" ", "")
    text = f"申请人{sep}{number}{sep}已受理"
    findings = scan(text)
    assert [(f.kind, f.text) for f in findings] == [("id_number", number)]


@given(st.randoms(use_true_random=False))
def test_one_wrong_check_character_is_never_flagged(rnd):
    number = corpus.wrong_checksum_id(random.Random(rnd.random()))
    assert scan(f"身份证号码{number}。") == []


@given(st.text(alphabet="0123456789", min_size=15, max_size=18), st.integers(0, 17))
def test_luhn_catches_any_single_digit_error(body, position):
    number = corpus.luhn_complete(body)
    assert pii.luhn_valid(number)
    i = position % len(number)
    wrong = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1 :]
    assert not pii.luhn_valid(wrong)


@given(st.text(max_size=300))
def test_scan_never_fails_and_spans_are_in_range(text):
    for f in scan(text):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text

"""Tracking codes (unguessable, typo-checked) and the repeat/mass flags (item 8)."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.inforequests import services
from gongkai.inforequests.codes import ALPHABET, new_tracking_code, normalize_code
from gongkai.inforequests.models import Flag
from gongkai.inforequests.similarity import similarity

from .helpers import register


def test_code_shape_and_forgiving_input():
    code = new_tracking_code(2026)
    assert len(code) == len("YSQ-2026-XXXX-XXXX-XXXX") and code.startswith("YSQ-2026-")
    assert normalize_code(code.lower().replace("-", " ")) == code
    assert normalize_code(code[4:]) == code  # without the YSQ prefix
    assert normalize_code("YSQ-2026-ABCD") is None
    assert normalize_code("") is None


@given(st.integers(min_value=0, max_value=11), st.sampled_from(ALPHABET))
def test_any_single_mistyped_character_is_caught(position, replacement):
    code = "YSQ-2026-0123-4567-89A" + "B"
    body = code.replace("-", "")[7:18]
    from gongkai.inforequests.codes import _check, format_code

    code = format_code(2026, body + _check(body))
    chars = list(code.replace("-", "")[7:])
    if chars[position] == replacement:
        return
    chars[position] = replacement
    typo = format_code(2026, "".join(chars))
    assert normalize_code(typo) is None


def test_similarity_ignores_boilerplate():
    a = "申请公开示范县2025年城区老旧小区改造项目资金使用情况"
    b = "请提供示范县2025年城区老旧小区改造项目的资金使用情况"
    c = "申请公开县医院2025年药品集中采购目录"
    assert similarity(a, b) > 0.6 > similarity(a, c)


def test_a_repeat_of_an_answered_request_is_flagged(today, people, unit_a):
    clerk = people["clerk"]
    today.set("2026-11-02")
    first = register(unit_a, actor=clerk, received_on="2026-11-02")
    services.info_request_reply(
        request=first, actor=clerk, outcome="disclosed", reply_type="provided", date="2026-11-02"
    )
    again = register(unit_a, actor=clerk, received_on="2026-11-02", phone="138 0013 8000")
    flag = Flag.objects.get(request=again)
    assert flag.kind == "repeat" and flag.related == first and "第三十六条第六项" in flag.message
    other = register(
        unit_a, actor=clerk, received_on="2026-11-02", description="县医院药品采购目录"
    )
    assert not Flag.objects.filter(request=other, kind="repeat").exists()


def test_more_than_ten_requests_in_a_month_is_flagged(today, people, unit_a, settings):
    settings.GONGKAI_INFOREQUEST_MASS_PER_MONTH = 3
    today.set("2026-11-10")
    made = [
        register(
            unit_a,
            actor=people["clerk"],
            received_on=f"2026-11-0{i + 1}",
            description=f"第{i}个不同的主题{'甲乙丙丁'[i]}",
        )
        for i in range(4)
    ]
    assert [Flag.objects.filter(request=r, kind="mass").count() for r in made] == [0, 0, 0, 1]
    assert services.nth_request_this_month(made[3]) == 4

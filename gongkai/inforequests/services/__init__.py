"""Writes of information requests. Every change goes through one of these functions.

The workflow (条例第四十五条: 登记、审核、办理、答复、归档) is the table ``TRANSITIONS``: each verb,
the states it may start from and the state it leads to. No code sets ``InfoRequest.status``
outside ``_move``. Every clock event is appended through ``_record_event``, which asks the clock
(gongkai.inforequests.clock.compute) first — an impossible sequence is refused with the clock's
Chinese message and nothing is written — then refreshes the cached due date and the case's duty
in the same transaction.

- _common     — today() (the one place the app asks; tests pin ``_common.today``), input
                cleaning, the row lock, attachment limits and file checks
- clocking    — events_of, clock_result, _record_event, refresh_clock (the cached due date)
- duties      — the case's one open duty (_DutySpec, _sync_duty)
- workflow    — the transition table TRANSITIONS, _check and _move
- intake      — info_request_register, applicant validation, repeat/mass flags (item 8)
- handling    — accept, correction, consultation, extension, fee notice and payment
- released    — files provided with the reply (scanned for personal data and secrecy marks)
- decision    — reply, close_abandoned, withdraw, transfer, deliver, archive
- lettering   — letter templates, their values, letter_generate
- appeals     — 行政复议、行政诉讼
- disclosure  — 条例第四十四条: disclosure_propose
"""

from __future__ import annotations

import datetime as dt

from gongkai.core.audit.verbs import register_verbs

from . import _common
from ._common import (
    ATTACHMENT_SUFFIXES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    RELEASED_SUFFIXES,
    S,
    amount_yuan,
    id_key,
    phone_key,
)
from .appeals import appeal_record, appeal_update
from .clocking import clock_result, events_of, refresh_clock
from .decision import (
    info_request_archive,
    info_request_close_abandoned,
    info_request_deliver,
    info_request_reply,
    info_request_transfer,
    info_request_withdraw,
)
from .disclosure import disclosure_propose
from .duties import ARCHIVE_WORKDAYS, DELIVER_WORKDAYS
from .handling import (
    info_request_accept,
    info_request_end_consultation,
    info_request_extend,
    info_request_receive_correction,
    info_request_record_payment,
    info_request_request_correction,
    info_request_send_fee_notice,
    info_request_start_consultation,
    nth_request_this_month,
)
from .intake import REPEAT_THRESHOLD, info_request_register, mass_threshold
from .lettering import (
    letter_generate,
    letter_key_for,
    letter_template_update,
    letter_templates_seed,
    letter_values,
)
from .released import info_request_clear_file, info_request_release_file, info_request_remove_file
from .workflow import TRANSITIONS, VERB_NAMES

register_verbs(
    {
        "inforequest.register": "登记申请",
        "inforequest.accept": "审核通过，转入办理",
        "inforequest.request_correction": "告知补正",
        "inforequest.receive_correction": "收到补正",
        "inforequest.start_consultation": "征求意见",
        "inforequest.end_consultation": "征求意见结束",
        "inforequest.extend": "延长答复期限",
        "inforequest.send_fee_notice": "发出收费通知",
        "inforequest.record_payment": "记录缴费",
        "inforequest.reply": "作出答复",
        "inforequest.close_abandoned": "视为放弃，终止办理",
        "inforequest.withdraw": "申请人撤回",
        "inforequest.transfer": "转办",
        "inforequest.deliver": "送达",
        "inforequest.archive": "归档",
        "inforequest.release_file": "上传答复文件",
        "inforequest.clear_file": "审查通过答复文件",
        "inforequest.remove_file": "删除答复文件",
        "inforequest.letter": "生成告知书",
        "inforequest.appeal": "登记行政复议/诉讼",
        "inforequest.appeal_update": "更新行政复议/诉讼结果",
        "inforequest.template_update": "修改文书模板",
        "inforequest.propose": "建议主动公开",
    }
)


def today() -> dt.date:
    """Today as the services see it (``_common.today``, which tests and the demo pin)."""
    return _common.today()


__all__ = [
    "ARCHIVE_WORKDAYS",
    "ATTACHMENT_SUFFIXES",
    "DELIVER_WORKDAYS",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "RELEASED_SUFFIXES",
    "REPEAT_THRESHOLD",
    "TRANSITIONS",
    "VERB_NAMES",
    "S",
    "amount_yuan",
    "appeal_record",
    "appeal_update",
    "clock_result",
    "disclosure_propose",
    "events_of",
    "id_key",
    "info_request_accept",
    "info_request_archive",
    "info_request_clear_file",
    "info_request_close_abandoned",
    "info_request_deliver",
    "info_request_end_consultation",
    "info_request_extend",
    "info_request_receive_correction",
    "info_request_record_payment",
    "info_request_register",
    "info_request_release_file",
    "info_request_remove_file",
    "info_request_reply",
    "info_request_request_correction",
    "info_request_send_fee_notice",
    "info_request_start_consultation",
    "info_request_transfer",
    "info_request_withdraw",
    "letter_generate",
    "letter_key_for",
    "letter_template_update",
    "letter_templates_seed",
    "letter_values",
    "mass_threshold",
    "nth_request_this_month",
    "phone_key",
    "refresh_clock",
    "today",
]

"""The reply deadline on real dates across the 2025 and 2026 holidays (条例第三十条至第三十四条).

Every expected date below was counted by hand on the State Council arrangements, written out in
the comment: "(n) date" is the n-th counted working day. The receipt day itself is never counted
(民法典第二百零一条). Make-up working days (调休) that matter here:
2025: Sun 01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11; 2026: Sun 01-04, Sat 02-14,
Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10. Holidays: 2025 Spring Festival 01-28..02-04, Labour Day
05-01..05-05, National Day 10-01..10-08; 2026 New Year 01-01..01-03, Spring Festival 02-15..02-23,
Labour Day 05-01..05-05, Mid-Autumn 09-25, National Day 10-01..10-07.
"""

import datetime as dt

import pytest

from gongkai.core.workdays.seed import calendar_from_package
from gongkai.inforequests.clock import ClockStatus, compute, events_from_json

CAL = calendar_from_package(range(2024, 2027))
D = dt.date.fromisoformat


def run(events, today=None):
    return compute(events_from_json(events), CAL, today=D(today) if today else None)


def received(date, channel="online"):
    return {"event": "received", "date": date, "channel": channel}


# --- 条例第三十一条、第三十三条: 20 working days from receipt, for each channel ------------

CHANNEL_CASES = [
    # 2025 Spring Festival. Mon 01-20: (1) 01-21 (4) 01-24 (5) Sun 01-26 (6) 01-27,
    # off 01-28..02-04, (7) 02-05 (9) 02-07 (10) Sat 02-08 (11) 02-10 (15) 02-14 (16) 02-17
    # (20) 02-21.
    ("online", "2025-01-20", "2025-02-21"),
    # 2025 Labour Day. Fri 04-25: (1) Sun 04-27 (4) 04-30, off 05-01..05-05, (5) 05-06 (8) 05-09
    # (9) 05-12 (13) 05-16 (14) 05-19 (18) 05-23 (19) 05-26 (20) 05-27.
    ("in_person", "2025-04-25", "2025-05-27"),
    # 2025 National Day. Signed for Fri 09-26: (1) Sun 09-28 (3) 09-30, off 10-01..10-08,
    # (4) 10-09 (5) 10-10 (6) Sat 10-11 (7) 10-13 (11) 10-17 (12) 10-20 (16) 10-24 (17) 10-27
    # (20) 10-30.
    ("registered_post", "2025-09-26", "2025-10-30"),
    # 2026 New Year, ordinary letter confirmed Thu 2025-12-25: (1) 12-26 (4) 12-31,
    # off 01-01..01-03, (5) Sun 01-04 (10) 01-09 (15) 01-16 (20) 2026-01-23.
    ("letter", "2025-12-25", "2026-01-23"),
    # 2026 Spring Festival, fax confirmed Tue 02-10: (3) 02-13 (4) Sat 02-14, off 02-15..02-23,
    # (5) 02-24 (8) 02-27 (9) Sat 02-28 (14) 03-06 (19) 03-13 (20) 03-16.
    ("fax", "2026-02-10", "2026-03-16"),
    # 2026 Labour Day, e-mail confirmed Tue 04-28: (2) 04-30, off 05-01..05-05, (5) 05-08
    # (6) Sat 05-09 (11) 05-15 (16) 05-22 (20) 05-28.
    ("email", "2026-04-28", "2026-05-28"),
    # 2026 National Day. Mon 09-28: (2) 09-30, off 10-01..10-07, (4) 10-09 (5) Sat 10-10
    # (10) 10-16 (15) 10-23 (20) 10-30.
    ("online", "2026-09-28", "2026-10-30"),
    # Mid-Autumn and National Day. Fri 09-18: (1) Sun 09-20 (5) 09-24, off Fri 09-25, (8) 09-30,
    # (9) 10-08 (11) Sat 10-10 (16) 10-16 (20) 10-22.
    ("in_person", "2026-09-18", "2026-10-22"),
    # Confirmed online on a holiday, Sat 10-03: (1) 10-08 (3) Sat 10-10 (8) 10-16 (13) 10-23
    # (18) 10-30 (20) 11-03.
    ("online", "2026-10-03", "2026-11-03"),
]


@pytest.mark.parametrize(("channel", "receipt", "due"), CHANNEL_CASES)
def test_twenty_working_days_from_receipt_for_each_channel(channel, receipt, due):
    result = run([received(receipt, channel)])
    assert result.due == D(due)
    assert result.status is ClockStatus.RUNNING
    assert result.received_on == D(receipt)
    assert result.steps[0].kind == "received"
    assert "第三十一条" in result.steps[0].text


def test_the_issue_example_third_party_pause_over_national_day_2026():
    # Received Mon 09-28, due 10-30 (above). Paused 10-09..10-20 removes the working days after
    # 10-09 up to 10-20: Sat 10-10, 10-12..10-16, 10-19, 10-20 = 8. 10-30 + 8: (1) 11-02 (5) 11-06
    # (6) 11-09 (8) 11-11.
    result = run(
        [
            received("2026-09-28"),
            {"event": "consultation_started", "date": "2026-10-09", "kind": "third_party"},
            {"event": "consultation_ended", "date": "2026-10-20"},
        ]
    )
    assert result.due == D("2026-11-11")
    assert result.paused_workdays == 8
    pause = next(step for step in result.steps if step.kind == "pause")
    assert pause.data["workdays"] == 8
    assert pause.data["start"] == D("2026-10-09") and pause.data["end"] == D("2026-10-20")
    assert "2026-10-09 至 2026-10-20" in pause.text and "8 个工作日" in pause.text
    assert result.summary == (
        "收到申请 2026-09-28；2026-10-09 至 2026-10-20 征求第三方意见暂停 8 个工作日；"
        "答复期限 2026-11-11"
    )


# --- 条例第三十条: correction ------------------------------------------------------------------


def test_correction_in_time_restarts_the_clock_from_the_corrected_request():
    # Received 09-28; notice Fri 10-09 is the 4th working day:
    # (1) 09-29 (2) 09-30 (3) 10-08 (4) 10-09.
    # Corrected Fri 10-16: (1) 10-19 (5) 10-23 (10) 10-30 (15) 11-06 (20) 11-13.
    result = run(
        [
            received("2026-09-28"),
            {"event": "correction_requested", "date": "2026-10-09"},
            {"event": "correction_received", "date": "2026-10-16"},
        ]
    )
    assert result.due == D("2026-11-13")
    assert result.clock_start == D("2026-10-16")
    assert [s.kind for s in result.steps][:4] == [
        "received",
        "clock_started",
        "correction_requested",
        "correction_received",
    ]
    assert result.steps[2].data["workday_of_receipt"] == 4


def test_correction_notice_on_the_seventh_working_day_is_in_time():
    # 7 working days after Mon 09-28 across National Day:
    # (3) 10-08 (5) Sat 10-10 (6) 10-12 (7) 10-13.
    result = run([received("2026-09-28"), {"event": "correction_requested", "date": "2026-10-13"}])
    assert result.status is ClockStatus.AWAITING_CORRECTION
    assert result.deadlines.correction_notice_by == D("2026-10-13")


def test_correction_notice_on_the_eighth_working_day_is_refused():
    from gongkai.inforequests.clock import ClockError

    # 10-14 is the 8th working day after 09-28 (see above), although only 16 calendar days later.
    with pytest.raises(ClockError) as info:
        run([received("2026-09-28"), {"event": "correction_requested", "date": "2026-10-14"}])
    assert info.value.code == "correction_too_late"
    assert info.value.event_index == 1
    assert "第 8 个工作日" in info.value.message


# Notice Fri 10-09 with the default 15 working days: (1) Sat 10-10 (2) 10-12 (6) 10-16 (11) 10-23
# (15) 10-29.
@pytest.mark.parametrize(
    ("today", "status", "abandoned_on"),
    [
        ("2026-10-20", ClockStatus.AWAITING_CORRECTION, None),
        ("2026-10-29", ClockStatus.AWAITING_CORRECTION, None),  # the last day of the period
        ("2026-10-30", ClockStatus.ABANDONED, "2026-10-29"),
    ],
)
def test_not_corrected_by_the_deadline_is_abandoned(today, status, abandoned_on):
    result = run(
        [received("2026-09-28"), {"event": "correction_requested", "date": "2026-10-09"}],
        today=today,
    )
    assert result.status is status
    assert result.due is None
    assert result.abandoned_on == (D(abandoned_on) if abandoned_on else None)
    if status is ClockStatus.AWAITING_CORRECTION:
        assert result.deadlines.correction_due == D("2026-10-29")
    else:
        assert result.steps[-1].kind == "correction_abandoned"
        assert "视为放弃申请" in result.steps[-1].text


def test_a_stated_correction_period_is_used():
    # 5 working days after Fri 10-09: (1) Sat 10-10 (2) 10-12 (3) 10-13 (4) 10-14 (5) 10-15.
    result = run(
        [
            received("2026-09-28"),
            {
                "event": "correction_requested",
                "date": "2026-10-09",
                "correction_period_workdays": 5,
            },
        ],
        today="2026-10-16",
    )
    assert result.status is ClockStatus.ABANDONED
    assert result.abandoned_on == D("2026-10-15")


def test_a_late_correction_with_good_reason_is_accepted_and_noted():
    # Deadline 10-29 (above); corrected Mon 11-02: (1) 11-03 (5) 11-09 (10) 11-16 (15) 11-23
    # (20) 11-30.
    result = run(
        [
            received("2026-09-28"),
            {"event": "correction_requested", "date": "2026-10-09"},
            {"event": "correction_received", "date": "2026-11-02"},
        ]
    )
    assert result.due == D("2026-11-30")
    step = next(s for s in result.steps if s.kind == "correction_received")
    assert step.data["late"] is True and "正当理由" in step.text


def test_correction_across_spring_festival_2025():
    # In person Fri 2025-01-24: (1) Sun 01-26 (2) 01-27, off 01-28..02-04, (3) 02-05 (5) 02-07:
    # the notice on 02-07 is the 5th working day. Corrected Mon 02-10: (1) 02-11 (4) 02-14
    # (9) 02-21 (14) 02-28 (19) 03-07 (20) 03-10.
    result = run(
        [
            received("2025-01-24", "in_person"),
            {"event": "correction_requested", "date": "2025-02-07"},
            {"event": "correction_received", "date": "2025-02-10"},
        ]
    )
    assert result.steps[2].data["workday_of_receipt"] == 5
    assert result.due == D("2025-03-10")


# --- 条例第三十二条至第三十四条: consultation -----------------------------------------------------


def test_third_party_pause_across_national_day_2025():
    # Registered post signed Fri 2025-09-19: (1) 09-22 (5) 09-26 (6) Sun 09-28 (8) 09-30,
    # off 10-01..10-08, (9) 10-09 (11) Sat 10-11 (16) 10-17 (20) 10-23.
    # Paused 09-30..10-10 removes only 10-09 and 10-10 (the holiday is not counted twice): 2.
    # 10-23 + 2: (1) 10-24 (2) 10-27.
    result = run(
        [
            received("2025-09-19", "registered_post"),
            {"event": "consultation_started", "date": "2025-09-30"},
            {"event": "consultation_ended", "date": "2025-10-10"},
        ]
    )
    assert result.due == D("2025-10-27")
    assert result.paused_workdays == 2


def test_third_party_consultation_without_an_end_is_an_open_pause():
    # Third-party answer due: 15 working days after Fri 10-09 = 10-29 (see the correction period).
    # Working days left on the clock when it stopped: after 10-09 up to 10-30 = 20 - 4 = 16.
    result = run(
        [
            received("2026-09-28"),
            {"event": "consultation_started", "date": "2026-10-09", "party": "某科技有限公司"},
        ],
        today="2026-10-20",
    )
    assert result.status is ClockStatus.PAUSED_CONSULTATION
    assert result.due is None
    assert result.deadlines.consultation_answer_due == D("2026-10-29")
    assert result.remaining_workdays == 16
    assert "某科技有限公司" in result.steps[-1].text


def test_third_party_silent_past_its_deadline_is_flagged_not_ended():
    result = run(
        [received("2026-09-28"), {"event": "consultation_started", "date": "2026-10-09"}],
        today="2026-10-30",
    )
    assert result.status is ClockStatus.PAUSED_CONSULTATION
    assert result.steps[-1].kind == "third_party_overdue"


def test_third_party_answering_late_is_flagged():
    # Answer due 10-29; answered 11-02. Paused 10-09..11-02: 10-10, 10-12..16, 10-19..23,
    # 10-26..30, 11-02 = 1 + 5 + 5 + 5 + 1 = 17. 10-30 + 17: (5) 11-06 (10) 11-13 (15) 11-20
    # (17) 11-24.
    result = run(
        [
            received("2026-09-28"),
            {"event": "consultation_started", "date": "2026-10-09"},
            {"event": "consultation_ended", "date": "2026-11-02"},
        ]
    )
    assert result.due == D("2026-11-24")
    pause = next(s for s in result.steps if s.kind == "pause")
    assert pause.data["late"] is True and pause.data["workdays"] == 17


AGENCY = {"event": "consultation_started", "date": "2026-10-09", "kind": "agency"}


def test_agency_answering_ends_the_pause():
    # Paused 10-09..10-14: Sat 10-10, 10-12, 10-13, 10-14 = 4. 10-30 + 4: 11-02, 03, 04, (4) 11-05.
    result = run(
        [received("2026-09-28"), AGENCY, {"event": "consultation_ended", "date": "2026-10-14"}]
    )
    assert result.due == D("2026-11-05")


def test_agency_silence_is_consent_on_its_fifteenth_working_day():
    # Agency answer due 10-29 (15th working day after 10-09); the pause removes those 15.
    # 10-30 + 15: (5) 11-06 (10) 11-13 (15) 11-20.
    result = run([received("2026-09-28"), AGENCY], today="2026-10-30")
    assert result.status is ClockStatus.RUNNING
    assert result.due == D("2026-11-20")
    consent = next(s for s in result.steps if s.kind == "consent_by_silence")
    assert consent.date == D("2026-10-29") and consent.data["workdays"] == 15
    assert "视为同意" in consent.text and "第三十四条" in consent.text


def test_agency_still_within_its_fifteen_days_keeps_the_clock_paused():
    result = run([received("2026-09-28"), AGENCY], today="2026-10-29")
    assert result.status is ClockStatus.PAUSED_CONSULTATION
    assert result.due is None
    assert result.deadlines.due_if_no_answer == D("2026-11-20")


def test_agency_silence_is_applied_before_a_later_event():
    # Consent on 10-29 makes the due date 11-20; an extension of 5 told on 11-10 gives
    # 11-20 + 5: (1) 11-23 (5) 11-27. A later answer from the agency changes nothing.
    result = run(
        [
            received("2026-09-28"),
            AGENCY,
            {"event": "extended", "date": "2026-11-10", "workdays": 5, "approver": "张主任"},
            {"event": "consultation_ended", "date": "2026-11-11"},
        ]
    )
    assert result.due == D("2026-11-27")
    assert [s.kind for s in result.steps][-3:] == ["extended", "consultation_answer_late", "due"]


def test_consultation_started_on_the_due_date_does_not_move_it():
    # Due 10-30; a consultation begun that day is too late to stop the clock.
    result = run(
        [
            received("2026-09-28"),
            {"event": "consultation_started", "date": "2026-10-30"},
            {"event": "consultation_ended", "date": "2026-11-05"},
        ]
    )
    assert result.due == D("2026-10-30")
    assert result.paused_workdays == 0


# --- 条例第三十三条: one extension of at most 20 working days -----------------------------------


@pytest.mark.parametrize(
    ("notice", "workdays", "due"),
    [
        # Due 10-30; + 10: (1) 11-02 (5) 11-06 (10) 11-13.
        ("2026-10-29", 10, "2026-11-13"),
        # + 20: (5) 11-06 (10) 11-13 (15) 11-20 (20) 11-27. Told on the due date itself: in time.
        ("2026-10-30", 20, "2026-11-27"),
        # + 1: 11-02.
        ("2026-10-08", 1, "2026-11-02"),
    ],
)
def test_extension_adds_its_working_days_to_the_due_date(notice, workdays, due):
    result = run(
        [
            received("2026-09-28"),
            {"event": "extended", "date": notice, "workdays": workdays, "approver": "公开办主任"},
        ]
    )
    assert result.due == D(due)
    assert result.extension_workdays == workdays
    step = next(s for s in result.steps if s.kind == "extended")
    assert step.data["approver"] == "公开办主任" and step.data["notice_date"] == D(notice)
    assert "经公开办主任同意" in step.text


def test_extension_across_new_year_2026():
    # In person Mon 2025-12-01: (4) 12-05 (9) 12-12 (14) 12-19 (19) 12-26 (20) 12-29.
    # + 20 told 12-26: (1) 12-30 (2) 12-31, off 01-01..01-03, (3) Sun 01-04 (8) 01-09 (13) 01-16
    # (18) 01-23 (20) 01-27.
    result = run(
        [
            received("2025-12-01", "in_person"),
            {"event": "extended", "date": "2025-12-26", "workdays": 20},
        ]
    )
    assert result.due == D("2026-01-27")


@pytest.mark.parametrize(
    ("extension", "code"),
    [
        ({"event": "extended", "date": "2026-10-31", "workdays": 5}, "extension_after_due"),
        ({"event": "extended", "date": "2026-10-20", "workdays": 21}, "extension_out_of_range"),
        ({"event": "extended", "date": "2026-10-20", "workdays": 0}, "extension_out_of_range"),
        ({"event": "extended", "date": "2026-10-20", "workdays": -3}, "extension_out_of_range"),
    ],
)
def test_extensions_the_article_does_not_allow(extension, code):
    from gongkai.inforequests.clock import ClockError

    with pytest.raises(ClockError) as info:
        run([received("2026-09-28"), extension])
    assert info.value.code == code
    assert info.value.event_index == 1


def test_a_second_extension_is_refused():
    from gongkai.inforequests.clock import ClockError

    with pytest.raises(ClockError) as info:
        run(
            [
                received("2026-09-28"),
                {"event": "extended", "date": "2026-10-20", "workdays": 5},
                {"event": "extended", "date": "2026-10-21", "workdays": 5},
            ]
        )
    assert info.value.code == "second_extension"
    assert info.value.event_index == 2
    assert "只允许延长一次" in info.value.message


# --- 国办函〔2020〕109号: the fee pause ---------------------------------------------------------

FEE_EVENTS = [
    received("2026-04-28", "email"),  # due 05-28 (above)
    {"event": "fee_notice_sent", "date": "2026-05-06", "amount": "200"},
]


def test_fee_paid_resumes_the_clock():
    # Paused 05-06..05-12: 05-07, 05-08, Sat 05-09, 05-11, 05-12 = 5. 05-28 + 5: (1) 05-29
    # (2) 06-01 (5) 06-04.
    result = run([*FEE_EVENTS, {"event": "fee_paid", "date": "2026-05-12"}])
    assert result.due == D("2026-06-04")
    assert result.paused_workdays == 5


# Payment due 20 working days after 05-06: (1) 05-07 (3) Sat 05-09 (8) 05-15 (13) 05-22 (18) 05-29
# (20) 06-02.
@pytest.mark.parametrize(
    ("today", "status"),
    [("2026-06-02", ClockStatus.AWAITING_PAYMENT), ("2026-06-03", ClockStatus.ABANDONED)],
)
def test_fee_unpaid_for_twenty_working_days_is_abandoned(today, status):
    result = run(FEE_EVENTS, today=today)
    assert result.status is status
    assert result.due is None
    if status is ClockStatus.AWAITING_PAYMENT:
        assert result.deadlines.fee_payment_due == D("2026-06-02")
    else:
        assert result.abandoned_on == D("2026-06-02")
        assert result.steps[-1].kind == "fee_abandoned"


def test_fee_paid_after_the_deadline_is_refused():
    from gongkai.inforequests.clock import ClockError

    with pytest.raises(ClockError) as info:
        run([*FEE_EVENTS, {"event": "fee_paid", "date": "2026-06-03"}])
    assert info.value.code == "fee_paid_late"


def test_fee_payment_period_counts_from_the_day_the_applicant_received_the_notice():
    # Registered post signed 2025-09-19, due 10-23 (above). Notice sent Mon 09-29, received 09-30:
    # payment due 20 working days after 09-30: (1) 10-09 (3) Sat 10-11 (8) 10-17 (13) 10-24
    # (18) 10-31 (20) 11-04. Paid 10-09: pause 09-29..10-09 removes 09-30 and 10-09 = 2;
    # 10-23 + 2 = 10-27.
    events = [
        received("2025-09-19", "registered_post"),
        {"event": "fee_notice_sent", "date": "2025-09-29", "received_on": "2025-09-30"},
    ]
    assert run(events).deadlines.fee_payment_due == D("2025-11-04")
    assert run([*events, {"event": "fee_paid", "date": "2025-10-09"}]).due == D("2025-10-27")


# --- a whole case and today ---------------------------------------------------------------------


def test_the_done_when_path_correction_consultation_extension_reply():
    # Corrected 10-16 → due 11-13 (above). Third party 10-19..10-23 removes 10-20..10-23 = 4:
    # 11-13 + 4: 11-16 .. (4) 11-19. Extension 15 told 11-18: (1) 11-20 (6) 11-27 (11) 12-04
    # (15) 12-10. Replied 12-09: on time.
    result = run(
        [
            received("2026-09-28"),
            {"event": "correction_requested", "date": "2026-10-09"},
            {"event": "correction_received", "date": "2026-10-16"},
            {"event": "consultation_started", "date": "2026-10-19", "party": "第三方"},
            {"event": "consultation_ended", "date": "2026-10-23"},
            {"event": "extended", "date": "2026-11-18", "workdays": 15, "approver": "李主任"},
            {"event": "replied", "date": "2026-12-09", "outcome": "部分公开"},
        ]
    )
    assert result.status is ClockStatus.REPLIED
    assert result.due == D("2026-12-10")
    assert result.on_time is True
    dues = [s.data.get("due") for s in result.steps if s.data.get("due")]
    assert dues == [
        D("2026-10-30"),  # received
        D("2026-11-13"),  # restarted on the corrected request
        D("2026-11-19"),  # after the consultation
        D("2026-12-10"),  # extended
        D("2026-12-10"),  # the reply was due
    ]
    assert result.summary.endswith(
        "2026-11-18 延期 15 个工作日至 2026-12-10；2026-12-09 答复（答复期限 2026-12-10，按期）"
    )


def test_a_late_reply_says_by_how_many_working_days():
    # Due 10-30; replied Wed 11-04: 11-02, 11-03, 11-04 = 3 working days late.
    result = run([received("2026-09-28"), {"event": "replied", "date": "2026-11-04"}])
    assert result.on_time is False
    assert result.late_workdays == 3
    assert "超过答复期限 2026-10-30 3 个工作日" in result.steps[-1].text


@pytest.mark.parametrize(
    ("today", "status", "remaining"),
    [
        ("2026-09-28", ClockStatus.RUNNING, 20),
        ("2026-10-29", ClockStatus.RUNNING, 1),
        ("2026-10-30", ClockStatus.RUNNING, 0),
        ("2026-11-02", ClockStatus.OVERDUE, -1),
    ],
)
def test_today_shows_working_days_left_or_overdue(today, status, remaining):
    result = run([received("2026-09-28")], today=today)
    assert result.status is status
    assert result.remaining_workdays == remaining


def test_withdrawn_and_closed_end_the_case():
    assert run([received("2026-09-28"), {"event": "withdrawn", "date": "2026-10-09"}]).status == (
        ClockStatus.WITHDRAWN
    )
    closed = run(
        [
            received("2026-09-28"),
            {"event": "correction_requested", "date": "2026-10-09"},
            {"event": "closed", "date": "2026-11-02", "reason": "逾期未补正"},
        ]
    )
    assert closed.status is ClockStatus.CLOSED
    assert closed.abandoned_on == D("2026-10-29")
    assert [s.kind for s in closed.steps][-2:] == ["correction_abandoned", "closed"]

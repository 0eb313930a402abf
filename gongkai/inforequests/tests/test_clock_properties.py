"""Invariants of the clock on the real 2024–2026 arrangements, for any dates."""

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.core.workdays.seed import calendar_from_package
from gongkai.inforequests.clock import (
    ConsultationEnded,
    ConsultationKind,
    ConsultationStarted,
    Extended,
    FeeNoticeSent,
    FeePaid,
    Received,
    compute,
)

CAL = calendar_from_package(range(2024, 2027))
DAY = dt.timedelta(days=1)

# Receipts leave room for 20 + 20 working days and a month of pauses before 2027.
receipts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 6, 30))
offsets = st.integers(min_value=0, max_value=45)
lengths = st.integers(min_value=0, max_value=30)
extensions = st.integers(min_value=1, max_value=20)


def due_of(*events):
    return compute(list(events), CAL).due


def pause_events(kind, start, end):
    if kind == "fee":
        return [FeeNoticeSent(start), FeePaid(end)]
    return [ConsultationStarted(start, kind=ConsultationKind(kind)), ConsultationEnded(end)]


pause_kinds = st.sampled_from(["third_party", "agency", "fee"])


@given(receipts, offsets, lengths, pause_kinds)
def test_a_pause_never_makes_the_due_date_earlier(receipt, offset, length, kind):
    start = receipt + offset * DAY
    end = start + length * DAY
    if kind == "agency":
        # 条例第三十四条: an agency pause lasts at most 15 working days.
        assume(end <= CAL.add(start, 15))
    if kind == "fee":
        # 国办函〔2020〕109号: a fee is paid within 20 working days or not at all.
        assume(end <= CAL.add(start, 20))
    received = Received(receipt)
    plain = due_of(received)
    paused = due_of(received, *pause_events(kind, start, end))
    assert paused >= plain
    if start < plain:
        # ... and moves it by exactly its working days when it begins before the due date.
        assert CAL.between(plain, paused) == CAL.between(start, end)
    else:
        assert paused == plain


@given(receipts, offsets, extensions)
def test_an_extension_of_n_moves_the_due_date_by_exactly_n_working_days(receipt, offset, n):
    received = Received(receipt)
    plain = due_of(received)
    notice = receipt + offset * DAY
    assume(notice <= plain)
    extended = due_of(received, Extended(notice, workdays=n))
    assert CAL.between(plain, extended) == n
    assert extended == CAL.add(plain, n)


@given(
    receipts,
    st.lists(st.tuples(pause_kinds, st.integers(0, 10), st.integers(0, 12)), max_size=3),
    st.one_of(st.none(), extensions),
)
def test_the_due_date_is_always_a_working_day(receipt, pauses, extension):
    events = [Received(receipt)]
    day = receipt
    fee_used = False
    for kind, gap, length in pauses:
        if kind == "fee":
            if fee_used:
                continue
            fee_used = True
        start = day + gap * DAY
        end = start + length * DAY
        events += pause_events(kind, start, end)
        day = end
    if extension is not None:
        due = compute(events, CAL).due
        assume(day <= due)
        events.append(Extended(day, workdays=extension))
    result = compute(events, CAL)
    assert CAL.is_workday(result.due)
    assert result.due > receipt


@given(receipts, offsets, lengths)
def test_the_due_dates_in_the_steps_lead_to_the_result(receipt, offset, length):
    """The due date in the last step is the result's due date, and every step's due is a workday."""
    start = receipt + offset * DAY
    end = start + length * DAY
    result = compute([Received(receipt), *pause_events("third_party", start, end)], CAL)
    dues = [step.data["due"] for step in result.steps if step.data.get("due")]
    assert dues[-1] == result.due
    assert all(CAL.is_workday(due) for due in dues)
    assert dues == sorted(dues)

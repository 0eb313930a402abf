"""Totals beyond the exactly counted matches are estimates a reader can believe."""

import datetime as dt

import pytest

from gongkai.core.search import IndexEntry, SearchIndex, index, remove, search, services

EST = SearchIndex(name="test_estimate", filters={"unit": int})
LAST = dt.date(2024, 6, 30)


def entries(same_day: int, spread: int, word="营商环境"):
    out = [
        IndexEntry(key=f"d{i}", title=f"关于{word}的第{i}号通知", date=LAST)
        for i in range(same_day)
    ]
    out += [
        IndexEntry(
            key=f"s{i}", title=f"关于{word}的第{i}号意见", date=LAST - dt.timedelta(days=3 * i + 1)
        )
        for i in range(spread)
    ]
    return out


@pytest.mark.parametrize(("same_day", "spread"), [(40, 40), (0, 80), (75, 5)])
def test_estimated_totals_stay_near_the_truth(db, monkeypatch, same_day, spread):
    monkeypatch.setattr(services, "COUNT_EXACT", 10)
    index(EST, entries(same_day, spread))
    result = search(EST, "营商环境")
    assert not result.total_exact
    truth = same_day + spread
    assert truth / 2 <= result.total <= truth * 2, result.total


def test_the_estimate_follows_changes_to_the_index(db, monkeypatch):
    monkeypatch.setattr(services, "COUNT_EXACT", 10)
    index(EST, entries(0, 60))
    before = search(EST, "营商环境").total
    remove(EST, [f"s{i}" for i in range(20, 60)])
    after = search(EST, "营商环境").total
    assert after < before and after <= 40


def test_writes_adjust_the_cached_histogram_instead_of_counting_again(db):
    """At a million entries counting the histogram takes a quarter of a second; a write must
    not make the next search pay it. The adjusted histogram equals a fresh count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.core.search import estimate, ids

    index(EST, entries(5, 30))
    with connection.cursor() as cursor:
        number = ids.index_number(cursor, EST.name, create=False)
        estimate.histogram(cursor, number)  # counted and cached
    index(EST, [IndexEntry(key="new", title="新的营商环境通知", date=LAST + dt.timedelta(days=1))])
    remove(EST, ["s3", "s4", "d0"])
    index(EST, [IndexEntry(key="s5", title="改期的营商环境意见", date=dt.date(2020, 1, 2))])
    estimate.forget()
    with connection.cursor() as cursor, CaptureQueriesContext(connection) as queries:
        adjusted = estimate.histogram(cursor, number)
    assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    from django.core.cache import cache

    cache.clear()
    estimate.forget()
    with connection.cursor() as cursor:
        counted = estimate.histogram(cursor, number)
    assert adjusted.counts == counted.counts and adjusted.prefix == counted.prefix
    assert counted.entries(0, ids.MAX_DAY) == 5 + 30 + 1 - 3

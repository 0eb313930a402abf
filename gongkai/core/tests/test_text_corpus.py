"""Precision and recall of the scanner on the generated labelled corpus (issue 3, item 3)."""

import pytest

from gongkai.core.text import corpus, pii


@pytest.fixture(scope="module")
def scores():
    return corpus.evaluate(corpus.generate(2000, seed=20240601))


def test_overall_precision_and_recall(scores):
    overall = scores["overall"]
    assert overall["tp"] > 5000  # the corpus really plants thousands of findings
    assert overall["precision"] >= 0.98
    assert overall["recall"] >= 0.98


@pytest.mark.parametrize("kind", pii.KINDS)
def test_each_kind_is_planted_and_found(scores, kind):
    assert scores[kind]["tp"] >= 100
    assert scores[kind]["precision"] >= 0.95
    assert scores[kind]["recall"] >= 0.95


def test_the_corpus_is_reproducible_and_labels_point_at_planted_text():
    a, b = corpus.generate(50, seed=7), corpus.generate(50, seed=7)
    assert [d.text for d in a] == [d.text for d in b]
    assert [d.text for d in a] != [d.text for d in corpus.generate(50, seed=8)]
    for doc in a:
        for kind, start, end in doc.labels:
            assert kind in pii.KINDS
            assert doc.text[start:end].strip() == doc.text[start:end] != ""


def test_evaluate_counts_misses_and_false_alarms():
    doc = corpus.LabelledDocument("手机13800138000，日期2026-10-08", [("mobile", 2, 13)])
    assert corpus.evaluate([doc])["mobile"] == {
        "precision": 1.0, "recall": 1.0, "tp": 1, "fp": 0, "fn": 0,
    }  # fmt: skip
    missed = corpus.LabelledDocument("无号码", [("mobile", 0, 3)])
    wrong = corpus.LabelledDocument("手机13800138000", [])
    scores = corpus.evaluate([missed, wrong])
    assert scores["mobile"]["fn"] == 1
    assert scores["mobile"]["fp"] == 1
    assert scores["overall"]["precision"] == 0.0

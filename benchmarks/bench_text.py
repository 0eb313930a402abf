"""The text kernel: scanner precision/recall on the labelled corpus, and throughput figures."""

from __future__ import annotations

import time


def _best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def run() -> None:
    from gongkai.core.text import corpus, pii, segment
    from gongkai.core.text.docnumber import doc_number_query_forms, parse_doc_number

    docs = corpus.generate(2000, seed=20240601)
    texts = [d.text for d in docs]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    chars = sum(len(t) for t in texts)

    scores = corpus.evaluate(docs)
    print(f"pii scanner on {len(docs)} generated documents ({chars / 1e6:.2f} M characters):")
    print(f"  {'kind':<14}{'precision':>10}{'recall':>9}{'tp':>7}{'fp':>6}{'fn':>6}")
    for kind, s in scores.items():
        print(
            f"  {kind:<14}{s['precision']:>10.4f}{s['recall']:>9.4f}"
            f"{s['tp']:>7}{s['fp']:>6}{s['fn']:>6}"
        )
    seconds = _best_of(lambda: [pii.scan(t) for t in texts])
    print(f"pii.scan: {megabytes / seconds:.2f} MB/s ({len(texts) / seconds:.0f} documents/s)")

    segment.get_tokenizer()  # the one-off dictionary load is not throughput
    sample = texts[:400]
    sample_mb = sum(len(t.encode()) for t in sample) / 1e6
    seconds = _best_of(lambda: [segment.tokens(t) for t in sample], 2)
    print(f"segment.tokens (jieba words + bigrams): {sample_mb / seconds:.2f} MB/s")
    seconds = _best_of(lambda: [segment.tokens(t, with_words=False) for t in texts])
    print(f"segment.tokens (bigrams only): {megabytes / seconds:.2f} MB/s")
    queries = ["政务公开", "依申请公开 年度报告", "营商环境", "税", "12345热线 办理"] * 2000
    seconds = _best_of(lambda: [segment.query_tokens(q) for q in queries])
    print(f"segment.query_tokens: {seconds / len(queries) * 1e6:.1f} µs per query")

    numbers = ["渠府办〔2021〕54号", "冠政办发[2023]9号", "国办公开办函【2021】30号"] * 3000
    seconds = _best_of(lambda: [parse_doc_number(n) for n in numbers])
    print(f"parse_doc_number: {seconds / len(numbers) * 1e6:.1f} µs per number")
    loose = ["渠府办2021 54", "政务公开", "渠府办 2021 54号"] * 3000
    seconds = _best_of(lambda: [doc_number_query_forms(q) for q in loose])
    print(f"doc_number_query_forms: {seconds / len(loose) * 1e6:.1f} µs per query")


if __name__ == "__main__":
    run()

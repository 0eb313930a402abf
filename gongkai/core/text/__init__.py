"""Pure-text kernel: Chinese numerals, 发文字号, the secrecy/privacy scanner, segmentation.

No models and no database: every function here takes a string and returns plain values, so the
library, the search backends, the importers and the report parser can share one set of rules.

- `numerals`  — 中文数字 and the section markers of GB/T 9704-2012 (一、 （一） 1. （1）)
- `docnumber` — 发文字号 parsing and loose matching for search
- `pii`       — ID/phone/card/e-mail/secrecy-mark scanner with positions for in-place highlighting
- `corpus`    — a seeded labelled corpus and precision/recall evaluation of `pii`
- `segment`   — jieba segmentation with the 政务公开 domain dictionary, index and query tokens
"""

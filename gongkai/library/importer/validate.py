"""Checking one row: every problem is reported (row, column, what is wrong, how to fix it) in
Chinese, and a row without problems becomes a `Prepared` record ready to write.

Lookups (units, topics) are cached per import, so a million rows cost a handful of queries for
them; the check against documents already in the library is done per chunk by the service.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from gongkai.core.errors import GongkaiError
from gongkai.core.text.docnumber import parse_doc_number
from gongkai.library.models import Document, Topic
from gongkai.library.richtext import sanitise
from gongkai.orgs.models import Unit, UnitAlias
from gongkai.orgs.selectors import resolve_unit_name

from .columns import COLUMNS, DISCLOSURE, NO, VALIDITY, YES, cell_text, parse_date
from .plaintext import html_to_text
from .readers import Row

BODY_SUFFIXES = (".docx", ".pdf", ".txt")
TITLE_MAX = 300
SUMMARY_MAX = 100
KEYWORDS_MAX = 200
INDEX_NO_MAX = 80
REASON_MAX = 300


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    problem: str
    fix: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "problem": self.problem, "fix": self.fix}

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f"「{self.column}」" if self.column else "")
        return f"{where}：{self.problem}。{self.fix}"


@dataclass
class Prepared:
    row: int
    index_no: str
    fields: dict[str, Any] = field(default_factory=dict)
    search: tuple | None = None  # the search index's tokens, made ahead (importer.parallel)


# Parts of almost every unit's name, which say nothing about which unit is meant.
_COMMON_BIGRAMS = {"示范", "范县", "县人", "人民", "政府", "办公", "公室", "管理", "委员", "员会"}


def _fix(column: str) -> str:
    return "请" + COLUMNS[column][2] + "。" if column in COLUMNS else ""


class RowChecker:
    """Checks rows for one region and one folder of body files."""

    def __init__(self, region: Any, files_dir: Path | None, *, max_body_bytes: int):
        self.region = region
        self.files_dir = Path(files_dir).resolve() if files_dir else None
        self.max_body_bytes = max_body_bytes
        self._units: dict[str, Unit | None] = {}
        self._unit_names: list[str] | None = None
        self._topics: dict[str, Topic] | None = None
        self._topic_labels: list[str] = []
        self._bodies: dict[str, str] = {}
        self.today = timezone.localdate()

    # --- lookups --------------------------------------------------------------------------

    def unit(self, name: str) -> Unit | None:
        if name not in self._units:
            self._units[name] = resolve_unit_name(self.region, name)
        return self._units[name]

    def unit_suggestions(self, name: str) -> list[str]:
        if self._unit_names is None:
            names: list[str] = []
            for unit in Unit.objects.filter(region=self.region, is_active=True):
                names += [unit.name] + ([unit.short_name] if unit.short_name else [])
            names += list(
                UnitAlias.objects.filter(region=self.region).values_list("alias", flat=True)
            )
            self._unit_names = list(dict.fromkeys(names))
        close = difflib.get_close_matches(name, self._unit_names, n=3, cutoff=0.5)
        if not close:  # a shared core (“发改”, “教育”) finds what edit distance misses
            grams = {name[i : i + 2] for i in range(len(name) - 1)} - _COMMON_BIGRAMS
            scored = sorted(
                ((sum(g in n for g in grams), n) for n in self._unit_names), reverse=True
            )
            close = [n for score, n in scored if score >= 1][:3]
        # Only suggest what resolve_unit_name accepts, so that a suggestion always imports.
        return [n for n in close if self.unit(n) is not None]

    def _load_topics(self) -> None:
        topics: dict[str, Topic] = {}
        ambiguous: set[str] = set()
        for topic in Topic.objects.select_related("parent"):
            keys = [topic.code]
            if topic.parent_id:
                keys += [f"{topic.parent.name}/{topic.name}", f"{topic.parent.name}-{topic.name}"]
                if topic.name in topics and topics[topic.name].pk != topic.pk:
                    ambiguous.add(topic.name)
                keys.append(topic.name)
                self._topic_labels.append(f"{topic.parent.name}/{topic.name}")
            else:
                keys.append(topic.name)
                self._topic_labels.append(topic.name)
            for key in keys:
                topics.setdefault(key, topic)
        for name in ambiguous:  # “其他” is a sub-class of every class: say which
            topics.pop(name, None)
        self._topics = topics

    def topic(self, text: str) -> Topic | None:
        if self._topics is None:
            self._load_topics()
        key = "/".join(p.strip() for p in text.replace("／", "/").replace(">", "/").split("/"))
        return self._topics.get(key) or self._topics.get(text)  # type: ignore[union-attr]

    # --- the row --------------------------------------------------------------------------

    def check(self, row: Row, *, prepare: bool = True) -> tuple[Prepared | None, list[RowError]]:
        """Check a row; with ``prepare`` also sanitise its body for writing (the costly part,
        skipped by the first pass, which only needs to know the row is good)."""
        errors: list[RowError] = []

        def bad(column: str, problem: str, fix: str | None = None) -> None:
            errors.append(
                RowError(row.number, column, problem, _fix(column) if fix is None else fix)
            )

        if row.problem:
            bad("", row.problem, "请检查该行的格式，或重新导出文件。")
            return None, errors
        v = row.values
        text = {c: cell_text(v.get(c)) for c in COLUMNS if c not in ("成文日期", "发布日期")}
        out: dict[str, Any] = {}

        index_no = text["索引号"]
        if not index_no:
            bad("索引号", "索引号为空")
        elif len(index_no) > INDEX_NO_MAX:
            bad("索引号", f"索引号有 {len(index_no)} 个字符，超过 {INDEX_NO_MAX} 个")

        title = " ".join(text["标题"].split())
        if not title:
            bad("标题", "标题为空")
        elif len(title) > TITLE_MAX:
            bad(
                "标题",
                f"标题有 {len(title)} 个字，超过 {TITLE_MAX} 个",
                "请核对标题是否与正文混在一起。",
            )
        out["title"] = title

        out["doc_number"], out["issuer_code"], out["doc_year"], out["doc_serial"] = (
            "",
            "",
            None,
            None,
        )
        if text["发文字号"]:
            try:
                parsed = parse_doc_number(text["发文字号"])
            except GongkaiError as exc:
                bad("发文字号", f"“{text['发文字号']}”无法识别：{exc.message.rstrip('。')}")
            else:
                out["doc_number"] = parsed.canonical
                out["issuer_code"], out["doc_year"] = parsed.issuer_code, parsed.year
                out["doc_serial"] = parsed.number

        name = text["发布机构"]
        if not name:
            bad("发布机构", "发布机构为空")
        else:
            unit = self.unit(name)
            if unit is None:
                hints = self.unit_suggestions(name)
                bad(
                    "发布机构",
                    f"本县没有名为“{name}”的单位",
                    (f"是否是：{'、'.join(hints)}？" if hints else "")
                    + "请填写单位全称、简称或别名；单位的别名可在“单位与人员”中添加。",
                )
            else:
                out["unit_id"] = unit.pk

        written = self._date(v.get("成文日期"), "成文日期", bad, required=True)
        published = self._date(v.get("发布日期"), "发布日期", bad, required=False)
        if written and published and published < written:
            bad("发布日期", f"发布日期 {published} 早于成文日期 {written}", "请核对两个日期。")
        out["written_on"] = written
        out["published_on"] = published or written

        out["topic_id"] = None
        if text["主题分类"]:
            topic = self.topic(text["主题分类"])
            if topic is None:
                hints = difflib.get_close_matches(
                    text["主题分类"], self._topic_labels, n=3, cutoff=0.3
                )
                bad(
                    "主题分类",
                    f"没有“{text['主题分类']}”这个主题分类",
                    (f"是否是：{'、'.join(hints)}？" if hints else "")
                    + "请按“大类/小类”填写，如 综合政务/政务公开；"
                    "小类名称重复（如“其他”）时须写大类。",
                )
            else:
                out["topic_id"] = topic.pk

        genre = text["体裁"]
        if not genre:
            genre = next((g for g in Document.Genre.values if title.endswith(g)), "其他")
        if genre not in Document.Genre.values:
            bad(
                "体裁",
                f"没有“{genre}”这种体裁",
                f"请填写以下之一：{'、'.join(Document.Genre.values)}。",
            )
        out["genre"] = genre

        keywords = " ".join(
            text["主题词"].replace("；", " ").replace(";", " ").replace("，", " ").split()
        )
        if len(keywords) > KEYWORDS_MAX:
            bad("主题词", f"主题词有 {len(keywords)} 个字，超过 {KEYWORDS_MAX} 个")
        out["keywords"] = keywords

        validity = VALIDITY.get(text["有效性"] or "现行有效")
        if validity is None:
            bad("有效性", f"“{text['有效性']}”不是有效性的取值")
        out["validity"] = validity or "valid"

        disclosure = DISCLOSURE.get(text["公开属性"] or "主动公开")
        if disclosure is None:
            bad("公开属性", f"“{text['公开属性']}”不是公开属性的取值")
        reason = text["不公开理由"]
        if disclosure and disclosure != "proactive" and not reason:
            # 国办发〔2016〕80号: not disclosing proactively needs a stated legal reason.
            bad("不公开理由", f"公开属性为“{text['公开属性']}”，但没有写不公开理由")
        if len(reason) > REASON_MAX:
            bad("不公开理由", f"不公开理由超过 {REASON_MAX} 个字")
        out["disclosure"] = disclosure or "proactive"
        out["disclosure_reason"] = reason if out["disclosure"] != "proactive" else ""

        summary = " ".join(text["摘要"].split())
        if len(summary) > SUMMARY_MAX:
            bad(
                "摘要",
                f"摘要有 {len(summary)} 个字，超过 {SUMMARY_MAX} 个",
                "请精简到 100 字以内。",
            )
        out["summary"] = summary

        normative = text["行政规范性文件"].lower()
        if normative not in YES | NO:
            bad("行政规范性文件", f"“{text['行政规范性文件']}”应为“是”或“否”")
        out["is_normative"] = normative in YES

        start = self._date(v.get("施行日期"), "施行日期", bad, required=False, future_ok=True)
        until = self._date(v.get("有效期至"), "有效期至", bad, required=False, future_ok=True)
        if start and until and until < start:
            bad("有效期至", f"有效期至 {until} 早于施行日期 {start}")
        out["effective_from"], out["effective_until"] = start, until

        body_html = ""
        if text["正文文件"]:
            body_html = self._body_file(text["正文文件"], bad)
        elif text["正文"]:
            body_html = as_html(text["正文"])
        elif out["disclosure"] == "proactive":
            bad(
                "正文文件",
                "没有正文：正文文件和正文都为空",
                "请在“正文文件”列填写正文文件夹中的文件名（.docx、.pdf 或 .txt）。",
            )
        if body_html and prepare:
            out["body"] = sanitise(body_html)
            out["body_text"] = html_to_text(out["body"])
        else:
            out["body"] = out["body_text"] = ""

        if errors:
            return None, errors
        return Prepared(row=row.number, index_no=index_no, fields=out), []

    def _date(self, raw, column, bad, *, required: bool, future_ok: bool = False) -> dt.date | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                bad(column, f"{column}为空")
            return None
        try:
            value = parse_date(raw)
        except ValueError as exc:
            bad(column, str(exc))
            return None
        if not future_ok and value > self.today:
            bad(column, f"{column} {value} 晚于今天", "请核对年份是否写错。")
            return None
        if value.year < 1949:
            bad(column, f"{column} {value} 早于 1949 年")
            return None
        return value

    def _body_file(self, name: str, bad) -> str:
        if name in self._bodies:
            return self._bodies[name]
        if self.files_dir is None:
            bad(
                "正文文件",
                f"填写了正文文件“{name}”，但没有提供正文文件夹",
                "请用 --files 指定正文文件所在的文件夹（网页导入时上传正文文件的 .zip 压缩包）。",
            )
            return ""
        path = (self.files_dir / name).resolve()
        if self.files_dir not in path.parents:
            bad("正文文件", f"“{name}”不在正文文件夹中", "请只填写文件名，不要填写路径。")
            return ""
        if not path.is_file():
            bad(
                "正文文件",
                f"正文文件夹中没有“{name}”",
                "请核对文件名（包括扩展名 .docx/.pdf），或把该文件放入正文文件夹。",
            )
            return ""
        if path.suffix.lower() not in BODY_SUFFIXES:
            bad(
                "正文文件",
                f"“{name}”的类型（{path.suffix or '无扩展名'}）不能作为正文",
                "请使用 Word（.docx）、PDF 或纯文本（.txt）文件；旧版 .doc 请另存为 .docx。",
            )
            return ""
        size = path.stat().st_size
        if size > self.max_body_bytes:
            bad(
                "正文文件",
                f"“{name}”太大（{size / 1024 / 1024:.1f} MB）",
                f"正文文件不能超过 {self.max_body_bytes // 1024 // 1024} MB，"
                "请压缩图片或拆分后再导入。",
            )
            return ""
        from gongkai.core.files import extract

        try:
            text = extract(path, name).text
        except GongkaiError as exc:
            bad(
                "正文文件",
                f"“{name}”无法读取：{exc.message.rstrip('。')}",
                "请另存为 .docx 或文字版 PDF 后再导入。",
            )
            return ""
        except Exception:  # a damaged file may break the reader in ways it does not foresee
            bad(
                "正文文件",
                f"“{name}”无法读取，文件可能已损坏",
                "请重新导出为 .docx 或 PDF 后再导入。",
            )
            return ""
        body = as_html(text)
        if len(self._bodies) < 5000:
            self._bodies[name] = body
        return body


def as_html(text: str) -> str:
    """Body text as HTML: HTML stays as it is (sanitised later); plain text becomes paragraphs."""
    stripped = text.lstrip()
    if stripped.startswith("<") and ">" in stripped[:200]:
        return text
    paragraphs = [" ".join(p.split()) for p in text.splitlines()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)

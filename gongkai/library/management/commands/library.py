"""`gongkai library ...`: the policy library from the shell.

gongkai library search "QUERY" [--unit CODE] [--topic T] [--from DATE] [--to DATE]
                               [--region CODE] [--page N] [--per-page N] [--sort date] [--json]
    The same search as the portal (gongkai.library.public.query.library_search), so that it can be
    scripted and checked: with --json it prints {"total", "hits": [{索引号, 标题, 发文字号,
    发布日期, snippet}]}.

gongkai library reindex
    Rebuild the full-text index from the public documents (after a bulk load without the worker,
    or to repair it); prints progress and the rate.

Each subcommand is a `do_<name>` method; add new ones in `add_arguments` and below.
"""

from __future__ import annotations

import json
import re
from html import unescape as unescape_entities

from django.core.management.base import CommandError, CommandParser
from django.utils.html import strip_tags

from gongkai.core.commands import ChineseCommand, ChineseParser
from gongkai.orgs.models import Region


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape_entities(strip_tags(str(html)))).strip()


class Command(ChineseCommand):
    help = "政策文件库：search（全文检索）/ reindex（重建检索索引）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="子命令", parser_class=ChineseParser)
        sub.required = True
        search = sub.add_parser("search", help="全文检索公开的政策文件（与门户网站的检索相同）")
        search.add_argument("query", metavar="检索词", help='词语、"短语"、-排除词或发文字号')
        search.add_argument("--unit", default="", metavar="单位代码", help="发布机构的单位代码")
        search.add_argument("--topic", default="", metavar="分类", help="主题分类代码或名称")
        search.add_argument("--genre", default="", metavar="体裁", help="如 通知、办法")
        search.add_argument("--validity", default="", help="valid / amended / repealed / expired")
        search.add_argument("--from", dest="date_from", default="", metavar="开始日期")
        search.add_argument("--to", dest="date_to", default="", metavar="结束日期")
        search.add_argument("--region", default="", metavar="区域代码", help="默认第一个区域")
        search.add_argument("--sort", default="", choices=["", "relevance", "date"])
        search.add_argument("--page", default="1", metavar="页码")
        search.add_argument("--per-page", dest="per_page", default="20", metavar="每页条数")
        search.add_argument("--json", action="store_true", help="以 JSON 输出")
        sub.add_parser("reindex", help="按公开文件重建全文检索索引")

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['action']}")(options)

    # --- search -----------------------------------------------------------------------------

    def do_search(self, options) -> None:
        from gongkai.library.public.query import LibraryParams, library_search

        region = self._region(options["region"])
        try:
            per_page = int(options["per_page"])
            page = int(options["page"])
        except ValueError:
            raise CommandError("--page 和 --per-page 应为整数。") from None
        params = LibraryParams.from_mapping(
            {
                "q": options["query"],
                "unit": options["unit"],
                "topic": options["topic"],
                "genre": options["genre"],
                "validity": options["validity"],
                "from": options["date_from"],
                "to": options["date_to"],
                "sort": options["sort"],
                "page": page,
            }
        )
        if not params.q:
            from gongkai.core.search import EMPTY_MESSAGE

            raise CommandError(EMPTY_MESSAGE)
        outcome = library_search(region, params, per_page=per_page, with_facets=False)
        if outcome.error:
            raise CommandError(outcome.error)
        hits = [
            {
                "索引号": item.document.index_no,
                "标题": item.document.title,
                "发文字号": item.document.doc_number,
                "发布日期": item.document.published_on.isoformat()
                if item.document.published_on
                else None,
                "snippet": _plain(item.snippet_html),
            }
            for item in outcome.items
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps({"total": outcome.total, "hits": hits}, ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(f"共找到 {outcome.total} 件（第 {outcome.page}/{outcome.pages} 页）")
        for n, hit in enumerate(hits, start=outcome.first_index):
            number = f"　{hit['发文字号']}" if hit["发文字号"] else ""
            self.stdout.write(f"{n}. {hit['标题']}{number}　{hit['发布日期']}　{hit['索引号']}")
            if hit["snippet"]:
                self.stdout.write(f"   {hit['snippet']}")

    # --- reindex ----------------------------------------------------------------------------

    def do_reindex(self, options) -> None:
        from gongkai.library.search_index import reindex_library

        def progress(p) -> None:
            self.stderr.write(f"已处理 {p.done} 件，{p.rate:.0f} 件/秒", ending="\r")

        result = reindex_library(progress=progress)
        self.stderr.write("")
        self.stdout.write(
            f"检索索引已重建：公开文件 {result.done} 件，更新 {result.changed} 条，"
            f"用时 {result.seconds:.1f} 秒。"
        )

    def _region(self, code: str) -> Region:
        from gongkai.core.errors import GongkaiError
        from gongkai.orgs.selectors import region_by_code

        try:
            return region_by_code(code)
        except GongkaiError as exc:
            raise CommandError(str(exc)) from None

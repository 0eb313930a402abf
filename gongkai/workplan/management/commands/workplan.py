"""`gongkai workplan parse FILE [--region CODE] --json`: read a work plan, print it, save nothing.
`gongkai workplan import FILE --region CODE [--year Y]`: save it for the office's review.

Without --region the unit names are printed as the plan writes them; with --region they are
matched to the region's units (canonical names), and names that match nothing are listed in
each task's units_unresolved for the office to map.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.errors import GongkaiError


def _matcher_for_region(code: str):
    from gongkai.orgs.models import Region, UnitAlias
    from gongkai.workplan.parsing import UnitMatcher, UnitRecord

    region = Region.objects.filter(code=code).first()
    if region is None:
        raise CommandError(
            f"没有代码为“{code}”的行政区域。请先运行 gongkai demo load，或检查区域代码。"
        )
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in UnitAlias.objects.filter(region=region).values_list("unit_id", "alias"):
        aliases.setdefault(unit_id, []).append(alias)
    units = [
        UnitRecord(
            name=u.name,
            short_name=u.short_name,
            aliases=tuple(aliases.get(u.id, ())),
            kind=u.kind,
            code=u.code,
        )
        for u in region.units.filter(is_active=True).order_by("sort", "id")
    ]
    return UnitMatcher(units, region_names=[region.short_name, region.name])


class Command(BaseCommand):
    help = "工作要点台账：parse（解析并输出，不保存）；import（保存为待审核的台账）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="子命令")
        sub.required = True
        parse = sub.add_parser(
            "parse", help="解析工作要点（.docx/.pdf/.txt），输出标题、文号和任务，不保存"
        )
        parse.add_argument("file", metavar="FILE")
        parse.add_argument("--region", metavar="CODE", help="按该区域的单位匹配责任单位")
        parse.add_argument("--year", type=int, help="计划年度（默认从标题或日期读出）")
        parse.add_argument("--json", action="store_true", help="输出 JSON")
        imp = sub.add_parser("import", help="导入工作要点并保存为待审核的台账（不派发待办）")
        imp.add_argument("file", metavar="FILE")
        imp.add_argument("--region", metavar="CODE", required=True, help="行政区域代码")
        imp.add_argument("--year", type=int, help="计划年度（默认从标题或日期读出）")

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_parse(self, options) -> None:
        from gongkai.workplan.parsing import parse_file, resolve_units

        try:
            plan = parse_file(options["file"], year=options["year"])
        except GongkaiError as exc:
            raise CommandError(exc.message) from None
        if options["region"]:
            resolve_units(plan, _matcher_for_region(options["region"]))
        data = plan.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{data['title'] or '（无标题）'}  {data['doc_number']}  {data['issuer']}"
        )
        self.stdout.write(f"年度：{data['year'] or '未知'}  任务：{len(data['tasks'])}项")
        for n, task in enumerate(data["tasks"], start=1):
            units = "、".join(task["lead_units"]) or "（待指定）"
            due = task["due"] or task["due_text"] or "—"
            self.stdout.write(
                f"{n:>3}. {' / '.join(task['path'])}｜{task['text'][:40]}｜{units}｜{due}"
            )
            if task["units_unresolved"]:
                self.stdout.write(f"     未匹配单位：{'、'.join(task['units_unresolved'])}")

    def do_import(self, options) -> None:
        from pathlib import Path

        from django.urls import reverse

        from gongkai.orgs.models import Region
        from gongkai.workplan.models import TaskAssignment
        from gongkai.workplan.services import plan_import

        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(f"没有代码为“{options['region']}”的行政区域。")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError:
            raise CommandError(f"无法读取文件 {path}。") from None
        try:
            plan = plan_import(
                actor=None, region=region, data=data, filename=path.name, year=options["year"]
            )
        except GongkaiError as exc:
            raise CommandError(exc.message) from None
        tasks = plan.tasks.count()
        parts = TaskAssignment.objects.filter(task__plan=plan, unit__isnull=False).count()
        unresolved = list(plan.unresolved.values_list("name", flat=True))
        self.stdout.write(
            f"已保存待审核：{plan.title}（{plan.year}年度，{plan.doc_number or '无文号'}）"
        )
        self.stdout.write(f"任务 {tasks} 项，落实到单位 {parts} 项次。")
        if unresolved:
            self.stdout.write(f"未匹配单位名称 {len(unresolved)} 个：{'、'.join(unresolved)}")
        for warning in plan.warnings:
            self.stdout.write(f"提示：{warning}")
        review = reverse("workspace:workplan:review", kwargs={"pk": plan.pk})
        prefix = f"/{region.path_prefix}" if region.path_prefix else ""
        self.stdout.write(f"请在工作台审核后发布：{prefix}{review}")

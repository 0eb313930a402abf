"""A base for `gongkai` subcommands whose argument errors are in Chinese.

argparse words its complaints in English; a county clerk running `gongkai workdays` should read
what was wrong and where to look, in Chinese. Commands subclass `ChineseCommand` and pass
`parser_class=ChineseParser` to `add_subparsers`.
"""

from __future__ import annotations

import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

_ARGPARSE_ZH = [
    (r"the following arguments are required: (.*)", "缺少参数：{0}。用法见 {prog} -h"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}。用法见 {prog} -h"),
    (r"argument .*: invalid choice: (\S+).*", "没有子命令 {0}。用法见 {prog} -h"),
    (r"one of the arguments (.*) is required", "需要以下参数之一：{0}"),
    (r"argument (\S+): not allowed with argument (\S+)", "参数 {0} 与 {1} 不能同时使用"),
    (r"argument (\S+): invalid int value: (.*)", "参数 {0} 应为整数，收到的是 {1}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面缺少取值"),
]


def chinese_argparse_message(message: str, prog: str) -> str:
    for pattern, text in _ARGPARSE_ZH:
        match = re.fullmatch(pattern, message)
        if match:
            return text.format(*match.groups(), prog=prog)
    return message


class ChineseParser(CommandParser):
    """argparse's own complaints, in Chinese."""

    def error(self, message):
        top = self.prog.split(" ")
        prog = " ".join(["gongkai", *top[1:2]]) if len(top) > 1 else self.prog
        text = chinese_argparse_message(message, prog)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: 错误：{text}\n")
        raise CommandError(text)


class ChineseCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = ChineseParser
        return parser

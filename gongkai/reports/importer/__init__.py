"""Import of past annual reports (issue 6, item 5): pasted text or a file → the form's structure.

    from gongkai.reports.importer import report_parse
    parsed = report_parse(path="2023年报.docx")      # or report_parse(text=pasted)
    parsed.format, parsed.year, parsed.sections["section3"], parsed.findings
    parsed.as_json()   # what `gongkai report import FILE --json` prints

Both formats are read: 国办公开办函〔2021〕30号 and the 2019 trial format
(国办公开办函〔2019〕60号), told apart by their column labels and by whether （六）其他处理 has
sub-rows. Nothing is saved.

Modules: ``reading`` (file → text), ``layout`` (headings, title, year, format), ``tokens`` (table
text → labels and numbers), ``tables`` (the form's rows walked in order), ``parse`` (the result).
"""

from .parse import ParsedReport, report_parse

__all__ = ["ParsedReport", "report_parse"]

"""Bulk import of documents (issue 3 item 8): .xlsx/.csv metadata plus body files, or JSON Lines.

    from gongkai.library.importer.services import library_import, ImportRejected
    report = library_import(actor=user, region=region, path="台账.xlsx", files_dir="正文/",
                            dry_run=True)   # report.errors: RowError(row, column, problem, fix)

Command line: `gongkai library_import FILE [--files DIR] --region CODE [--dry-run]`.
Back office: /workspace/library/import/ (upload, check, confirm; progress polled by htmx).
Export in the same format: `records.export_jsonl(documents, stream)`.
"""

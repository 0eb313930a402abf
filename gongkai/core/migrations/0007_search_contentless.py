"""gongkai.core.search at a million documents (ADR 0011).

SQLite: the FTS5 index becomes contentless, with the ASCII tokenizer. An ordinary FTS5 table keeps
a copy of what it was given — here the space-joined bigram tokens, about three times the size of
the text and half of the whole database at 100,000 documents — although the original text is
already kept in core_searchtext. `content=''` drops that copy; rows are removed with FTS5's
'delete' command and the tokens made again from core_searchtext. The tokens are cut, lower-cased
and space-separated before FTS5 sees them, so the `ascii` tokenizer (which splits on ASCII
spaces and keeps every other character) gives the same terms as `unicode61` at less cost.

PostgreSQL: each tsvector also holds lexemes for its index, month and filter values, so that
one GIN scan answers words, filters and a time window (gongkai.core.search.backends); the B-tree
indexes on the filter columns, which only tempted the planner into reading tsvectors row by row,
are dropped.

Both rebuild the index from the stored rows.
"""

from django.db import migrations

FILTERS = [
    *(f"f_int{i}" for i in range(1, 5)),
    *(f"f_str{i}" for i in range(1, 5)),
    *(f"f_bool{i}" for i in range(1, 3)),
]
NEW = (
    "CREATE VIRTUAL TABLE core_searchfts USING fts5("
    "title, doc_number, body, meta, content='', tokenize='ascii')"
)
OLD = (
    "CREATE VIRTUAL TABLE core_searchfts USING fts5("
    "title, doc_number, body, meta, tokenize = 'unicode61 remove_diacritics 0')"
)
RANK = "INSERT INTO core_searchfts (core_searchfts, rank) VALUES ('rank', 'bm25(10.0, 10.0, 1.0, 0.0)')"


def forwards(apps, schema_editor):
    from gongkai.core.search.backends import rebuild_fts, rebuild_pg

    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS core_searchfts")
        schema_editor.execute(NEW)
        schema_editor.execute(RANK)
        with schema_editor.connection.cursor() as cursor:
            rebuild_fts(cursor)
    elif vendor == "postgresql":
        for name in FILTERS:
            schema_editor.execute(f"DROP INDEX IF EXISTS core_searchdoc_{name}")
        with schema_editor.connection.cursor() as cursor:
            rebuild_pg(cursor)


def backwards(apps, schema_editor):
    from gongkai.core.search.backends import rebuild_fts

    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS core_searchfts")
        schema_editor.execute(OLD)
        schema_editor.execute(RANK)
        with schema_editor.connection.cursor() as cursor:
            rebuild_fts(cursor, delete_all=False)
    elif vendor == "postgresql":
        for name in FILTERS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS core_searchdoc_{name} ON core_searchdoc (index_name, {name})"
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_search")]

    operations = [migrations.RunPython(forwards, backwards)]

"""SQLite: the FTS5 index of gongkai.core.search becomes contentless, with the ASCII tokenizer.

An ordinary FTS5 table keeps a copy of what it was given — here the space-joined bigram tokens,
about three times the size of the text and half of the whole database at 100,000 documents —
although the original text is already kept in core_searchtext. `content=''` drops that copy;
rows are removed with FTS5's 'delete' command and the tokens made again from core_searchtext
(gongkai.core.search.backends). The tokens are cut, lower-cased and space-separated before FTS5
sees them, so the `ascii` tokenizer (which splits on ASCII spaces and keeps every other
character) gives the same terms as `unicode61` at less cost.

The index is rebuilt from the stored rows; nothing changes on PostgreSQL.
"""

from django.db import migrations

NEW = (
    "CREATE VIRTUAL TABLE core_searchfts USING fts5("
    "title, doc_number, body, meta, content='', tokenize='ascii')"
)
OLD = (
    "CREATE VIRTUAL TABLE core_searchfts USING fts5("
    "title, doc_number, body, meta, tokenize = 'unicode61 remove_diacritics 0')"
)
RANK = "INSERT INTO core_searchfts (core_searchfts, rank) VALUES ('rank', 'bm25(10.0, 10.0, 1.0, 0.0)')"


def _recreate(schema_editor, create):
    if schema_editor.connection.vendor != "sqlite":
        return
    from gongkai.core.search.backends import rebuild_fts

    schema_editor.execute("DROP TABLE IF EXISTS core_searchfts")
    schema_editor.execute(create)
    schema_editor.execute(RANK)
    with schema_editor.connection.cursor() as cursor:
        rebuild_fts(cursor, delete_all=create == NEW)


def forwards(apps, schema_editor):
    _recreate(schema_editor, NEW)


def backwards(apps, schema_editor):
    _recreate(schema_editor, OLD)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_search")]

    operations = [migrations.RunPython(forwards, backwards)]

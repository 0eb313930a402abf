# ruff: noqa: E501  (SQL statements read better unbroken)
"""Storage for gongkai.core.search: vendor-specific, hence hand-written SQL.

- core_searchname: a small number per index name (part of every row id, see below).
- core_searchdoc: one narrow row per indexed entry (index name, the app's key, the normalised
  发文字号 key, the date, typed filter columns). Narrow so that joins and facet counts over
  hundreds of thousands of matches stay in the page cache.
- core_searchtext: the original title, 发文字号 and body, read only for the hits on the page
  (highlighting is done from them, identically on both backends).
- Row ids are not a sequence: id = index number << 39 | day of the date << 22 | serial, so ids
  sort by (index, date). Restricting to one index and a date range is then a rowid range, which
  FTS5 and the B-tree answer without reading other rows, and "newest first" is the id order
  (gongkai.core.search.ids).
- SQLite: core_searchfts, an FTS5 table over the space-joined segment tokens (rowid = doc id;
  the `meta` column holds filter tokens so filtered queries are answered inside the inverted
  index). The tokens are already cut by Python, so FTS5's unicode61 tokenizer only splits them
  on spaces.
- PostgreSQL: a weighted `tsvector` column (title A, 发文字号 A, body C) with a GIN index, built
  from the same tokens, plus B-tree indexes on the filter columns for bitmap-AND with the GIN.
"""

from django.db import migrations

FILTERS = [
    *(f"f_int{i} bigint NULL" for i in range(1, 5)),
    *(f"f_str{i} varchar(120) NULL" for i in range(1, 5)),
    *(f"f_bool{i} boolean NULL" for i in range(1, 3)),
]
FILTER_NAMES = [f.split()[0] for f in FILTERS]

COMMON = """
    index_name varchar(64) NOT NULL,
    key varchar(255) NOT NULL,
    doc_key varchar(120) NOT NULL DEFAULT '',
    date date NULL,
    digest varchar(40) NOT NULL,
    {filters}
"""

SQLITE = [
    "CREATE TABLE core_searchname (id integer NOT NULL PRIMARY KEY, name varchar(64) NOT NULL UNIQUE)",
    "CREATE TABLE core_searchdoc (id integer NOT NULL PRIMARY KEY,"
    + COMMON.format(filters=", ".join(FILTERS))
    + ")",
    "CREATE TABLE core_searchtext (id integer NOT NULL PRIMARY KEY, title text NOT NULL,"
    " doc_number text NOT NULL, body text NOT NULL)",
    "CREATE UNIQUE INDEX core_searchdoc_key ON core_searchdoc (index_name, key)",
    "CREATE INDEX core_searchdoc_dockey ON core_searchdoc (index_name, doc_key)"
    " WHERE doc_key <> ''",
    "CREATE INDEX core_searchdoc_date ON core_searchdoc (index_name, date, id)",
    "CREATE VIRTUAL TABLE core_searchfts USING fts5("
    "title, doc_number, body, meta, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO core_searchfts (core_searchfts, rank) VALUES ('rank', 'bm25(10.0, 10.0, 1.0, 0.0)')",
]

POSTGRES = [
    "CREATE TABLE core_searchname (id integer NOT NULL PRIMARY KEY, name varchar(64) NOT NULL UNIQUE)",
    "CREATE TABLE core_searchdoc (id bigint NOT NULL PRIMARY KEY,"
    + COMMON.format(filters=", ".join(FILTERS))
    + ", tsv tsvector NOT NULL)",
    "CREATE TABLE core_searchtext (id bigint NOT NULL PRIMARY KEY"
    " REFERENCES core_searchdoc (id) ON DELETE CASCADE,"
    " title text NOT NULL, doc_number text NOT NULL, body text NOT NULL)",
    "CREATE UNIQUE INDEX core_searchdoc_key ON core_searchdoc (index_name, key)",
    "CREATE INDEX core_searchdoc_dockey ON core_searchdoc (index_name, doc_key)"
    " WHERE doc_key <> ''",
    "CREATE INDEX core_searchdoc_date ON core_searchdoc (index_name, date, id)",
    "CREATE INDEX core_searchdoc_tsv ON core_searchdoc USING gin (tsv)",
    *(
        f"CREATE INDEX core_searchdoc_{name} ON core_searchdoc (index_name, {name})"
        for name in FILTER_NAMES
    ),
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = SQLITE
    elif vendor == "postgresql":
        statements = POSTGRES
    else:
        raise RuntimeError(f"gongkai.core.search supports SQLite and PostgreSQL, not {vendor}")
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for table in ("core_searchfts", "core_searchtext", "core_searchdoc", "core_searchname"):
        if table == "core_searchfts" and schema_editor.connection.vendor != "sqlite":
            continue
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_seed_calendar")]

    operations = [migrations.RunPython(create, drop)]

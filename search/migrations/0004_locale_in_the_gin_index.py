"""The locale goes into the full-text index (issue 21): one GIN index over (locale_id, vector).

At a county's size a common word matches thousands of rows in each of the three language trees. With the
tsvector alone in the GIN index and the locale in a separate b-tree, PostgreSQL read every row of the locale
through the b-tree and tested the tsvector of each (decompressing it: 22,000 buffers for one search at 8,000
rows a locale), or scanned the table. With both columns in one GIN index (btree_gin, a trusted extension since
PostgreSQL 13: the database's owner may create it) the index gives exactly the rows of this locale that hold
the words, and their tsvectors are not read again. The b-tree on locale_id alone goes (the planner preferred
it, and no query needs it), and so does the GIN index on the tsvector alone (a multi-column GIN index serves a
query on any of its columns; one index less to write on every page save). The page's FK index goes too: it
doubled Meta's portal_search_doc_page. SQLite: the same b-trees go; its FTS5 table is unchanged (the table is
not rebuilt: no AlterField touches it).
"""

from django.db import migrations, models

TABLE = "portal_search_searchdocument"
LOCALE_INDEX = "portal_search_searchdocument_locale_id_da3b5a6d"  # Django's names for the FKs' indexes
PAGE_INDEX = "portal_search_searchdocument_page_id_15a05050"  # the same as Meta's portal_search_doc_page
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    f"CREATE INDEX portal_search_doc_locale_vector ON {TABLE} USING gin (locale_id, vector)",
    "DROP INDEX IF EXISTS portal_search_doc_vector",
    f"DROP INDEX IF EXISTS {LOCALE_INDEX}",
    f"DROP INDEX IF EXISTS {PAGE_INDEX}",
    f"ANALYZE {TABLE}",
]
POSTGRES_REVERSE = [
    f"CREATE INDEX IF NOT EXISTS {PAGE_INDEX} ON {TABLE} (page_id)",
    f"CREATE INDEX IF NOT EXISTS {LOCALE_INDEX} ON {TABLE} (locale_id)",
    f"CREATE INDEX IF NOT EXISTS portal_search_doc_vector ON {TABLE} USING gin (vector)",
    "DROP INDEX IF EXISTS portal_search_doc_locale_vector",
]
SQLITE = [f"DROP INDEX IF EXISTS {LOCALE_INDEX}", f"DROP INDEX IF EXISTS {PAGE_INDEX}"]
SQLITE_REVERSE = [
    f"CREATE INDEX IF NOT EXISTS {LOCALE_INDEX} ON {TABLE} (locale_id)",
    f"CREATE INDEX IF NOT EXISTS {PAGE_INDEX} ON {TABLE} (page_id)",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_search_synonym"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        # The state only: an AlterField would rebuild the table on SQLite and drop its FTS5 triggers.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="page",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.page",
                    ),
                ),
                migrations.AlterField(
                    model_name="searchdocument",
                    name="locale",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
                    _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
                ),
            ],
        ),
    ]

import django.db.models.deletion
from django.db import migrations, models

TABLE = "portal_search_searchdocument"
FTS = "portal_search_fts"
COLUMNS = "title_terms, body_terms, context_terms"

SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, new.title_terms, new.body_terms, new.context_terms); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms, old.context_terms); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms, old.context_terms); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, new.title_terms, new.body_terms, new.context_terms); END",
]
SQLITE_REVERSE = [f"DROP TRIGGER {FTS}_au", f"DROP TRIGGER {FTS}_ad", f"DROP TRIGGER {FTS}_ai", f"DROP TABLE {FTS}"]

# Title words weigh A, text B, context C: ts_filter() keeps A and B to require a word outside the context.
POSTGRES = [
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, context_terms), 'C')) STORED",
    f"CREATE INDEX portal_search_doc_vector ON {TABLE} USING gin (vector)",
]
POSTGRES_REVERSE = ["DROP INDEX portal_search_doc_vector", f"ALTER TABLE {TABLE} DROP COLUMN vector"]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=200, unique=True)),
                ("kind", models.CharField(max_length=30)),
                ("anchor", models.CharField(blank=True, max_length=200)),
                ("path", models.CharField(max_length=255)),
                ("villages", models.CharField(blank=True, max_length=500)),
                ("village_name", models.CharField(blank=True, max_length=200)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("date", models.DateField(blank=True, null=True)),
                ("expires", models.DateField(blank=True, null=True)),
                ("title", models.TextField()),
                ("body", models.TextField(blank=True)),
                ("title_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
                ("context_terms", models.TextField(blank=True)),
                ("group", models.CharField(blank=True, max_length=200)),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.locale"
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.page"
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["page"], name="portal_search_doc_page")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]

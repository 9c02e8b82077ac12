"""Title pinyin and the text's language on every index row (issue 22).

On SQLite adding a column rebuilds the table, which drops the FTS5 triggers (see migration 0001): the FTS
table is made again with the pinyin column, its triggers recreated and its content rebuilt. On PostgreSQL
the generated tsvector gains the pinyin as weight D. Existing rows get their pinyin from their stored title
words and their language from their page, so no `update_index` is needed.
"""

from django.conf import settings
from django.db import migrations, models

TABLE = "portal_search_searchdocument"
FTS = "portal_search_fts"
OLD_COLUMNS = "title_terms, body_terms, context_terms"
COLUMNS = "title_terms, body_terms, context_terms, pinyin_terms"
NEW = "new.title_terms, new.body_terms, new.context_terms, new.pinyin_terms"
OLD = "old.title_terms, old.body_terms, old.context_terms, old.pinyin_terms"


def _fts(columns: str, new: str, old: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {FTS}_ai",
        f"DROP TRIGGER IF EXISTS {FTS}_ad",
        f"DROP TRIGGER IF EXISTS {FTS}_au",
        f"DROP TABLE IF EXISTS {FTS}",
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({columns}, content='{TABLE}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN INSERT INTO {FTS}(rowid, {columns}) "
        f"VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN INSERT INTO {FTS}({FTS}, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN INSERT INTO {FTS}({FTS}, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); INSERT INTO {FTS}(rowid, {columns}) VALUES (new.id, {new}); END",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]


SQLITE = _fts(COLUMNS, NEW, OLD)
SQLITE_REVERSE = _fts(
    OLD_COLUMNS, "new.title_terms, new.body_terms, new.context_terms", "old.title_terms, old.body_terms, old.context_terms"
)

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, context_terms), 'C')"
)
POSTGRES = [
    "DROP INDEX IF EXISTS portal_search_doc_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN vector",
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ({VECTOR} || "
    "setweight(to_tsvector('simple'::regconfig, pinyin_terms), 'D')) STORED",
    f"CREATE INDEX portal_search_doc_vector ON {TABLE} USING gin (vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS portal_search_doc_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN vector",
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    f"CREATE INDEX portal_search_doc_vector ON {TABLE} USING gin (vector)",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def fill(apps, schema_editor):
    """Pinyin from the stored title words, language from the page (as search.indexing writes them)."""
    from search.pinyin import pinyin_terms
    from search.planner import FILLER

    SearchDocument = apps.get_model("portal_search", "SearchDocument")
    rows = SearchDocument.objects.select_related("page", "page__locale")
    changed = []
    for row in rows.iterator(chunk_size=500):
        words = pinyin_terms(row.title_terms.split(), skip=FILLER)
        row.pinyin_terms = f" {' '.join(words)} " if words else ""
        code = row.page.locale.language_code
        title_letters = "".join(ch for ch in row.title if ch.isalpha())
        chinese_title = bool(title_letters) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in title_letters)
        if row.page.alias_of_id or (not code.startswith("zh") and chinese_title):
            code = settings.LANGUAGE_CODE
        row.language = code
        changed.append(row)
    SearchDocument.objects.bulk_update(changed, ["pinyin_terms", "language"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchdocument", name="pinyin_terms", field=models.TextField(blank=True, default="")
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="language",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]

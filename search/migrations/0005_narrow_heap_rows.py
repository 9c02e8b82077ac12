"""The search table's rows made narrow on PostgreSQL (issue 21): the wide columns live in TOAST.

A row held its tsvector (about 1.2 kB), the plain text and the text's words (0.4 kB each, compressed inline):
about 2.5 kB, three rows to a heap page. A common word at county size matches 20,000 rows of a locale, and the
bitmap heap scan that reads them touched 12,000–15,000 pages, most of the search's time. With
toast_tuple_target at 256 bytes a row that is toasted at all (PostgreSQL starts at 2 kB, most of these rows) is
toasted down to 256 bytes: the vector, body and body_terms go out of line, while the columns every match reads
for its rank and filters (title and its words, pinyin, context, villages, path, group) are kept in the row
(STORAGE MAIN). The heap shrinks to a half or a quarter (bench/README.md, county.py), and a search reads the
wide columns only for the rows it needs them for (the "any word" rank reads body_terms; the page of results
shown reads body for its snippets).

VACUUM FULL rewrites the rows already there under the new rule (an exclusive lock on the table for as long as
that takes: about half a minute for 100,000 rows on a 2-core machine). It cannot run in a transaction, hence
atomic = False. SQLite: nothing (it has no TOAST; its FTS5 table is its index).
"""

from django.db import migrations

TABLE = "portal_search_searchdocument"
IN_THE_ROW = ("key", "kind", "anchor", "path", "villages", "village_name", "title", "title_terms")
IN_THE_ROW += ("context_terms", "pinyin_terms", "language", "group")


def _narrow(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f'ALTER COLUMN "{column}" SET STORAGE MAIN' for column in IN_THE_ROW)
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 256), {columns}")
    schema_editor.execute(f"VACUUM FULL ANALYZE {TABLE}")


def _widen(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f'ALTER COLUMN "{column}" SET STORAGE EXTENDED' for column in IN_THE_ROW)
    schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target), {columns}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("portal_search", "0004_locale_in_the_gin_index")]

    operations = [migrations.RunPython(_narrow, _widen, elidable=False)]

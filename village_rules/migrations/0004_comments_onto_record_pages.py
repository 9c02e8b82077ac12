"""Comments on a revision's articles and its steps, written through another language tree's copy, move onto the
revision's record page (its default-locale page), where all three trees read them."""

from django.db import migrations

from home.migration_helpers import move_onto_record_pages, record_page_ids


def forwards(apps, schema_editor):
    mapping = record_page_ids(apps)
    for name in ("ArticleComment", "RevisionStep"):
        move_onto_record_pages(apps.get_model("village_rules", name), "page", mapping)


class Migration(migrations.Migration):
    dependencies = [("village_rules", "0003_revision_procedure"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

"""Residents' questions asked through the zh-hant or English copy of a notice move onto its record page
(home.translations), where every language tree now reads them."""

from django.db import migrations

from home.migration_helpers import move_onto_record_pages, record_page_ids


def forwards(apps, schema_editor):
    move_onto_record_pages(apps.get_model("notices", "NoticeQuestion"), "notice", record_page_ids(apps))


class Migration(migrations.Migration):
    dependencies = [("notices", "0003_default_categories"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

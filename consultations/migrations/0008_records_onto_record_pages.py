"""Proposals, comments, follow-up and phase notices written through the zh-hant or English copy of a consultation
move onto its record page (home.translations), where every tree now reads them. Nothing is lost: a phase notice
that the record page has already is the only row dropped (it said the same thing)."""

from django.db import migrations

from home.migration_helpers import move_onto_record_pages, record_page_ids


def forwards(apps, schema_editor):
    mapping = record_page_ids(apps)
    for name in ("Proposal", "Comment", "FollowUp"):
        move_onto_record_pages(apps.get_model("consultations", name), "page", mapping)
    move_onto_record_pages(apps.get_model("consultations", "PhaseNotice"), "page", mapping, unique_with=("phase",))


class Migration(migrations.Migration):
    dependencies = [("consultations", "0007_ballots_finalised")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

"""Step 3 of 3: the columns 0006 filled become required; ballots keep no trace of secrecy (issue 16, DOMAIN §10).

A Ballot row is now an open ballot only, with its voter; a participation keeps the day, not the moment.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consultations", "0006_move_ballots_onto_record_questions")]

    operations = [
        migrations.AlterField(
            model_name="question",
            name="locale",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="option",
            name="locale",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="option",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(name="question", unique_together={("translation_key", "locale")}),
        migrations.AlterUniqueTogether(name="option", unique_together={("translation_key", "locale")}),
        migrations.AlterField(
            model_name="participation", name="voted_on", field=models.DateField(verbose_name="voted on")
        ),
        migrations.RemoveField(model_name="participation", name="created_at"),
        migrations.RemoveConstraint(model_name="ballot", name="secret_ballot_has_no_voter"),
        migrations.RemoveConstraint(model_name="ballot", name="one_current_open_ballot"),
        migrations.RemoveField(model_name="ballot", name="secret"),
        migrations.AlterField(
            model_name="ballot",
            name="receipt",
            field=models.CharField(max_length=12, verbose_name="receipt code"),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="resident",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="open_ballots", to="residents.resident"
            ),
        ),
        migrations.AlterModelOptions(
            name="ballot", options={"verbose_name": "open ballot", "verbose_name_plural": "open ballots"}
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("replaced", False)), fields=("question", "resident"), name="one_current_open_ballot"
            ),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(fields=("question", "receipt"), name="one_receipt_per_open_ballot"),
        ),
    ]

"""One record per consultation in every language, and ballot boxes (issue 16 and DOMAIN §10), step 1 of 3.

Adds what the data migration (0006) fills: the translation keys and locales that make a question's copies in the
three trees one question, the ballot boxes that hold counted ballots as totals, paper-ballot batches, the day a
resident voted, and the table for second participations found in old data. 0007 then tightens the columns.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_follow_up_escalation_households"),
        ("residents", "0003_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="locale",
            field=models.ForeignKey(
                null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="question", name="translation_key", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="option",
            name="locale",
            field=models.ForeignKey(
                null=True, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="option", name="translation_key", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AlterField(
            model_name="question",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="questions",
                to="consultations.consultationpage",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="text",
            field=models.CharField(max_length=300, verbose_name="question text"),
        ),
        migrations.AlterField(
            model_name="option",
            name="question",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="options", to="consultations.question"
            ),
        ),
        migrations.AddField(
            model_name="participation", name="voted_on", field=models.DateField(null=True, verbose_name="voted on")
        ),
        migrations.CreateModel(
            name="BallotBox",
            fields=[
                (
                    "question",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name="ballot_box",
                        serialize=False, to="consultations.question", verbose_name="question",
                    ),
                ),
                ("ballots", models.PositiveIntegerField(default=0, verbose_name="ballots counted")),
                ("counts", models.JSONField(default=dict, verbose_name="votes per option")),
                ("receipts", models.JSONField(default=list, verbose_name="receipt codes")),
            ],
            options={"verbose_name": "ballot box", "verbose_name_plural": "ballot boxes"},
        ),
        migrations.CreateModel(
            name="PaperBatch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("entered_on", models.DateField(verbose_name="entered on")),
                ("ballots", models.PositiveIntegerField(default=0, verbose_name="ballots entered")),
                (
                    "entered_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="paper_batches",
                        to="consultations.question",
                    ),
                ),
            ],
            options={"verbose_name": "paper ballots entered", "verbose_name_plural": "paper ballots entered"},
        ),
        migrations.AddConstraint(
            model_name="paperbatch",
            constraint=models.UniqueConstraint(
                fields=("question", "entered_by", "entered_on"), name="one_batch_per_clerk_day"
            ),
        ),
        migrations.CreateModel(
            name="SetAsideParticipation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "channel",
                    models.CharField(
                        choices=[("online", "Online"), ("paper", "Paper ballot entered by staff")], max_length=8,
                        verbose_name="channel",
                    ),
                ),
                ("voted_on", models.DateField(verbose_name="voted on")),
                ("reason", models.CharField(max_length=200, verbose_name="reason")),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="consultations.question"
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="residents.resident"
                    ),
                ),
            ],
            options={"verbose_name": "participation set aside", "verbose_name_plural": "participations set aside"},
        ),
    ]

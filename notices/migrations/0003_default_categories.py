"""The four categories every county starts with (党务 / 村务 / 财务 / 其他); editors may add more."""

from django.db import migrations

DEFAULTS = [
    ("党务", "party", False, 10),
    ("村务", "affairs", False, 20),
    ("财务", "finance", True, 30),
    ("其他", "other", False, 90),
]


def create(apps, schema_editor):
    NoticeCategory = apps.get_model("notices", "NoticeCategory")
    for name, slug, is_financial, order in DEFAULTS:
        NoticeCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "is_financial": is_financial, "sort_order": order}
        )


def fill_posted_until(apps, schema_editor):
    import datetime

    NoticePage = apps.get_model("notices", "NoticePage")
    for notice in NoticePage.objects.filter(posted_until__isnull=True):
        notice.posted_until = notice.date + datetime.timedelta(days=5)
        notice.save(update_fields=["posted_until"])


class Migration(migrations.Migration):
    dependencies = [("notices", "0002_notice_categories_periods_questions")]

    operations = [
        migrations.RunPython(create, migrations.RunPython.noop),
        migrations.RunPython(fill_posted_until, migrations.RunPython.noop),
    ]

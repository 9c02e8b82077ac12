"""A follow of the zh-hant or English copy of a page becomes a follow of its record page (home.translations):
one follow per consultation, whichever tree it was made in. A follow the user already had there is kept once."""

from django.db import migrations

from home.migration_helpers import record_page_ids


def forwards(apps, schema_editor):
    Follow = apps.get_model("notifications", "Follow")
    Page = apps.get_model("wagtailcore", "Page")
    # Follows name their target by its specific content type: the page types are those pages have.
    page_types = set(Page.objects.values_list("content_type_id", flat=True).distinct())
    mapping = record_page_ids(apps)
    for follow in Follow.objects.filter(content_type_id__in=page_types).order_by("pk"):
        record = mapping.get(follow.object_id)
        if record is None or record == follow.object_id:
            continue  # already on the record page
        taken = Follow.objects.filter(user_id=follow.user_id, content_type_id=follow.content_type_id, object_id=record)
        if taken.exists():
            follow.delete()
        else:
            Follow.objects.filter(pk=follow.pk).update(object_id=record)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

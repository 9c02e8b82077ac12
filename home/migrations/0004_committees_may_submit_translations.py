"""Every village committee may submit its own village's pages for translation (issue 16).

New committees get the permission from home.services; this gives it to the groups that exist already.
Which pages they may translate is scoped by search.translation_access (the pages the group may edit).
"""

from django.db import migrations


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Village = apps.get_model("home", "Village")
    permission = Permission.objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
    permission = permission.first()
    if permission is None:
        return
    for village in Village.objects.exclude(committee_group=None).select_related("committee_group"):
        village.committee_group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Village = apps.get_model("home", "Village")
    permission = Permission.objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
    permission = permission.first()
    if permission is None:
        return
    for village in Village.objects.exclude(committee_group=None).select_related("committee_group"):
        village.committee_group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_chinese_workflow_and_group_names"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

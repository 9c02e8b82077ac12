"""Grid workers handle requests in the admin workbench, so the "grid worker" role group may enter the admin.

What they see there is still limited by grid.rules (their own villages' requests only)."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if permission is None:  # created by wagtailadmin's own migration; absent only in odd test set-ups
        return
    group, _created = Group.objects.get_or_create(name="grid worker")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("grid", "0002_default_categories"),
        ("residents", "0003_role_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

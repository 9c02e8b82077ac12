"""County editors work in the admin (legal education, the legal-aid directory, onboarding the village register), so
the "county editor" role group may enter it. What they may do there is still decided by each app's rules."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if permission is None:  # created by wagtailadmin's own migration; absent only in odd test set-ups
        return
    group, _created = Group.objects.get_or_create(name="county editor")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0006_one_time_passwords"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

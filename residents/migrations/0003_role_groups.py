"""Roles as groups: resident, verified resident, grid worker, county editor, moderator, and one villager
council group per village (committee groups come with the village, home.services.provision_village)."""

from django.db import migrations

GLOBAL_GROUPS = ["resident", "verified resident", "grid worker", "county editor", "moderator"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Village = apps.get_model("home", "Village")
    Resident = apps.get_model("residents", "Resident")
    for name in GLOBAL_GROUPS:
        Group.objects.get_or_create(name=name)
    for village in Village.objects.all():
        Group.objects.get_or_create(name=f"理事会 {village.name} ({village.code})")
    resident_group = Group.objects.get(name="resident")
    verified_group = Group.objects.get(name="verified resident")
    for resident in Resident.objects.exclude(user=None):
        resident.user.groups.add(resident_group)
        if resident.verification == "verified":
            resident.user.groups.add(verified_group)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=GLOBAL_GROUPS).delete()
    Group.objects.filter(name__startswith="理事会 ").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0002_profile_fields_history_roll"),
        ("home", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

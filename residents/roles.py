"""Roles are Django groups. The global ones are made by a data migration; per-village ones with the village.

Permissions are never granted by asking for a role in a view: views ask the predicates in rules.py.
Group membership mirrors the Resident record (see sync_resident_groups) so that the Wagtail admin's
user listing shows who is what.
"""

from django.contrib.auth.models import Group

RESIDENT = "resident"
VERIFIED_RESIDENT = "verified resident"
GRID_WORKER = "grid worker"
COUNTY_EDITOR = "county editor"
MODERATOR = "moderator"
GLOBAL_GROUPS = [RESIDENT, VERIFIED_RESIDENT, GRID_WORKER, COUNTY_EDITOR, MODERATOR]


def council_group_name(village) -> str:
    return f"理事会 {village.name} ({village.code})"


def council_group(village) -> Group:
    """The villager council group of a village (the committee group is Village.committee_group)."""
    group, _created = Group.objects.get_or_create(name=council_group_name(village))
    return group


def sync_resident_groups(resident) -> None:
    """Put the resident's user in the groups their record implies, and out of the others."""
    user = resident.user
    if user is None:
        return
    resident_group, _created = Group.objects.get_or_create(name=RESIDENT)
    verified_group, _created = Group.objects.get_or_create(name=VERIFIED_RESIDENT)
    user.groups.add(resident_group)
    if resident.is_verified:
        user.groups.add(verified_group)
    else:
        user.groups.remove(verified_group)
    own_council = council_group(resident.village)
    if resident.is_council_member and resident.is_verified:
        user.groups.add(own_council)
    else:
        user.groups.remove(own_council)
    # A resident who moved village leaves the other villages' councils.
    user.groups.remove(*user.groups.filter(name__startswith="理事会 ").exclude(pk=own_council.pk))

"""Every role × every protected action, allowed and refused, through the permissions other apps use."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from residents import roles
from residents.models import Resident

ACTIONS = [
    # (permission, object: "A" village A, "B" village B, "resA" a resident of A, None)
    ("residents.take_part_in_village", "A"),
    ("residents.manage_village", "A"),
    ("residents.use_verification_queue", "A"),
    ("residents.verify_resident", "resA"),
    ("residents.verify_resident", "resB"),
    ("residents.view_personal_data", "resA"),
    ("residents.import_roll", "A"),
    ("residents.register_offline", "A"),
    ("residents.set_resident_roles", "resA"),
    ("residents.enter_paper_ballot", "A"),
    ("residents.moderate", None),
    ("residents.edit_county_pages", None),
    ("residents.handle_requests", "A"),
    ("residents.onboard_villages", None),
]

# Which (permission, object) pairs each role is allowed; everything else is refused.
ALLOWED = {
    "anonymous": set(),
    "unverified resident of A": set(),
    "rejected resident of A": set(),
    "verified resident of A": {("residents.take_part_in_village", "A")},
    "verified resident of B": set(),
    "representative of A": {("residents.take_part_in_village", "A")},
    "council member of A": {("residents.take_part_in_village", "A")},
    "committee of A": {
        ("residents.manage_village", "A"),
        ("residents.use_verification_queue", "A"),
        ("residents.verify_resident", "resA"),
        ("residents.view_personal_data", "resA"),
        ("residents.import_roll", "A"),
        ("residents.register_offline", "A"),
        ("residents.set_resident_roles", "resA"),
        ("residents.enter_paper_ballot", "A"),
        ("residents.handle_requests", "A"),
    },
    "committee of B": {("residents.verify_resident", "resB")},
    "grid worker": {("residents.handle_requests", "A")},
    "county editor": {("residents.edit_county_pages", None), ("residents.onboard_villages", None)},
    "moderator": {("residents.moderate", None)},
    "county administrator": set(ACTIONS),
}


@pytest.fixture
def world(village_a, village_b, make_resident, make_user, committee_member):
    users = {"anonymous": AnonymousUser()}
    users["unverified resident of A"] = make_resident(village_a, state=Resident.Verification.UNVERIFIED).user
    users["rejected resident of A"] = make_resident(village_a, state=Resident.Verification.REJECTED).user
    users["verified resident of A"] = make_resident(village_a).user
    users["verified resident of B"] = make_resident(village_b).user
    users["representative of A"] = make_resident(village_a, is_representative=True).user
    users["council member of A"] = make_resident(village_a, is_council_member=True).user
    users["committee of A"] = committee_member(village_a)
    users["committee of B"] = committee_member(village_b)
    for role, group in [
        ("grid worker", roles.GRID_WORKER),
        ("county editor", roles.COUNTY_EDITOR),
        ("moderator", roles.MODERATOR),
    ]:
        users[role] = make_user(role.replace(" ", "-"))
        users[role].groups.add(Group.objects.get(name=group))
    users["county administrator"] = make_user("county-admin", is_superuser=True)
    objects = {
        "A": village_a,
        "B": village_b,
        "resA": make_resident(village_a, state=Resident.Verification.UNVERIFIED),
        "resB": make_resident(village_b, state=Resident.Verification.UNVERIFIED),
        None: None,
    }
    return users, objects


@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_against_every_protected_action(world, role):
    users, objects = world
    user = users[role]
    for permission, target in ACTIONS:
        expected = (permission, target) in ALLOWED[role]
        assert user.has_perm(permission, objects[target]) is expected, (role, permission, target)


def test_predicates_scope_to_the_village(village_a, village_b, make_resident, committee_member):
    from residents import rules as r

    resident = make_resident(village_a, is_representative=True, is_council_member=True)
    user = resident.user
    assert r.is_resident_of(user, village_a) and not r.is_resident_of(user, village_b)
    assert r.is_verified_resident_of(user, village_a) and r.is_verified_resident_of(user)
    assert not r.is_verified_resident_of(user, village_b)
    assert r.is_representative_of(user, village_a) and not r.is_representative_of(user, village_b)
    assert r.is_council_member_of(user, village_a) and not r.is_council_member_of(user, village_b)
    member = committee_member(village_a)
    assert r.is_committee_of(member, village_a) and r.is_committee_of(member)
    assert not r.is_committee_of(member, village_b)
    # The predicates accept anything that belongs to a village, e.g. a resident.
    assert r.is_committee_of(member, resident)


def test_role_groups_follow_the_resident_record(village_a, make_resident):
    resident = make_resident(village_a, state=Resident.Verification.UNVERIFIED, is_council_member=True)
    names = set(resident.user.groups.values_list("name", flat=True))
    assert roles.RESIDENT in names and roles.VERIFIED_RESIDENT not in names
    resident.verification = Resident.Verification.VERIFIED
    resident.save()
    names = set(resident.user.groups.values_list("name", flat=True))
    assert {roles.RESIDENT, roles.VERIFIED_RESIDENT, roles.council_group_name(village_a)} <= names


def test_data_migration_made_the_role_groups(db):
    assert set(roles.GLOBAL_GROUPS) <= set(Group.objects.values_list("name", flat=True))


def test_every_village_gets_a_council_group(village_a):
    assert Group.objects.filter(name=roles.council_group_name(village_a)).exists()


def test_deleted_resident_takes_part_nowhere(village_a, make_resident):
    from django.utils import timezone

    resident = make_resident(village_a)
    resident.deleted_at = timezone.now()
    resident.save()
    assert not resident.user.has_perm("residents.take_part_in_village", village_a)

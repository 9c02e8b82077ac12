"""Who may do what, as django-rules predicates. Every app asks these (or the permissions below), never roles.

Predicates that take a village accept a Village, or anything with a ``village`` attribute (a Resident, a
page of that village), or None for "of any village".
"""

import rules

from home.models import Village

from . import roles


def _village(obj) -> Village | None:
    if obj is None or isinstance(obj, Village):
        return obj
    return getattr(obj, "village", None)


def _resident(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "resident", None)


@rules.predicate
def is_resident_of(user, village=None) -> bool:
    """Registered in the village (verified or not); of any village when none is given."""
    resident = _resident(user)
    if resident is None or resident.is_deleted:
        return False
    village = _village(village)
    return village is None or resident.village_id == village.pk


@rules.predicate
def is_verified_resident_of(user, village=None) -> bool:
    """Verified by the village committee; of the given village when one is given."""
    resident = _resident(user)
    return is_resident_of(user, village) and resident.is_verified


@rules.predicate
def is_representative_of(user, village=None) -> bool:
    resident = _resident(user)
    return is_verified_resident_of(user, village) and resident.is_representative


@rules.predicate
def is_council_member_of(user, village=None) -> bool:
    resident = _resident(user)
    return is_verified_resident_of(user, village) and resident.is_council_member


@rules.predicate
def is_committee_of(user, village=None) -> bool:
    """A member of the village committee group; of the given village when one is given."""
    if not user.is_authenticated:
        return False
    villages = Village.objects.filter(committee_group__user=user)
    village = _village(village)
    return villages.filter(pk=village.pk).exists() if village is not None else villages.exists()


def _in_group(name: str):
    @rules.predicate(name=f"in_group_{name.replace(' ', '_')}")
    def predicate(user) -> bool:
        return user.is_authenticated and user.groups.filter(name=name).exists()

    return predicate


is_grid_worker = _in_group(roles.GRID_WORKER)
is_county_editor = _in_group(roles.COUNTY_EDITOR)
is_moderator = _in_group(roles.MODERATOR)
is_county_admin = rules.is_superuser


def menu_group_names(request) -> frozenset[str]:
    """The signed-in user's group names, read once per request: the admin menu asks several items whether to show
    themselves on every admin page, and each asking the database would add a query per item per page."""
    names = getattr(request, "_menu_group_names", None)
    if names is None:
        user = request.user
        names = frozenset(user.groups.values_list("name", flat=True)) if user.is_authenticated else frozenset()
        request._menu_group_names = names
    return names


# Older names, kept for callers written against the foundation.
is_verified_resident = is_verified_resident_of
is_committee_member = is_committee_of

can_manage_village = is_committee_of | is_county_admin


def committee_villages(user):
    """The villages whose residents this user may verify and see in full."""
    if not user.is_authenticated:
        return Village.objects.none()
    if user.is_superuser:
        return Village.objects.all()
    return Village.objects.filter(committee_group__user=user)


@rules.predicate
def can_enter_for_resident(user, resident) -> bool:
    """Assisted participation at the village office: staff of the resident's own village committee (or the county
    administrator) may enter a proposal, support, comment or council proposal for a resident on file."""
    if resident is None or resident.is_deleted or not resident.is_verified or resident.village_id is None:
        return False  # no village would read as "any village" below
    return can_manage_village(user, resident.village)


# Object permissions. The object is a Village unless said otherwise.
rules.add_perm("residents.take_part_in_village", is_verified_resident_of)
rules.add_perm("residents.manage_village", can_manage_village)
rules.add_perm("residents.use_verification_queue", can_manage_village)  # object: Village, or None for "any"
rules.add_perm("residents.verify_resident", can_manage_village)  # object: Resident
rules.add_perm("residents.view_personal_data", can_manage_village)  # object: Resident (real name, phone)
rules.add_perm("residents.import_roll", can_manage_village)
rules.add_perm("residents.register_offline", can_manage_village)
rules.add_perm("residents.set_resident_roles", can_manage_village)  # object: Resident (representative, council)
rules.add_perm("residents.enter_paper_ballot", can_manage_village)
rules.add_perm("residents.enter_on_behalf", can_enter_for_resident)  # object: Resident
rules.add_perm("residents.moderate", is_moderator | is_county_admin)
rules.add_perm("residents.edit_county_pages", is_county_editor | is_county_admin)
rules.add_perm("residents.handle_requests", is_grid_worker | can_manage_village)
# Onboarding the county's village register (residents.onboarding): county editors and administrators only.
rules.add_perm("residents.onboard_villages", is_county_editor | is_county_admin)

"""Who may do what, as django-rules predicates. Views and services ask these, never roles directly."""

import rules

from home.models import Village


@rules.predicate
def is_verified_resident(user, village: Village | None = None) -> bool:
    """A verified resident; of the given village when one is given."""
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    if resident is None or not resident.is_verified:
        return False
    return village is None or resident.village_id == village.pk


@rules.predicate
def is_committee_member(user, village: Village | None = None) -> bool:
    """A member of the village committee group; of the given village when one is given."""
    if not user.is_authenticated:
        return False
    groups = Village.objects.filter(committee_group__user=user)
    return groups.filter(pk=village.pk).exists() if village is not None else groups.exists()


rules.add_perm("residents.take_part_in_village", is_verified_resident)
rules.add_perm("residents.manage_village", is_committee_member | rules.is_superuser)

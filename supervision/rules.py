"""Who may see and act on the supervision committee and on complaints (django-rules predicates).

- The supervision committee (art. 32) of a village: its members in office, through the village's group.
- Complaints (art. 31) go to the township: its supervision group (grid.rules.supervision_group_name, the same
  township accounts that supervise requests and review village rules) closes them; the county (superusers) may
  act everywhere and is where overdue complaints are escalated. The village committee sees its village's
  complaints and answers them, but never closes one.
"""

import rules
from django.conf import settings

from grid.rules import is_supervisor_of as is_township_of
from grid.rules import supervised_townships
from home.models import Village
from residents.rules import is_committee_of, is_county_admin, is_verified_resident_of

from . import roles


def _village(obj) -> Village | None:
    if obj is None or isinstance(obj, Village):
        return obj
    return getattr(obj, "village", None)


@rules.predicate
def is_supervision_member_of(user, village=None) -> bool:
    """In a village's supervision committee group (of the given village when one is given)."""
    if not user.is_authenticated:
        return False
    names = user.groups.filter(name__startswith=roles.GROUP_PREFIX)
    village = _village(village)
    if village is None:
        return names.exists()
    return names.filter(name=roles.supervision_group_name(village)).exists()


@rules.predicate
def is_signed_in_where_allowed(user, village=None) -> bool:
    """Any signed-in user, where the county allows complaints from them (the setting is off by default)."""
    return user.is_authenticated and bool(getattr(settings, "SUPERVISION_COMPLAINTS_BY_SIGNED_IN_USERS", False))


# VCOL art. 31 gives the complaint to villagers; the county may open it to any signed-in user (issue 24).
can_file_complaint = is_verified_resident_of | is_signed_in_where_allowed
can_close = is_township_of | is_county_admin
can_answer = is_committee_of | can_close
can_view_complaints = can_answer | is_supervision_member_of
# Members are chosen by the assembly; the township or county records the result (not the supervised committee).
can_record_members = is_township_of | is_county_admin

# VCOL art. 33: the supervision committee hosts the yearly democratic evaluation of its own village (the county
# may act everywhere); the village committee, whose members are rated, does not run it.
can_host_evaluation = is_supervision_member_of | is_county_admin

rules.add_perm("supervision.host_evaluation", can_host_evaluation)  # object: Village
rules.add_perm("supervision.file_complaint", can_file_complaint)  # object: Village
rules.add_perm("supervision.view_complaint", can_view_complaints)  # object: Complaint or Village (None: any)
rules.add_perm("supervision.answer_complaint", can_answer)  # object: Complaint
rules.add_perm("supervision.close_complaint", can_close)  # object: Complaint
rules.add_perm("supervision.record_members", can_record_members)  # object: Village (None: any)


def complaint_villages(user):
    """The villages whose complaints this user sees in the admin."""
    if not user.is_authenticated:
        return Village.objects.none()
    if user.is_superuser:
        return Village.objects.all()
    from django.db.models import Q

    group_names = list(user.groups.values_list("name", flat=True))
    townships = supervised_townships(user, group_names)
    supervised = [name for name in group_names if name.startswith(roles.GROUP_PREFIX)]
    query = Q(committee_group__user=user) | Q(township__in=townships)
    villages = Village.objects.filter(query)
    ids = set(villages.values_list("pk", flat=True))
    codes = [name.removeprefix(roles.GROUP_PREFIX) for name in supervised]
    ids.update(Village.objects.filter(code__in=codes).values_list("pk", flat=True))
    return Village.objects.filter(pk__in=ids)


def township_villages(user):
    """Villages whose supervision members this user may record (township scope; the county everywhere)."""
    if not user.is_authenticated:
        return Village.objects.none()
    if user.is_superuser:
        return Village.objects.all()
    return Village.objects.filter(township__in=supervised_townships(user))


def evaluation_villages(user):
    """Villages whose democratic evaluation this user hosts: their supervision committee's (the county: all)."""
    if not user.is_authenticated:
        return Village.objects.none()
    if user.is_superuser:
        return Village.objects.all()
    names = user.groups.filter(name__startswith=roles.GROUP_PREFIX).values_list("name", flat=True)
    return Village.objects.filter(code__in=[name.removeprefix(roles.GROUP_PREFIX) for name in names])

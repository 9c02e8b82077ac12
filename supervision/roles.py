"""The supervision committee's role: a Django group per village, as the committee's and the council's are.

Membership mirrors the SupervisionMember records in office (sync_supervision_group); permissions are never
granted by asking for the group in a view: views ask the predicates in rules.py.
"""

from django.contrib.auth.models import Group, Permission

from home.models import Village

GROUP_PREFIX = "村务监督 "


def supervision_group_name(village: Village) -> str:
    return f"{GROUP_PREFIX}{village.code}"  # by code: it stays the same when the village is renamed


def supervision_group(village: Village) -> Group:
    """The village's supervision committee group; its members may enter the admin, scoped to their village by
    the predicates of rules.py (their complaints and calendar screens)."""
    group, created = Group.objects.get_or_create(name=supervision_group_name(village))
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group

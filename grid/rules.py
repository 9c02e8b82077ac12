"""Who may handle, supervise and see resident requests (django-rules predicates).

Handlers: the village committee, grid workers (the "grid worker" role group) posted to a grid of the
request's village, county administrators. Supervisors (督办): members of the township's supervision group
(see supervision_group_name), county administrators.
"""

import rules
from django.contrib.auth.models import Group, Permission

from home.models import Village
from residents.rules import is_committee_of, is_county_admin, is_grid_worker

from . import workflow


def supervision_group_name(township: str) -> str:
    return f"乡镇督办 {township}"


def supervised_townships(user, group_names=None) -> list[str]:
    """The townships whose supervision group the user is in (from group_names when the caller has read them)."""
    prefix = supervision_group_name("")
    if group_names is None:
        group_names = user.groups.filter(name__startswith=prefix).values_list("name", flat=True)
    return [name.removeprefix(prefix) for name in group_names if name.startswith(prefix)]


def supervision_group(township: str) -> Group:
    """The township's supervision group; its members may enter the admin (the workbench lives there)."""
    group, created = Group.objects.get_or_create(name=supervision_group_name(township))
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def _village(obj):
    if obj is None or isinstance(obj, Village):
        return obj
    return getattr(obj, "village", None)


@rules.predicate
def is_grid_worker_of(user, village=None) -> bool:
    """In the grid worker group and posted to a grid of the village (of any village when none is given)."""
    if not is_grid_worker(user):
        return False
    posts = user.grid_worker_posts.all()
    village = _village(village)
    return posts.filter(grid__village=village).exists() if village is not None else posts.exists()


@rules.predicate
def is_supervisor_of(user, village=None) -> bool:
    if not user.is_authenticated:
        return False
    names = user.groups.filter(name__startswith=supervision_group_name(""))
    village = _village(village)
    if village is None:
        return names.exists()
    return names.filter(name=supervision_group_name(village.township)).exists()


@rules.predicate
def is_requester(user, request=None) -> bool:
    resident = getattr(request, "resident", None)
    return user.is_authenticated and resident is not None and resident.user_id == user.pk


can_handle = is_committee_of | is_grid_worker_of | is_county_admin
can_supervise = is_supervisor_of | is_county_admin

rules.add_perm("grid.handle_request", can_handle)  # object: ResidentRequest or Village
rules.add_perm("grid.file_on_behalf", can_handle)  # object: Village
rules.add_perm("grid.supervise", can_supervise)  # object: ResidentRequest or Village (None: any)
rules.add_perm("grid.view_request", can_handle | can_supervise | is_requester)  # object: ResidentRequest
rules.add_perm("grid.view_assessment", can_handle | can_supervise)  # object: None


def actor_roles(user, request) -> set[str]:
    """The workflow roles this user holds for this request."""
    roles = set()
    if user.is_authenticated:
        if can_handle(user, request.village):
            roles.add(workflow.HANDLER)
        if can_supervise(user, request.village):
            roles.add(workflow.SUPERVISOR)
        if is_requester(user, request):
            roles.add(workflow.RESIDENT)
    return roles


def handled_villages(user):
    """Villages whose requests this user may handle (the workbench scope)."""
    return _villages_of(user, with_townships=True)


def filing_villages(user):
    """The villages for which can_handle holds (a committee's own, a grid worker's grids' villages, the county
    administrator's every village), as one queryset: the walk-in form asked can_handle of every village in the
    workbench's scope, two queries a village (610 for a county administrator)."""
    return _villages_of(user, with_townships=False)


def _villages_of(user, *, with_townships: bool):
    """A committee's own villages and a grid worker's grids' villages (every village for a superuser), and with
    `with_townships` the villages of the townships the user supervises."""
    if not user.is_authenticated:
        return Village.objects.none()
    if user.is_superuser:
        return Village.objects.all()
    from django.db.models import Q

    query = Q(committee_group__user=user)
    if is_grid_worker(user):
        query |= Q(grids__workers__user=user)
    townships = supervised_townships(user) if with_townships else None
    if townships:
        query |= Q(township__in=townships)
    return Village.objects.filter(query).distinct()

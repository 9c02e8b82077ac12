"""Admin: complaints (township, committee, supervision committee) and the supervision committee's members."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from grid.rules import supervision_group_name
from portal.admin_lists import page_size
from residents.roles import COUNTY_EDITOR
from residents.rules import menu_group_names

from . import admin_views, evaluation_admin, roles

# Shown from the request's group names (one query per admin page for every menu item together); the screens
# themselves scope what they list with supervision.rules.complaint_villages and township_villages.
COMMITTEE_PREFIX = "村委会 "  # home.models.Village.committee_group_name


def _any_group_starting(request, *prefixes: str) -> bool:
    return any(name.startswith(prefixes) for name in menu_group_names(request))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("supervision/complaints/", admin_views.complaints, name="supervision_complaints"),
        path("supervision/complaints/<int:pk>/", admin_views.complaint, name="supervision_complaint"),
        path("supervision/members/", admin_views.members, name="supervision_members"),
        path("supervision/members/add/", admin_views.add_member_in, name="supervision_add_member_in"),
        path("supervision/members/<slug:code>/add/", admin_views.add_member, name="supervision_add_member"),
        path("supervision/evaluations/", evaluation_admin.evaluations, name="supervision_evaluations"),
        path(
            "supervision/evaluations/<slug:code>/open/",
            evaluation_admin.open_evaluation,
            name="supervision_open_evaluation",
        ),
        path("supervision/evaluations/<int:pk>/", evaluation_admin.evaluation, name="supervision_evaluation"),
    ]


class ComplaintsMenuItem(MenuItem):
    def is_shown(self, request):
        township = supervision_group_name("")
        return request.user.is_superuser or _any_group_starting(request, township, roles.GROUP_PREFIX, COMMITTEE_PREFIX)


class MembersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or _any_group_starting(request, supervision_group_name(""))


@hooks.register("register_admin_menu_item")
def register_complaints_menu_item():
    return ComplaintsMenuItem(
        _("Complaints about notices"), reverse("supervision_complaints"), icon_name="warning", order=215
    )


@hooks.register("register_admin_menu_item")
def register_members_menu_item():
    return MembersMenuItem(_("Supervision committees"), reverse("supervision_members"), icon_name="group", order=216)


class EvaluationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or _any_group_starting(request, roles.GROUP_PREFIX)


@hooks.register("register_admin_menu_item")
def register_evaluations_menu_item():
    return EvaluationsMenuItem(
        _("Democratic evaluation"), reverse("supervision_evaluations"), icon_name="tasks", order=217
    )


class MissingEvaluationsPanel(Component):
    """The county's dashboard: villages with a completed year without a democratic evaluation (art. 33)."""

    name = "supervision_missing_evaluations"
    template_name = "supervision/admin/missing_evaluations_panel.html"
    order = 95

    def __init__(self, rows, count: int):
        self.rows = rows
        self.count = count

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["count"] = self.count
        context["rows"] = self.rows  # a page at most on the dashboard (305 villages)
        return context


@hooks.register("construct_homepage_panels")
def add_missing_evaluations_panel(request, panels):
    from home.models import Village

    from .evaluation_services import missing_evaluation_villages, missing_evaluations

    if not (request.user.is_superuser or COUNTY_EDITOR in menu_group_names(request)):
        return
    year = timezone.localdate().year
    rows = missing_evaluations(Village.objects.all(), year, limit=page_size())
    if rows:
        panels.append(MissingEvaluationsPanel(rows, missing_evaluation_villages(Village.objects.all(), year).count()))

"""Admin: complaints (township, committee, supervision committee) and the supervision committee's members."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from grid.rules import supervision_group_name
from residents.rules import menu_group_names

from . import admin_views, roles

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
        path("supervision/members/<slug:code>/add/", admin_views.add_member, name="supervision_add_member"),
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

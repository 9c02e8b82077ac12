"""Admin: complaints (township, committee, supervision committee) and the supervision committee's members."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .rules import complaint_villages, township_villages


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
        return complaint_villages(request.user).exists()


class MembersMenuItem(MenuItem):
    def is_shown(self, request):
        return township_villages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_complaints_menu_item():
    return ComplaintsMenuItem(
        _("Complaints about notices"), reverse("supervision_complaints"), icon_name="warning", order=215
    )


@hooks.register("register_admin_menu_item")
def register_members_menu_item():
    return MembersMenuItem(_("Supervision committees"), reverse("supervision_members"), icon_name="group", order=216)

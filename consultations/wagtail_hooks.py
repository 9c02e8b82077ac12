"""Admin menu and URLs for the committee's consultation screens."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from residents.rules import committee_villages

from . import admin_views

urlpatterns = [
    path("moderation/", admin_views.moderation_queue, name="moderation_queue"),
    path("moderation/<int:pk>/", admin_views.moderate, name="moderate"),
    path("paper-ballot/", admin_views.paper_ballot, name="paper_ballot"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("consultations/", include((urlpatterns, "consultations_admin"), namespace="consultations_admin"))]


class CommitteeMenuItem(MenuItem):
    def is_shown(self, request):
        return committee_villages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return CommitteeMenuItem(
        _("Comment moderation"), reverse("consultations_admin:moderation_queue"), icon_name="warning", order=220
    )


@hooks.register("register_admin_menu_item")
def register_paper_ballot_menu_item():
    return CommitteeMenuItem(
        _("Paper ballots"), reverse("consultations_admin:paper_ballot"), icon_name="form", order=221
    )

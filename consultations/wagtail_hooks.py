"""Admin menu and URLs for the committee's consultation screens."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from residents.rules import committee_villages

from . import admin_assisted, admin_outcomes, admin_views

urlpatterns = [
    path("moderation/", admin_views.moderation_queue, name="moderation_queue"),
    path("moderation/<int:pk>/", admin_views.moderate, name="moderate"),
    path("paper-ballot/", admin_views.paper_ballot, name="paper_ballot"),
    path("assisted/", admin_assisted.assisted_entry, name="assisted"),
    path("outcomes/", admin_outcomes.consultations, name="outcomes"),
    path("outcomes/<int:page_id>/", admin_outcomes.outcome, name="outcome"),
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


@hooks.register("register_admin_menu_item")
def register_assisted_menu_item():
    return CommitteeMenuItem(
        _("Help at the office"), reverse("consultations_admin:assisted"), icon_name="user", order=221
    )


@hooks.register("register_admin_menu_item")
def register_outcomes_menu_item():
    return CommitteeMenuItem(
        _("Proposals and follow-up"), reverse("consultations_admin:outcomes"), icon_name="tasks", order=222
    )


@hooks.register("before_delete_page")
def refuse_deleting_counted_consultations(request, page):
    """Proposals, comments and ballots are PROTECT: deleting their consultation (or a page above it) would fail
    with a ProtectedError. Say why instead, and suggest unpublishing."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import Comment, Participation, Proposal

    under = {"page__path__startswith": page.path}
    if not (
        Participation.objects.filter(question__page__path__startswith=page.path).exists()
        or Proposal.objects.filter(**under).exists()
        or Comment.objects.filter(**under).exists()
    ):
        return None
    messages.error(
        request,
        _(
            "“%(title)s” holds a consultation with proposals, comments or ballots, which are kept as a record and "
            "cannot be deleted. Unpublish the page instead."
        )
        % {"title": page.get_admin_display_title()},
    )
    parent = page.get_parent()
    return redirect("wagtailadmin_explore", parent.pk) if parent else redirect("wagtailadmin_home")

"""Admin side of revisions: the procedure screens, the audit-log actions and the filing reminder."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, services, workflow
from .rules import revision_villages

urlpatterns = [
    path("", admin_views.revision_list, name="list"),
    path("<int:pk>/", admin_views.revision_detail, name="detail"),
    path("<int:pk>/step/", admin_views.take_step, name="step"),
    path("comments/<int:pk>/decide/", admin_views.decide, name="decide"),
    path("comments/<int:pk>/moderate/", admin_views.moderate, name="moderate"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("rules-revisions/", include((urlpatterns, "rules_revisions"), namespace="rules_revisions"))]


class RevisionMenuItem(MenuItem):
    def is_shown(self, request):
        return revision_villages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_revision_menu_item():
    return RevisionMenuItem(_("Rules revisions"), reverse("rules_revisions:list"), icon_name="list-ol", order=222)


@hooks.register("register_log_actions")
def register_revision_log_actions(actions):
    for name, transition in workflow.TRANSITIONS.items():
        actions.register_action(
            f"village_rules.revision.{name}",
            # Lazy on both sides: the registry is built once, the audit log is read in many languages.
            format_lazy("{}: {}", _("Rules revision"), transition.label),
            format_lazy("{}: {}", _("Rules revision moved to"), workflow.STAGE_LABELS[transition.target]),
        )
    actions.register_action("village_rules.comment.hide", _("Hide a comment on the rules"), _("Comment hidden"))
    actions.register_action("village_rules.comment.restore", _("Restore a comment on the rules"), _("Comment restored"))
    actions.register_action(
        "village_rules.comment.decide", _("Decide on a comment on the rules"), _("Decision on a comment recorded")
    )


class FilingReminderPanel(Component):
    name = "village_rules_filing"
    template_name = "village_rules/admin/filing_panel.html"
    order = 95

    def __init__(self, overdue):
        self.overdue = overdue

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["overdue"] = self.overdue
        return context


class AwaitingReviewPanel(Component):
    """The township reviewer's dashboard item: drafts sent for review, which wait on them."""

    name = "village_rules_review"
    template_name = "village_rules/admin/review_panel.html"
    order = 90

    def __init__(self, waiting):
        self.waiting = waiting

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["waiting"] = self.waiting
        return context


@hooks.register("construct_homepage_panels")
def add_review_reminder(request, panels):
    if waiting := services.awaiting_review(request.user):
        panels.append(AwaitingReviewPanel(waiting))


@hooks.register("construct_homepage_panels")
def add_filing_reminder(request, panels):
    villages = revision_villages(request.user)
    overdue = services.overdue_filings(villages, timezone.localdate()) if villages.exists() else []
    if overdue:
        panels.append(FilingReminderPanel(overdue))

"""Admin for committees: meetings (agenda, attendance, minutes), terms and members, charter thresholds,
delegations, recording votes, and the residents' proposals queue. Each committee sees its own village only."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from portal.admin_lists import RelatedIndexMixin, RelatedViewSetMixin
from portal.admin_scope import ScopedModelViewSet, scoped

from . import admin_views, demand_admin, quorum
from .admin_forms import CouncilTermForm, MeetingForm, VillagePolicy, VillageScopedForm
from .attendance import has_taken_place
from .choosers import resident_chooser_viewset
from .models import Council, CouncilMember, CouncilTerm, Delegation, Meeting

for model, village_path in (
    (Meeting, "village"),
    (CouncilTerm, "council__village"),
    (Council, "village"),
    (Delegation, "village"),
):
    register_permission_policy(model, VillagePolicy(model, village_path))


class ScopedIndexView(RelatedIndexMixin, IndexView):
    """Listings show only the records of the editor's own villages."""

    def get_base_queryset(self):
        rows = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change", "view"])
        return rows.select_related(*self.list_select_related) if self.list_select_related else rows


class ArchivedDeleteView(scoped(DeleteView)):
    """A meeting or term with recorded votes is archived (VCOL art. 34): deleting it is refused with a message,
    not a 500. Only county administrators reach this view at all (VillagePolicy)."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "This record has recorded votes; it is kept in the archive "
                    "(Village Committees Organisation Law, art. 34)."
                ),
            )
            return redirect(reverse(self.edit_url_name, args=(quote(self.object.pk),)))


class ScopedViewSet(RelatedViewSetMixin, ScopedModelViewSet):
    """Every per-record view (edit, history, usage, copy, inspect, delete) 404s on another village's record."""

    index_view_class = ScopedIndexView
    delete_view_class = ArchivedDeleteView
    add_to_admin_menu = False


class AttendanceColumn(Column):
    """A link to tick the roster, on council meetings that took place; what would be refused is not offered."""

    cell_template_name = "council/admin/attendance_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = (
            reverse("council_attendance", args=[instance.pk])
            if instance.kind == quorum.COUNCIL and has_taken_place(instance)
            else ""
        )
        context["future"] = not has_taken_place(instance)
        return context


class MeetingViewSet(ScopedViewSet):
    name = "council_meetings"
    url_prefix = "council/meetings"
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["date", "title", "kind", "village", AttendanceColumn("attendance", label=_("Attendance"))]
    list_select_related = ("village",)
    list_filter = ["kind"]
    search_fields = ["title"]


Meeting.base_form_class = MeetingForm
CouncilTerm.base_form_class = CouncilTermForm
CouncilMember.panels = [
    FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
    FieldPanel("resident", widget=resident_chooser_viewset.widget_class),
]
Council.base_form_class = VillageScopedForm
Delegation.base_form_class = VillageScopedForm


class CouncilTermViewSet(ScopedViewSet):
    name = "council_terms"
    url_prefix = "council/terms"
    model = CouncilTerm
    icon = "group"
    menu_label = _("Terms and members")
    list_display = ["name", "council", "starts_on", "ends_on"]
    list_select_related = ("council__village",)


class CouncilViewSet(ScopedViewSet):
    name = "council_councils"
    url_prefix = "council/councils"
    model = Council
    icon = "cog"
    menu_label = _("Charter thresholds")
    list_display = ["village", "name"]
    list_select_related = ("village",)
    panels = [
        FieldPanel("village"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("quorum_numerator"), FieldPanel("quorum_denominator")], heading=_("Quorum")),
        FieldRowPanel([FieldPanel("majority_numerator"), FieldPanel("majority_denominator")], heading=_("Majority")),
        FieldPanel("supervisors_vote"),
    ]


class DelegationViewSet(ScopedViewSet):
    name = "council_delegations"
    url_prefix = "council/delegations"
    model = Delegation
    icon = "key"
    menu_label = _("Delegations by the assembly")
    list_display = ["matter", "village", "starts_on", "ends_on"]
    list_select_related = ("village",)
    panels = [
        FieldPanel("village"),
        FieldPanel("matter"),
        FieldPanel("granted_by"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("scope"),
    ]


class CouncilGroup(ViewSetGroup):
    menu_label = _("Villager council")
    menu_icon = "group"
    menu_order = 220
    items = (MeetingViewSet, CouncilTermViewSet, CouncilViewSet, DelegationViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CouncilGroup()


@hooks.register("register_admin_viewset")
def register_resident_chooser():
    return resident_chooser_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("council/vote/", admin_views.record_vote, name="council_record_vote"),
        path("council/meetings/<int:pk>/attendance/", admin_views.attendance, name="council_attendance"),
        path("council/proposals/", admin_views.proposals, name="council_proposals"),
        path("council/proposals/<int:pk>/", admin_views.handle_proposal, name="council_handle_proposal"),
        path("council/demands/", demand_admin.demands, name="council_demands"),
        path("council/demands/<int:pk>/", demand_admin.demand, name="council_demand"),
    ]


class CommitteeMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_vote_menu_item():
    return CommitteeMenuItem(_("Record a vote"), reverse("council_record_vote"), icon_name="tasks", order=221)


@hooks.register("register_admin_menu_item")
def register_proposals_menu_item():
    return CommitteeMenuItem(_("Proposals to the council"), reverse("council_proposals"), icon_name="mail", order=222)


@hooks.register("register_admin_menu_item")
def register_demands_menu_item():
    return CommitteeMenuItem(_("Demands for a meeting"), reverse("council_demands"), icon_name="group", order=223)


@hooks.register("register_log_actions")
def register_demand_log_actions(actions):
    actions.register_action(
        "council.demand.paper_signature", _("Enter a paper signature on a demand"), _("Paper signature entered")
    )
    actions.register_action(
        "council.demand.meeting", _("Link a demand to the meeting called"), _("Demand linked to its meeting")
    )

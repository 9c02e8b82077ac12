"""Admin views that go through services: recording a vote, and handling residents' proposals."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_lists import paginate
from residents.rules import committee_villages

from . import attendance as council_attendance
from . import quorum, services
from .models import AgendaItem, CouncilProposal, Meeting, RollCallVote


def may_use(user) -> bool:
    return user.is_authenticated and (user.is_superuser or committee_villages(user).exists())


ABSENT = ""


class VoteForm(forms.Form):
    """The counts, or for a council meeting each member's vote from which the counts follow."""

    agenda_item = forms.ModelChoiceField(AgendaItem.objects.none(), label=gettext_lazy("Agenda item"))
    text = forms.CharField(label=gettext_lazy("Motion"), widget=forms.Textarea(attrs={"rows": 3}))
    yes = forms.IntegerField(label=gettext_lazy("In favour"), min_value=0, required=False)
    no = forms.IntegerField(label=gettext_lazy("Against"), min_value=0, required=False)
    abstain = forms.IntegerField(label=gettext_lazy("Abstentions"), min_value=0, required=False)

    def __init__(self, *args, user=None, item: AgendaItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only meetings that took place: a vote on a future one would be refused (council.attendance).
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(
                meeting__village__in=committee_villages(user), meeting__date__lte=timezone.localdate()
            )
            .select_related("meeting")
            .order_by("-meeting__date", "meeting_id", "sort_order", "pk")
        )
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.meeting} · {item.title}"
        if item is not None:
            # Chosen on the first step: shown as text above the form, so the page has one 议题 list, not two.
            self.fields["agenda_item"].widget = forms.HiddenInput()
        self.voters = []
        if item is not None and item.meeting.kind == quorum.COUNCIL:
            absent = {line.member_id: line.note for line in item.meeting.attendance.all() if not line.present}
            choices = [(ABSENT, _("No vote (absent or not recorded)")), *RollCallVote.Vote.choices]
            for member in services.roll_call_voters(item.meeting):
                self.voters.append(member)
                field = forms.ChoiceField(label=str(member), choices=choices, required=False)
                if member.pk in absent:
                    field.help_text = _("Absent on the attendance sheet.") + (
                        f" {absent[member.pk]}" if absent[member.pk] else ""
                    )
                self.fields[self.roll_call_name(member)] = field

    @staticmethod
    def roll_call_name(member) -> str:
        return f"member_{member.pk}"

    def roll_call_fields(self):
        return [self[self.roll_call_name(member)] for member in self.voters]

    def clean(self):
        cleaned = super().clean()
        roll_call = {
            member: cleaned[self.roll_call_name(member)]
            for member in self.voters
            if cleaned.get(self.roll_call_name(member))
        }
        cleaned["roll_call"] = roll_call
        for name in ("yes", "no", "abstain"):
            if cleaned.get(name) is None and name not in self.errors:
                if roll_call:
                    # The counts follow from the roll call when they are left empty.
                    cleaned[name] = list(roll_call.values()).count(name)
                elif name == "yes":
                    self.add_error("yes", _("Enter the number in favour, or each member's vote below."))
                else:
                    cleaned[name] = 0
        return cleaned


def _chosen_item(request, user) -> AgendaItem | None:
    pk = request.POST.get("agenda_item") or request.GET.get("item") or ""
    if not (pk.isascii() and pk.isdigit()):
        return None
    items = AgendaItem.objects.filter(meeting__village__in=committee_villages(user))
    return items.select_related("meeting__village").prefetch_related("meeting__attendance").filter(pk=pk).first()


def _refusal(item: AgendaItem | None) -> str:
    """Why a vote on this item would be refused, said before the clerk types the counts (or "")."""
    if item is None:
        return ""
    meeting = item.meeting
    if not council_attendance.has_taken_place(meeting):
        return _("“%(meeting)s” is on %(date)s: record its votes once it has taken place.") % {
            "meeting": meeting.title,
            "date": meeting.date.isoformat(),
        }
    delegated = item.reserved_matter and services.active_delegation(meeting.village, item.reserved_matter, meeting.date)
    if item.reserved_matter and meeting.kind == quorum.REPRESENTATIVES and not delegated:
        return _(
            "“%(matter)s” is a matter reserved to the village assembly (村民委员会组织法 art. 24). "
            "A representatives' meeting may decide it only under a delegation by the assembly, "
            "and none is recorded for this matter on %(date)s."
        ) % {"matter": item.get_reserved_matter_display(), "date": meeting.date.isoformat()}
    return ""


def record_vote(request):
    if not may_use(request.user):
        raise PermissionDenied
    item = _chosen_item(request, request.user)
    initial = {"agenda_item": item.pk} if item else {}
    form = VoteForm(request.POST or None, user=request.user, item=item, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                motion = services.record_motion(
                    request.user,
                    data["agenda_item"],
                    data["text"],
                    data["yes"],
                    data["no"],
                    data["abstain"],
                    roll_call=data["roll_call"] or None,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                result = motion.result(services.council_of(motion.agenda_item.meeting.village).rule())
                messages.success(request, _("Vote recorded. %(explanation)s") % {"explanation": result.explanation})
                return redirect("council_record_vote")
    context = {
        "form": form,
        "item": item,
        "roll_call": form.roll_call_fields(),
        "refusal": _refusal(item),
    }
    response = TemplateResponse(request, "council/admin/vote.html", context)
    response.status_code = status
    return response


def proposals(request):
    if not may_use(request.user):
        raise PermissionDenied
    rows = (
        CouncilProposal.objects.filter(village__in=committee_villages(request.user))
        .select_related("village", "submitted_by", "agenda_item__meeting")
        .order_by("-submitted_at", "-pk")
    )
    page = paginate(request, rows)
    return TemplateResponse(request, "council/admin/proposals.html", {"proposals": page, "page_obj": page})


HANDLE_CHOICES = [
    ("accept", gettext_lazy("Put on a meeting agenda")),
    ("decline", gettext_lazy("Decline with a reason")),
    ("decided", gettext_lazy("Mark as decided")),
    ("implemented", gettext_lazy("Mark as implemented")),
]
# The form's action -> the status it moves the proposal to (CouncilProposal.NEXT lists the allowed ones).
HANDLE_TARGETS = {"accept": "accepted", "decline": "declined", "decided": "decided", "implemented": "implemented"}


def _next_steps(proposal: CouncilProposal) -> tuple[list[str], str]:
    """The steps the services would accept now, and why a step the clerk may look for is not offered yet."""
    allowed = [action for action, target in HANDLE_TARGETS.items() if target in CouncilProposal.NEXT[proposal.status]]
    waiting = ""
    if "decided" in allowed and proposal.motion is None:
        allowed.remove("decided")
        waiting = _("It can be marked as decided once the vote on its agenda item is recorded (Record a vote).")
    return allowed, waiting


class HandleForm(forms.Form):
    action = forms.ChoiceField(
        choices=HANDLE_CHOICES,
        label=gettext_lazy("Next step"),
        widget=forms.RadioSelect,
    )
    meeting = forms.ModelChoiceField(Meeting.objects.none(), required=False, label=gettext_lazy("Meeting"))
    note = forms.CharField(
        required=False,
        label=gettext_lazy("Reason or note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed when declining; the resident sees it."),
    )


def handle_proposal(request, pk: int):
    proposal = get_object_or_404(CouncilProposal, pk=pk)
    if not services.can_handle_proposals(request.user, proposal.village):
        raise PermissionDenied
    form = HandleForm(request.POST or None)
    offered, waiting = _next_steps(proposal)
    form.fields["action"].choices = [(value, label) for value, label in HANDLE_CHOICES if value in offered]
    form.fields["meeting"].queryset = Meeting.objects.filter(village=proposal.village)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["action"] == "accept":
                    if data["meeting"] is None:
                        raise ValidationError(_("Choose the meeting."))
                    services.accept_proposal(request.user, proposal, data["meeting"])
                elif data["action"] == "decline":
                    services.decline_proposal(request.user, proposal, data["note"])
                elif data["action"] == "decided":
                    services.mark_proposal_decided(request.user, proposal)
                else:
                    services.mark_proposal_implemented(request.user, proposal, data["note"])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The proposal was updated and the resident notified."))
                return redirect("council_proposals")
    context = {"form": form, "proposal": proposal, "offered": offered, "waiting": waiting}
    response = TemplateResponse(request, "council/admin/handle.html", context)
    response.status_code = status
    return response


def attendance(request, pk: int):
    """Tick the council members present at a meeting (the roster of the term in office on its date)."""
    meeting = get_object_or_404(Meeting.objects.filter(village__in=committee_villages(request.user)), pk=pk)
    members = council_attendance.roster(meeting)
    lines = {line.member_id: line for line in meeting.attendance.all() if line.member_id}
    council = services.council_of(meeting.village)
    status = 200
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("present") if pk.isascii() and pk.isdigit()}
        notes = {member.pk: request.POST.get(f"note_{member.pk}", "") for member in members}
        try:
            count = council_attendance.record_attendance(request.user, meeting, present, notes)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            status = 400
        else:
            messages.success(request, _("Attendance saved: %(count)d voting members present.") % {"count": count})
            return redirect("council_meetings:edit", meeting.pk)
    rows = [
        {
            "member": member,
            "votes": member.votes(council),
            "present": member.pk in lines and lines[member.pk].present,
            "note": lines[member.pk].note if member.pk in lines else "",
        }
        for member in members
    ]
    context = {
        "meeting": meeting,
        "rows": rows,
        "council_meeting": meeting.kind == quorum.COUNCIL,
        "taken_place": council_attendance.has_taken_place(meeting),
    }
    return TemplateResponse(request, "council/admin/attendance.html", context, status=status)

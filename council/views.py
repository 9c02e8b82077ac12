"""Thin views behind the council page's routes: context, meeting detail, CSV export, proposal form."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from home.models.sections import LINK_FIELDS
from home.privacy.detect import mask_all
from portal.admin_lists import EXPORT_CHUNK, stream_csv
from portal.ratelimit import rate_limited
from residents.decorators import not_verified_response
from residents.rules import is_verified_resident_of

from . import quorum, services
from .forms import ProposalForm
from .models import AgendaItem, Attendance, CouncilMember, CouncilProposal, CouncilTerm, Meeting, Motion, RollCallVote

MEETINGS_SHOWN = 50
EXPORTS = ("meetings", "attendance", "motions")


def meeting_url(page, pk: int, request=None) -> str:
    return page.get_url(request) + page.reverse_subpage("meeting", args=[pk])


def _terms(council):
    members = Prefetch("members", queryset=CouncilMember.objects.order_by("sort_order", "pk"))
    return list(CouncilTerm.objects.filter(council=council).prefetch_related(members))


def council_context(page, request) -> dict:
    village = page.village
    council = services.council_of(village)
    today = timezone.localdate()
    terms = _terms(council)
    current = next((term for term in terms if term.starts_on <= today <= term.ends_on), None)
    resolutions = list(
        Motion.objects.filter(agenda_item__meeting__village=village, resolution__isnull=False, resolution__live=True)
        .select_related("agenda_item__meeting", "resolution")
        # A link to the resolution notice and the meeting's date: not the notices' and meetings' full rows.
        .only("agenda_item__meeting__date", *(f"resolution__{name}" for name in LINK_FIELDS))
        .order_by("-agenda_item__meeting__date", "-pk")[:20]
    )
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    my_proposals = (
        list(
            CouncilProposal.objects.filter(submitted_by=resident, village=village)
            .select_related("agenda_item__meeting")
            .prefetch_related("agenda_item__motions")
        )
        if resident
        else []
    )
    meetings = list(Meeting.objects.filter(village=village).only("date", "title", "kind")[:MEETINGS_SHOWN])
    for meeting in meetings:
        meeting.url = meeting_url(page, meeting.pk, request)
    for proposal in my_proposals:
        proposal.meeting_url = (
            meeting_url(page, proposal.agenda_item.meeting_id, request) if proposal.agenda_item else ""
        )
        # The result the resident waits for, worked out from the meeting's frozen figures, in their language.
        motion = proposal.motion
        proposal.result = None
        if motion is not None:
            meeting = proposal.agenda_item.meeting
            motion.agenda_item = proposal.agenda_item
            proposal.result = (motion, motion.result(council.rule() if meeting.kind == quorum.COUNCIL else None))
    return {
        "council": council,
        "current_term": current,
        "past_terms": [term for term in terms if term is not current and term.ends_on < today],
        "meetings": meetings,
        "export_urls": {what: page.url + page.reverse_subpage("export", args=[what]) for what in EXPORTS},
        "resolutions": resolutions,
        "my_proposals": my_proposals,
        "propose_url": page.url + page.reverse_subpage("propose"),
        "demands_url": page.url + page.reverse_subpage("demands"),
    }


def meeting_detail(page, request, pk: int):
    roll_call = Prefetch("roll_call", queryset=RollCallVote.objects.select_related("member"))
    motions = Prefetch("motions", queryset=Motion.objects.select_related("resolution").prefetch_related(roll_call))
    meeting = (
        Meeting.objects.filter(village=page.village, pk=pk)
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related(motions)), "attendance", "attachments"
        )
        .first()
    )
    if meeting is None:
        raise Http404(_("No such meeting."))
    rule = services.council_of(page.village).rule() if meeting.kind == quorum.COUNCIL else None
    items = []
    for item in meeting.agenda.all():
        rows = []
        for motion in item.motions.all():
            motion.agenda_item = item
            rows.append((motion, motion.result(rule)))
        items.append((item, rows))
    return page.render(
        request,
        context_overrides={
            "meeting": meeting,
            "items": items,
            "council_url": page.url,
            # A meeting still to come has no attendance: "0 present of 11" read as if nobody came.
            "upcoming": meeting.date > timezone.localdate(),
            "short_target": meeting,  # the short link and print view are the meeting's (council.printing)
        },
        template="council/meeting_detail.html",
    )


def _masked_rows(rows):
    """Every cell masked: the exports are public, and what staff typed into a meeting record (a note, a motion)
    is not checked when it is stored (DOMAIN §5)."""
    for row in rows:
        yield [mask_all(cell) if isinstance(cell, str) else cell for cell in row]


def _meeting_rows(meetings):
    yield [_("date"), _("kind"), _("title"), _("place"), _("convener"), _("how it was called"), _("expected")] + [
        _("present"),
        _("households represented"),
    ]
    for m in meetings.order_by("-date", "-pk").iterator(chunk_size=EXPORT_CHUNK):
        yield [m.date, m.get_kind_display(), m.title, m.place, m.convener, m.get_called_by_display(), m.expected] + [
            m.present_persons,
            m.present_households,
        ]


def _attendance_rows(village):
    yield [_("date"), _("meeting"), _("name"), _("present"), _("note")]
    lines = (
        Attendance.objects.filter(meeting__village=village)
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting_id", "pk")
    )
    for line in lines.iterator(chunk_size=EXPORT_CHUNK):
        yield [line.meeting.date, line.meeting.title, line.name, _("yes") if line.present else _("no"), line.note]


def _motion_rows(village):
    yield [_("date"), _("meeting"), _("agenda item"), _("motion"), _("in favour"), _("against"), _("abstentions")] + [
        _("valid"),
        _("passed"),
        _("advisory"),
    ]
    rows = Motion.objects.filter(agenda_item__meeting__village=village).select_related("agenda_item__meeting")
    for motion in rows.order_by("agenda_item__meeting__date", "pk").iterator(chunk_size=EXPORT_CHUNK):
        meeting = motion.agenda_item.meeting
        yield [meeting.date, meeting.title, motion.agenda_item.title, motion.text, motion.yes, motion.no] + [
            motion.abstain,
            int(motion.valid),
            int(motion.passed),
            int(motion.advisory),
        ]


def export_csv(page, request, what: str):
    """Meetings, attendance or motions of the village: streamed from the database in chunks (portal.admin_lists),
    UTF-8 with a BOM for Excel, in a fixed number of queries whatever the years of records."""
    village = page.village
    if what == "meetings":
        return stream_csv(
            f"{village.code}-meetings.csv", _masked_rows(_meeting_rows(Meeting.objects.filter(village=village)))
        )
    if what == "attendance":
        return stream_csv(f"{village.code}-attendance.csv", _masked_rows(_attendance_rows(village)))
    if what == "motions":
        return stream_csv(f"{village.code}-motions.csv", _masked_rows(_motion_rows(village)))
    raise Http404(_("No such export."))


@rate_limited("proposal")
def propose(page, request):
    village = page.village
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_verified_resident_of(request.user, village):
        return not_verified_response(request, village)
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.submit_proposal(request.user, village, form.cleaned_data["title"], form.cleaned_data["text"])
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your proposal was sent to the council."))
                return redirect(page.url)
    response = page.render(request, context_overrides={"form": form}, template="council/propose.html")
    response.status_code = status
    return response

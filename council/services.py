"""Every change of state of the council's records goes through here.

record_meeting freezes the register figures; record_motion computes the result from those frozen figures
and refuses a binding record of a reserved matter where VCOL art. 24 does not allow one; a passed binding
motion publishes its resolution into the village's notices; proposals move one allowed step at a time.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.models import Village, VillagePage
from home.privacy.detect import mask_all
from home.privacy.resident_text import public_text_problem
from home.sanitizer import sanitize_html, sanitize_text
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from residents.models import Resident
from residents.rules import is_verified_resident_of

from . import quorum
from .models import (
    AgendaItem,
    Council,
    CouncilProposal,
    Delegation,
    Meeting,
    Motion,
    RollCallVote,
    VillageRegisterRecord,
)
from .rules import can_handle_proposals, can_record_meetings


def council_of(village: Village) -> Council:
    council, _created = Council.objects.get_or_create(village=village)
    return council


def voting_members_on(village: Village, date: datetime.date) -> int:
    council = council_of(village)
    term = council.term_on(date)
    if term is None:
        return 0
    return sum(1 for member in term.members.all() if member.votes(council))


def record_register(village: Village, effective_on: datetime.date | None = None) -> VillageRegisterRecord | None:
    """Keep the village's current register figures as a dated record, if they differ from those in force.

    Called whenever a Village is saved; the date is the register's own "as of" date, or today.
    """
    effective_on = effective_on or village.register_updated_on or timezone.localdate()
    in_force = VillageRegisterRecord.as_of(village, effective_on)
    if in_force is not None and in_force.effective_on <= effective_on and in_force.same_figures(village):
        return None
    record, _created = VillageRegisterRecord.objects.update_or_create(
        village=village,
        effective_on=effective_on,
        defaults={
            "adult_villagers": village.adult_villagers,
            "households": village.households,
            "representatives": village.representatives,
        },
    )
    return record


def freeze_register(meeting: Meeting) -> None:
    """Copy the register figures in force on the meeting date onto the meeting; never read live afterwards.

    A villager group has no register in the portal: its adults and households are entered on the meeting.
    """
    village = meeting.village
    record = VillageRegisterRecord.as_of(village, meeting.date) if meeting.date else None
    figures = record or village
    if meeting.kind != quorum.GROUP:
        meeting.eligible_adults = figures.adult_villagers
        meeting.eligible_households = figures.households
    meeting.eligible_representatives = figures.representatives
    meeting.eligible_members = voting_members_on(village, meeting.date)
    meeting.register_as_of = record.effective_on if record else village.register_updated_on
    meeting.register_frozen_on = timezone.localdate()


def record_meeting(user, village: Village, **fields) -> Meeting:
    if user is not None and not can_record_meetings(user, village):
        raise PermissionDenied(_("Only the committee of this village can record its meetings."))
    meeting = Meeting(village=village, **fields)
    meeting.minutes = sanitize_html(meeting.minutes)
    freeze_register(meeting)
    meeting.full_clean()
    meeting.save()
    return meeting


def active_delegation(village: Village, matter: str, on: datetime.date) -> Delegation | None:
    return (
        Delegation.objects.filter(village=village, matter=matter, starts_on__lte=on)
        .exclude(ends_on__lt=on)
        .order_by("-starts_on")
        .first()
    )


def record_motion(
    user,
    agenda_item: AgendaItem,
    text: str,
    yes: int,
    no: int = 0,
    abstain: int = 0,
    roll_call: dict | None = None,
    publish_resolution: bool = True,
) -> Motion:
    """Record a vote; refuses what VCOL art. 24 forbids, with a message naming the rule."""
    meeting = agenda_item.meeting
    if user is not None and not can_record_meetings(user, meeting.village):
        raise PermissionDenied(_("Only the committee of this village can record its meetings."))
    from .attendance import require_taken_place

    require_taken_place(meeting, "votes")
    text = sanitize_text(text)
    if not text:
        raise ValidationError({"text": _("Write the motion.")})
    delegation = None
    if agenda_item.reserved_matter:
        delegation = (
            active_delegation(meeting.village, agenda_item.reserved_matter, meeting.date)
            if meeting.kind == quorum.REPRESENTATIVES
            else None
        )
        force = quorum.decision_force(meeting.kind, True, delegation is not None)
        if force == quorum.REFUSED:
            raise ValidationError(
                _(
                    "“%(matter)s” is a matter reserved to the village assembly (村民委员会组织法 art. 24). "
                    "A representatives' meeting may decide it only under a delegation by the assembly, "
                    "and none is recorded for this matter on %(date)s."
                )
                % {"matter": agenda_item.get_reserved_matter_display(), "date": meeting.date.isoformat()}
            )
    if roll_call:
        check_roll_call(meeting, roll_call, yes, no, abstain)
    motion = Motion(agenda_item=agenda_item, text=text, yes=yes, no=no, abstain=abstain, delegation=delegation)
    rule = council_of(meeting.village).rule() if meeting.kind == quorum.COUNCIL else None
    try:
        result = motion.result(rule)
    except quorum.CountError as error:
        raise ValidationError(str(error)) from error
    motion.valid, motion.passed, motion.advisory = result.valid, result.passed, result.advisory
    with transaction.atomic():
        motion.save()
        for member, vote in (roll_call or {}).items():
            RollCallVote.objects.create(motion=motion, member=member, vote=vote)
        if publish_resolution and motion.valid and motion.passed and not motion.advisory:
            publish_resolution_notice(motion)
    return motion


def roll_call_voters(meeting: Meeting) -> list:
    """The members who may answer the roll call: the voting members of the term in office on the meeting date."""
    council = council_of(meeting.village)
    term = council.term_on(meeting.date)
    return [member for member in term.members.all() if member.votes(council)] if term else []


def link_attendance(meeting: Meeting) -> None:
    """Tie the attendance sheet's lines to the council members of that name, so the roll call knows who was away.

    The admin types names; a council meeting's sheet is matched against the term in office on its date.
    """
    if meeting.kind != quorum.COUNCIL:
        return
    term = council_of(meeting.village).term_on(meeting.date)
    by_name = {member.name: member for member in term.members.all()} if term else {}
    for line in meeting.attendance.filter(member__isnull=True):
        if line.name.strip() in by_name:
            line.member = by_name[line.name.strip()]
            line.save(update_fields=["member"])


def check_roll_call(meeting: Meeting, roll_call: dict, yes: int, no: int, abstain: int) -> None:
    """Each vote from a voting member who was there, and the counts exactly those of the roll call."""
    if meeting.kind != quorum.COUNCIL:
        raise ValidationError(_("A roll-call vote is recorded for council meetings only."))
    allowed = {member.pk for member in roll_call_voters(meeting)}
    strangers = [member.name for member in roll_call if member.pk not in allowed]
    if strangers:
        raise ValidationError(
            _("%(names)s cannot vote at this meeting: only the voting members of the term in office on %(date)s can.")
            % {"names": "、".join(strangers), "date": meeting.date.isoformat()}
        )
    absent = set(meeting.attendance.filter(present=False).values_list("member_id", flat=True))
    marked_absent = [member.name for member in roll_call if member.pk in absent]
    if marked_absent:
        raise ValidationError(
            _("%(names)s is marked absent on the attendance sheet and cannot have a roll-call vote.")
            % {"names": "、".join(marked_absent)}
        )
    tally = {vote: list(roll_call.values()).count(vote) for vote in RollCallVote.Vote.values}
    if (tally["yes"], tally["no"], tally["abstain"]) != (yes, no, abstain):
        raise ValidationError(
            _(
                "The counts do not follow from the roll call: it has %(roll_yes)d in favour, %(roll_no)d against "
                "and %(roll_abstain)d abstentions, but %(yes)d, %(no)d and %(abstain)d were entered."
            )
            % {
                "roll_yes": tally["yes"],
                "roll_no": tally["no"],
                "roll_abstain": tally["abstain"],
                "yes": yes,
                "no": no,
                "abstain": abstain,
            }
        )


def _notice_index(village: Village) -> NoticeIndexPage | None:
    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    if village_page is None:
        return None
    return NoticeIndexPage.objects.child_of(village_page).first()


def publish_resolution_notice(motion: Motion) -> NoticePage | None:
    """A passed binding motion becomes a 村务 notice linking back to its meeting record. It is written once, in
    the language of the default tree it is published in, whatever language the clerk's admin is in."""
    with translation.override(Locale.get_default().language_code):
        return _write_resolution_notice(motion)


def _write_resolution_notice(motion: Motion) -> NoticePage | None:
    meeting = motion.agenda_item.meeting
    index = _notice_index(meeting.village)
    if index is None or motion.resolution_id:
        return None
    council_page = council_page_of(meeting.village)
    link = council_page.url + council_page.reverse_subpage("meeting", args=[meeting.pk]) if council_page else ""
    result = motion.result(council_of(meeting.village).rule() if meeting.kind == quorum.COUNCIL else None)
    # The guard refuses full IDs and phones on publication; resolutions are masked before they are written.
    body = "".join(
        f"<p>{escape(mask_all(line))}</p>"
        for line in (
            f"{meeting.date:%Y年%m月%d日}{meeting.get_kind_display()}（{meeting.place}）审议“{motion.agenda_item.title}”。",
            f"决议：{motion.text}",
            f"表决结果：赞成 {motion.yes} 票，反对 {motion.no} 票，弃权 {motion.abstain} 票。{result.explanation}。",
        )
    )
    if link:
        body += f'<p><a href="{escape(link)}">会议记录</a></p>'
    notice = NoticePage(
        title=mask_all(f"决议公告：{motion.agenda_item.title}")[:255],
        slug=f"resolution-{meeting.pk}-{motion.pk}",
        date=meeting.date if meeting.date <= timezone.localdate() else timezone.localdate(),
        category=NoticeCategory.objects.filter(slug="affairs").first(),
        summary=mask_all(motion.text)[:250],
        body=[("paragraph", body)],
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()
    motion.resolution = notice
    motion.save(update_fields=["resolution"])
    return notice


def council_page_of(village: Village):
    from .models import CouncilPage

    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    return CouncilPage.objects.child_of(village_page).first() if village_page else None


# -- Resident proposals (议事提案) ------------------------------------------------------------------


def _notify(proposal: CouncilProposal, step: str, **params) -> None:
    from .tasks import tell_proposer

    tell_proposer.enqueue(proposal.pk, step, params)


def submit_proposal(user, village: Village, title: str, text: str, source_url: str = "") -> CouncilProposal:
    if not is_verified_resident_of(user, village):
        raise PermissionDenied(_("Only residents verified by the village committee can send proposals to the council."))
    return escalate_to_council(village, title, text, source_url=source_url, submitted_by=user.resident)


def submit_proposal_for(staff, resident: Resident, title: str, text: str) -> CouncilProposal:
    """Assisted participation: committee staff send a council proposal for a resident of their own village, at the
    office (consultations.services.assisted). The resident is its proposer; ``entered_by`` says who typed it."""
    from residents.rules import can_enter_for_resident

    if not can_enter_for_resident(staff, resident):
        raise PermissionDenied(_("Only the village committee of the resident's own village can enter this for them."))
    return escalate_to_council(resident.village, title, text, submitted_by=resident, entered_by=staff)


def escalate_to_council(
    village: Village,
    title: str,
    text: str,
    source_url: str | None = None,
    submitted_by: Resident | None = None,
    entered_by=None,
) -> CouncilProposal:
    """Create a council proposal; also the one action a consultation uses to pass a proposal on."""
    title, text = sanitize_text(title), sanitize_text(text)
    errors = {}
    if not title:
        errors["title"] = _("Give your proposal a title.")
    if not text:
        errors["text"] = _("Write your proposal.")
    # The friendly refusal residents get everywhere (home.privacy.resident_text), the title included.
    if problem := public_text_problem(title, text):
        errors["text"] = problem
    if errors:
        raise ValidationError(errors)
    proposal = CouncilProposal.objects.create(
        village=village, submitted_by=submitted_by, title=title, text=text, source_url=source_url or "",
        entered_by=entered_by,
    )  # fmt: skip
    _notify(proposal, "received")
    return proposal


def _step(proposal: CouncilProposal, status: str) -> None:
    if status not in CouncilProposal.NEXT[proposal.status]:
        raise ValidationError(
            _("A proposal that is “%(current)s” cannot become “%(next)s”.")
            % {
                "current": CouncilProposal.Status(proposal.status).label,
                "next": CouncilProposal.Status(status).label,
            }
        )


def accept_proposal(user, proposal: CouncilProposal, meeting: Meeting) -> CouncilProposal:
    if not can_handle_proposals(user, proposal.village):
        raise PermissionDenied(_("Only the committee of this village can handle proposals."))
    _step(proposal, CouncilProposal.Status.ACCEPTED)
    if meeting.village_id != proposal.village_id:
        raise ValidationError(_("The meeting belongs to another village."))
    item = AgendaItem.objects.create(
        meeting=meeting, title=proposal.title, description=proposal.text, sort_order=meeting.agenda.count() + 1
    )
    proposal.status, proposal.agenda_item, proposal.accepted_at = "accepted", item, timezone.now()
    proposal.save()
    _notify(proposal, "accepted", meeting=meeting.title, date=meeting.date.isoformat())
    return proposal


def decline_proposal(user, proposal: CouncilProposal, reason: str) -> CouncilProposal:
    if not can_handle_proposals(user, proposal.village):
        raise PermissionDenied(_("Only the committee of this village can handle proposals."))
    _step(proposal, CouncilProposal.Status.DECLINED)
    reason = sanitize_text(reason)
    if not reason:
        raise ValidationError({"decline_reason": _("Give the resident the reason.")})
    if problem := public_text_problem(reason):  # staff text a resident reads: the rule of public text
        raise ValidationError({"decline_reason": problem})
    proposal.status, proposal.decline_reason, proposal.declined_at = "declined", reason, timezone.now()
    proposal.save()
    _notify(proposal, "declined", reason=reason)
    return proposal


def mark_proposal_decided(user, proposal: CouncilProposal) -> CouncilProposal:
    if not can_handle_proposals(user, proposal.village):
        raise PermissionDenied(_("Only the committee of this village can handle proposals."))
    _step(proposal, CouncilProposal.Status.DECIDED)
    if proposal.motion is None:
        raise ValidationError(_("Record the vote on its agenda item first."))
    proposal.status, proposal.decided_at = "decided", timezone.now()
    proposal.save()
    _notify(proposal, "decided")
    return proposal


def mark_proposal_implemented(user, proposal: CouncilProposal, note: str = "") -> CouncilProposal:
    if not can_handle_proposals(user, proposal.village):
        raise PermissionDenied(_("Only the committee of this village can handle proposals."))
    _step(proposal, CouncilProposal.Status.IMPLEMENTED)
    note = sanitize_text(note)
    if problem := public_text_problem(note):
        raise ValidationError({"implementation_note": problem})
    proposal.status, proposal.implemented_at = "implemented", timezone.now()
    proposal.implementation_note = note
    proposal.save()
    _notify(proposal, "implemented")
    return proposal

"""Attendance by ticking the roster, and the one rule about time: a meeting's record waits until it took place.

Part of the council's services (services.py is at its size limit): the roll call of the term in office on the
meeting date is known, so a clerk ticks who came instead of typing names (issue 20). The count present of a
council meeting follows from the ticks, so the sheet and the count cannot disagree.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import quorum
from .models import Attendance, CouncilMember, Meeting
from .rules import can_record_meetings


def has_taken_place(meeting: Meeting, today: datetime.date | None = None) -> bool:
    return meeting.date <= (today or timezone.localdate())


def require_taken_place(meeting: Meeting, record: str) -> None:
    """Refuse to record what happens at a meeting (``record``: "votes" or "attendance") before its date."""
    if has_taken_place(meeting):
        return
    params = {"meeting": meeting.title, "date": meeting.date.isoformat()}
    if record == "votes":
        raise ValidationError(_("“%(meeting)s” is on %(date)s: record its votes once it has taken place.") % params)
    raise ValidationError(_("“%(meeting)s” is on %(date)s: tick who came once it has taken place.") % params)


def roster(meeting: Meeting) -> list[CouncilMember]:
    """Every member of the council's term in office on the meeting date, in roster order."""
    from .services import council_of

    term = council_of(meeting.village).term_on(meeting.date)
    return list(term.members.all()) if term else []


@transaction.atomic
def record_attendance(user, meeting: Meeting, present: set[int], notes: dict[int, str]) -> int:
    """Tick the members present (ids of ``roster(meeting)``); returns the voting members present, which becomes
    the meeting's count present. Lines for people not on the roster (guests typed by hand) are kept."""
    if user is not None and not can_record_meetings(user, meeting.village):
        raise PermissionDenied(_("Only the committee of this village can record its meetings."))
    if meeting.kind != quorum.COUNCIL:
        raise ValidationError(_("Only a council meeting has a roster to tick; enter the counts for other meetings."))
    require_taken_place(meeting, "attendance")
    from .services import council_of

    council = council_of(meeting.village)
    members = roster(meeting)
    unknown = set(present) - {member.pk for member in members}
    if unknown:
        raise ValidationError(_("Please choose from the members listed."))
    lines = {line.member_id: line for line in meeting.attendance.filter(member__in=members)}
    voting_present = 0
    for member in members:
        line = lines.get(member.pk) or Attendance(meeting=meeting, member=member)
        line.name, line.present = member.name, member.pk in present
        line.note = (notes.get(member.pk) or "").strip()[:80]
        line.save()
        voting_present += line.present and member.votes(council)
    Meeting.objects.filter(pk=meeting.pk).update(present_persons=voting_present)
    meeting.present_persons = voting_present
    return voting_present

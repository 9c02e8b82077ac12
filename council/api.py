"""The council's public record for the open-data API: roster names and roles, meetings, motions, resolutions.

No personal field beyond the public roster names: no resident links, no attendance sheet, no roll-call names.
"""

from django.db.models import Prefetch
from django.utils import timezone

from home.privacy.detect import mask_all

from . import quorum, services
from .models import AgendaItem, CouncilMember, CouncilTerm, Meeting, Motion


def _masked(value):
    """Every string of the record with full personal numbers masked: meetings, agenda and motions are written by
    staff in the admin, and text stored before any check must not reach the open-data API in full (DOMAIN §5)."""
    if isinstance(value, str):
        return mask_all(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


def council_record(page) -> dict:
    return _masked(_record(page))


def _record(page) -> dict:
    village = page.village
    council = services.council_of(village)
    rule = council.rule()
    terms = CouncilTerm.objects.filter(council=council).prefetch_related(
        Prefetch("members", queryset=CouncilMember.objects.order_by("sort_order", "pk"))
    )
    motions = Prefetch("motions", queryset=Motion.objects.select_related("resolution"))
    meetings = Meeting.objects.filter(village=village).prefetch_related(
        Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related(motions))
    )
    today = timezone.localdate()

    def motion_data(meeting, item, motion) -> dict:
        motion.agenda_item = item
        item.meeting = meeting
        result = motion.result(rule if meeting.kind == quorum.COUNCIL else None)
        return {
            "text": motion.text,
            "yes": motion.yes,
            "no": motion.no,
            "abstain": motion.abstain,
            "valid": result.valid,
            "passed": result.passed,
            "advisory": result.advisory,
            "explanation": result.explanation,
            "resolution_url": motion.resolution.url if motion.resolution and motion.resolution.live else None,
        }

    meetings = list(meetings)
    resolutions = [
        {
            "title": motion.resolution.title,
            "date": meeting.date,
            "meeting_id": meeting.pk,
            "url": motion.resolution.url,
        }
        for meeting in meetings
        for item in meeting.agenda.all()
        for motion in item.motions.all()
        if motion.resolution and motion.resolution.live
    ]
    return {
        "thresholds": {
            "quorum": f"{council.quorum_numerator}/{council.quorum_denominator}",
            "majority": f"{council.majority_numerator}/{council.majority_denominator}",
            "supervisors_vote": council.supervisors_vote,
        },
        "resolutions": resolutions,
        "terms": [
            {
                "name": term.name,
                "starts_on": term.starts_on,
                "ends_on": term.ends_on,
                "current": term.starts_on <= today <= term.ends_on,
                "members": [{"name": m.name, "role": m.role} for m in term.members.all()],
            }
            for term in terms
        ],
        "meetings": [
            {
                "id": meeting.pk,
                "kind": meeting.kind,
                "title": meeting.title,
                "date": meeting.date,
                "place": meeting.place,
                "called_by": meeting.called_by,
                "expected": meeting.expected,
                "register_as_of": meeting.register_as_of,
                "present": meeting.present_persons,
                "households_expected": meeting.eligible_households,
                "households_present": meeting.present_households,
                "agenda": [
                    {
                        "title": item.title,
                        "reserved_matter": item.reserved_matter,
                        "motions": [motion_data(meeting, item, motion) for motion in item.motions.all()],
                    }
                    for item in meeting.agenda.all()
                ],
            }
            for meeting in meetings
        ],
    }

"""Assisted participation (Decidim's managed users, CONSUL's "management"): at the village office, committee
staff enter a proposal, a support or a comment for a resident who has no phone (the offline register) or asks
for help, as they enter paper ballots.

The record is the resident's own (author / resident is the Resident), goes through the same service as the
resident's own action (the same phase, audience and text checks, the same unique constraint on supports, so it
counts once whoever enters it first), and carries ``entered_by``: the public page says "由村委会代为录入", and the
audit log (audit.signals) has who entered it and when.
"""

from django.utils.translation import gettext as _

from ..models import Comment, Proposal
from .discussion import add_comment, submit_proposal, support
from .errors import ConsultationError


def _require_staff(staff, resident, page) -> None:
    from residents.rules import can_enter_for_resident

    if not can_enter_for_resident(staff, resident):
        raise ConsultationError(_("Only the village committee of the resident's own village can enter this for them."))
    village = page.village
    if village is None or village.pk != resident.village_id:
        raise ConsultationError(_("This consultation is not of the resident's village."))


def submit_proposal_for(page, resident, staff, *, title: str, text: str, location_note: str = "", now=None) -> Proposal:
    page = page.records
    _require_staff(staff, resident, page)
    return submit_proposal(
        page, resident, title=title, text=text, location_note=location_note, now=now, entered_by=staff
    )


def support_for(proposal: Proposal, resident, staff, *, now=None) -> bool:
    """Staff enter the resident's support. Refused when the resident supports it already (online or entered
    before): one support per resident per proposal, decided by the database."""
    _require_staff(staff, resident, proposal.page)
    if not support(proposal, resident, now=now, entered_by=staff):
        raise ConsultationError(_("This resident already supports this proposal; a support counts once."))
    return True


def add_comment_for(page, resident, staff, text: str, *, proposal=None, now=None) -> Comment:
    page = page.records
    _require_staff(staff, resident, page)
    if proposal is not None and proposal.page_id != page.pk:
        raise ConsultationError(_("Please choose a proposal of this consultation."))
    return add_comment(page, resident, text, proposal=proposal, now=now, entered_by=staff)

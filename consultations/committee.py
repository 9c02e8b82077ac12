"""The committee's state changes after deliberation: passing a proposal to the council, and outcome follow-up.

(Setting a proposal's status stays in consultations.services with the other proposal actions.)
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.privacy.resident_text import public_text_problem
from home.sanitizer import sanitize_text

from . import tasks
from .models import ConsultationPage, FollowUp, Proposal
from .rules import can_manage_consultation
from .services import ConsultationError


def escalate_proposal(proposal: Proposal, by, *, source_url: str = ""):
    """Pass a proposal on to the villager council (council.services.escalate_to_council); once only."""
    from council.services import escalate_to_council

    if not can_manage_consultation(by, proposal.page):
        raise ConsultationError(_("Only the village committee can do this."))
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise ConsultationError(_("A withdrawn proposal cannot be passed on."))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.council_proposal_id is not None:
            raise ConsultationError(_("This proposal has already been passed on to the villager council."))
        try:
            council_proposal = escalate_to_council(
                proposal.page.village,
                proposal.title,
                sanitize_text(proposal.text),
                source_url=source_url,
                submitted_by=proposal.author,
            )
        except ValidationError as error:
            raise ConsultationError(" ".join(error.messages)) from None
        locked.council_proposal = council_proposal
        locked.save(update_fields=["council_proposal", "updated_at"])
    proposal.council_proposal = council_proposal
    tasks.proposal_escalated.enqueue(proposal.pk)
    return council_proposal


def add_follow_up(
    page: ConsultationPage,
    by,
    *,
    stage: str,
    date: datetime.date | None,
    text: str,
    proposal: Proposal | None = None,
    now: datetime.datetime | None = None,
) -> FollowUp:
    """Record what was decided or done. For a selected proposal at any time; for the consultation once closed."""
    if not can_manage_consultation(by, page):
        raise ConsultationError(_("Only the village committee can do this."))
    if stage not in FollowUp.Stage.values:
        raise ConsultationError(_("Please choose a stage."))
    if date is None:
        raise ConsultationError(_("Please give a date."))
    if not sanitize_text(text).strip():
        raise ConsultationError(_("Please write what was decided or done."))
    if problem := public_text_problem(text):  # shown to everyone: the rule of resident text
        raise ConsultationError(problem)
    if proposal is not None:
        if proposal.page_id != page.pk:
            raise ConsultationError(_("Please choose from the options shown."))
        if proposal.status != Proposal.Status.SELECTED:
            raise ConsultationError(_("Follow-up can be recorded for selected proposals only."))
    elif page.phase_at(now or timezone.now()) != "results":
        raise ConsultationError(_("Follow-up on the consultation as a whole can be recorded once voting has closed."))
    update = FollowUp.objects.create(page=page, proposal=proposal, stage=stage, date=date, text=text, by=by)
    tasks.follow_up_added.enqueue(update.pk)
    return update

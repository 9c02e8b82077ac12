"""Who may take part in a consultation. Phases are checked by services (consultations.phases.ACTION_PHASES)."""

import rules

from residents.rules import can_manage_village, is_verified_resident_of

from .models import Audience


def audience_allows(resident, page) -> bool:
    """A verified, not deleted resident of the page's village who belongs to the page's audience."""
    if resident is None or resident.is_deleted or not resident.is_verified:
        return False
    village = page.village
    if village is None or resident.village_id != village.pk:
        return False
    if page.audience == Audience.REPRESENTATIVES:
        return resident.is_representative
    if page.audience == Audience.COUNCIL:
        return resident.is_council_member
    return True


@rules.predicate
def can_take_part(user, page) -> bool:
    if not is_verified_resident_of(user, page.village):
        return False
    return audience_allows(user.resident, page)


@rules.predicate
def can_manage_consultation(user, page) -> bool:
    return can_manage_village(user, page.village)


@rules.predicate
def is_proposal_author(user, proposal) -> bool:
    """The signed-in user wrote this proposal (a deleted resident no longer speaks for it)."""
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    return resident is not None and not resident.is_deleted and proposal.author_id == resident.pk


@rules.predicate
def is_comment_author(user, comment) -> bool:
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    return resident is not None and not resident.is_deleted and comment.author_id == resident.pk


@rules.predicate
def can_report_comment(user, comment) -> bool:
    """Reporting is taking part: the same audience as commenting (a verified resident of the village, in the
    consultation's audience), so strangers cannot flood another village's moderation queue."""
    return can_take_part(user, comment.page)


@rules.predicate
def can_follow(user, target) -> bool:
    """Following a consultation or one of its proposals: the audience that may comment on it."""
    return can_take_part(user, getattr(target, "page", target))


# Editing: also the 15-minute window and "not hidden by the committee" (services.edit_comment).
can_edit_comment = is_comment_author

rules.add_perm("consultations.take_part", can_take_part)  # object: ConsultationPage
rules.add_perm("consultations.manage", can_manage_consultation)  # object: ConsultationPage
rules.add_perm("consultations.moderate", can_manage_consultation)  # object: ConsultationPage
# Edit or withdraw: also the page's audience (can_take_part) and the phase (services.edit_proposal) must allow it.
rules.add_perm("consultations.change_proposal", is_proposal_author)
rules.add_perm("consultations.change_comment", can_edit_comment)  # object: Comment
rules.add_perm("consultations.report_comment", can_report_comment)  # object: Comment
rules.add_perm("consultations.follow", can_follow)  # object: ConsultationPage or Proposal  # object: Proposal

"""Proposals, supports, comments and their moderation: every state change goes through here.

Every record is stored against the consultation's record page (home.translations), whichever language tree the
resident acted in; the models' save() makes sure of it.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from home.privacy.resident_text import public_text_problem
from notifications import services as notifications
from portal.prepared import PreparedAdd

from .. import tasks
from ..models import Comment, CommentReport, ModerationEvent, Proposal, Support
from .errors import ConsultationError, require_participant, require_phase

COMMENT_EDIT_WINDOW = datetime.timedelta(minutes=15)


# ---- Proposals, supports, comments, moderation -------------------------------------------------------------


def _refuse_unpublishable(*texts: str) -> None:
    """Published as written: no full personal number, no endless text (home.privacy.resident_text)."""
    if problem := public_text_problem(*texts):
        raise ConsultationError(problem)


def submit_proposal(
    page, resident, *, title: str, text: str, location_note: str = "", photo=None, now=None, entered_by=None
):
    page = page.records
    require_phase(page, "submit_proposal", now)
    require_participant(page, resident)
    _refuse_unpublishable(title, text, location_note)
    proposal = Proposal.objects.create(
        page=page, author=resident, title=title, text=text, location_note=location_note, photo=photo,
        entered_by=entered_by,
    )  # fmt: skip
    if resident.user_id is not None:
        # Authors follow their own proposal: they hear of comments, status changes and follow-up.
        notifications.follow(resident.user, proposal)
    return proposal


def edit_proposal(proposal: Proposal, resident, *, now=None, **fields) -> Proposal:
    require_phase(proposal.page, "edit_proposal", now)
    if proposal.author_id != getattr(resident, "pk", None) or proposal.status != Proposal.Status.SUBMITTED:
        raise ConsultationError(_("Only the author can change this proposal."))
    changed = [name for name in ("title", "text", "location_note", "photo") if name in fields]
    _refuse_unpublishable(*(fields[name] for name in ("title", "text", "location_note") if name in fields))
    old_photo_id = proposal.photo_id
    for name in changed:
        setattr(proposal, name, fields[name])
    # Named fields only: the support and comment counters are kept by the database (F expressions).
    proposal.save(update_fields=[*changed, "updated_at"])
    if old_photo_id is not None and proposal.photo_id != old_photo_id:
        # A photo the author took back must not stay online at its old address (it may show a face or a house).
        from ..photos import discard_if_unused

        transaction.on_commit(lambda: discard_if_unused(old_photo_id), robust=True)  # a storage error: logged
    return proposal


def withdraw_proposal(proposal: Proposal, resident, *, now=None) -> Proposal:
    require_phase(proposal.page, "edit_proposal", now)
    if proposal.author_id != getattr(resident, "pk", None):
        raise ConsultationError(_("Only the author can change this proposal."))
    with transaction.atomic():
        # Locked, so that a withdrawal and the committee's decision cannot cross: once decided, it stays.
        current = Proposal.objects.select_for_update().only("status").get(pk=proposal.pk)
        if current.status != Proposal.Status.SUBMITTED:
            raise ConsultationError(
                _("The village committee has already decided on this proposal, so it can no longer be withdrawn.")
            )
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status", "updated_at"])
    if proposal.photo_id is not None:
        from ..photos import hide_withdrawn_photo

        photo_id = proposal.photo_id
        transaction.on_commit(lambda: hide_withdrawn_photo(photo_id), robust=True)
    return proposal


def set_proposal_status(proposal: Proposal, status: str, reason: str, by, *, now=None) -> Proposal:
    from ..rules import can_manage_consultation

    if not can_manage_consultation(by, proposal.page):
        raise ConsultationError(_("Only the village committee can do this."))
    require_phase(proposal.page, "set_proposal_status", now)
    if status not in (Proposal.Status.SELECTED, Proposal.Status.MERGED, Proposal.Status.NOT_ADOPTED):
        raise ConsultationError(_("Please choose a status."))
    if not reason.strip():
        raise ConsultationError(_("Please give a reason; it is shown to everyone."))
    _refuse_unpublishable(reason)
    proposal.status, proposal.status_reason = status, reason
    proposal.save(update_fields=["status", "status_reason", "updated_at"])
    tasks.proposal_status_changed.enqueue(proposal.pk)
    return proposal


# The counts' increments, the SQL written once (portal.prepared): every support and comment on a proposal adds one.
_ADD_SUPPORT = PreparedAdd(Proposal, "support_count")
_ADD_COMMENT = PreparedAdd(Proposal, "comment_count")


def support(proposal: Proposal, resident, *, now=None, entered_by=None) -> bool:
    """Add the resident's support; True if it is new. One per resident per proposal (unique constraint), whoever
    enters it: the resident online or staff at the office (``entered_by``)."""
    require_phase(proposal.page, "support", now)
    require_participant(proposal.page, resident)
    if proposal.author_id == resident.pk:
        raise ConsultationError(_("You cannot support your own proposal; others can."))
    try:
        # The unique constraint decides a second support, as get_or_create's would, without its read first: in
        # the view's autocommit this block is the transaction itself (no savepoint), and a refusal undoes it.
        with transaction.atomic():
            Support(proposal=proposal, resident=resident, entered_by=entered_by).insert()
            _ADD_SUPPORT(proposal.pk, 1)
    except IntegrityError:
        if not Support.objects.filter(proposal=proposal, resident=resident).exists():
            raise  # not a second support: a proposal gone meanwhile, say
        return False
    return True


def withdraw_support(proposal: Proposal, resident, *, now=None) -> bool:
    require_phase(proposal.page, "support", now)
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(proposal=proposal, resident=resident).delete()
        if deleted:
            Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
    return bool(deleted)


def add_comment(page, resident, text: str, *, proposal=None, parent=None, now=None, entered_by=None) -> Comment:
    page = page.records
    require_phase(page, "comment", now)
    require_participant(page, resident)
    if not text or not text.strip():
        raise ConsultationError(_("Please write your comment."))
    _refuse_unpublishable(text)
    if parent is not None:
        # Threads are one level deep: a reply to a reply joins the top-level comment's thread.
        parent = parent.parent or parent
        proposal = parent.proposal
    with transaction.atomic():
        comment = Comment(
            page=page, author=resident, text=text, proposal=proposal, parent=parent, entered_by=entered_by
        )
        comment.insert()
        if proposal is not None:
            _ADD_COMMENT(proposal.pk, 1)
    # Queued once the comment and its count are committed together (the view runs in autocommit): one write with
    # the database backend, and a worker never picks up a comment that is not stored yet.
    tasks.comment_added.enqueue(comment.pk)
    return comment


def edit_comment(comment: Comment, resident, text: str, *, now=None) -> Comment:
    now = now or timezone.now()
    if comment.author_id != getattr(resident, "pk", None):
        raise ConsultationError(_("Only the author can edit this comment."))
    if comment.is_hidden:
        raise ConsultationError(_("The village committee hid this comment; it cannot be edited."))
    if now - comment.created_at > COMMENT_EDIT_WINDOW:
        raise ConsultationError(_("A comment can be edited only within 15 minutes of writing it."))
    _refuse_unpublishable(text)
    comment.text, comment.edited_at = text, now
    comment.save(update_fields=["text", "edited_at"])
    return comment


def report_comment(comment: Comment, user, reason: str = "") -> bool:
    from ..rules import can_report_comment

    if not user.is_authenticated:
        raise ConsultationError(_("Please sign in to report a comment."))
    if not can_report_comment(user, comment):
        raise ConsultationError(_("Only verified residents who may take part in this consultation can report."))
    with transaction.atomic():
        _obj, created = CommentReport.objects.get_or_create(comment=comment, reporter=user, defaults={"reason": reason})
        if created:
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return created


def follow(user, target) -> bool:
    """Follow a consultation or one of its proposals: only those who may take part in it."""
    from ..rules import can_follow

    if not can_follow(user, target):
        raise ConsultationError(_("Only verified residents who may take part in this consultation can follow it."))
    return notifications.follow(user, target)


def moderate_comment(comment: Comment, by, *, hide: bool, reason: str) -> Comment:
    """Hide or restore with a reason. Never deletes: hidden text stays, the page shows a notice instead."""
    from ..rules import can_manage_consultation

    if not can_manage_consultation(by, comment.page):
        raise ConsultationError(_("Only the village committee can moderate this consultation."))
    if not reason.strip():
        raise ConsultationError(_("Please give a reason."))
    with transaction.atomic():
        comment.is_hidden, comment.hidden_reason = hide, reason
        comment.save(update_fields=["is_hidden", "hidden_reason"])
        ModerationEvent.objects.create(
            comment=comment,
            action=ModerationEvent.Action.HIDE if hide else ModerationEvent.Action.RESTORE,
            reason=reason,
            by=by,
        )
    return comment

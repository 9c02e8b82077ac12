"""Every state change of a consultation goes through here: ballots, paper ballots, closing, proposals, comments.

The database decides double votes (unique constraint on Participation), never a check in Python alone.
"""

import datetime
import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import services as notifications
from residents.models import Resident

from . import phases, tally, tasks
from .models import (
    Audience,
    Ballot,
    BallotChoice,
    Channel,
    Comment,
    CommentReport,
    ConsultationPage,
    ModerationEvent,
    Option,
    Participation,
    Proposal,
    Question,
    Support,
)
from .rules import audience_allows

RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and copied by hand
RECEIPT_LENGTH = 8
COMMENT_EDIT_WINDOW = datetime.timedelta(minutes=15)


class ConsultationError(Exception):
    """A refused action, with a message for the user in their language."""


def _require_phase(page: ConsultationPage, action: str, now: datetime.datetime | None) -> None:
    if not phases.allows(page.phase_at(now), action):
        raise ConsultationError(_("This is not possible in the current phase of the consultation."))


def _require_participant(page: ConsultationPage, resident: Resident | None) -> None:
    if not audience_allows(resident, page):
        raise ConsultationError(
            _("Only verified residents of this village in the consultation's audience can do this.")
        )


# ---- Voting -----------------------------------------------------------------------------------------------


def eligible_residents(page: ConsultationPage):
    qs = Resident.objects.filter(
        village=page.village, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    )
    if page.audience == Audience.REPRESENTATIVES:
        qs = qs.filter(is_representative=True)
    elif page.audience == Audience.COUNCIL:
        qs = qs.filter(is_council_member=True)
    return qs


def ensure_options(question: Question) -> list[Option]:
    """A yes/no question gets its three fixed options the first time they are needed (one query after that)."""
    options = list(Option.objects.filter(question=question).order_by("sort_order", "pk"))
    if question.kind != Question.Kind.YES_NO:
        return options
    fixed = [(Option.Role.YES, "赞成"), (Option.Role.NO, "反对"), (Option.Role.ABSTAIN, "弃权")]
    if {o.role for o in options} >= {role for role, _label in fixed}:
        return [o for o in options if o.role]
    for order, (role, label) in enumerate(fixed):
        Option.objects.get_or_create(question=question, role=role, defaults={"label": label, "sort_order": order})
    return list(Option.objects.filter(question=question).exclude(role="").order_by("sort_order", "pk"))


def _validate_choices(question: Question, option_ids: Iterable[int | str]) -> list[Option]:
    try:
        wanted = {int(pk) for pk in option_ids}
    except (TypeError, ValueError):
        raise ConsultationError(_("Please choose from the options shown.")) from None
    if not wanted:
        raise ConsultationError(_("Please choose an option."))
    options = [option for option in ensure_options(question) if option.pk in wanted]
    if len(options) != len(wanted):
        raise ConsultationError(_("Please choose from the options shown."))
    if len(options) > question.choice_limit:
        raise ConsultationError(
            _("You can choose at most %(n)d options.") % {"n": question.choice_limit}
            if question.choice_limit > 1
            else _("Please choose only one option.")
        )
    return options


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def _store_ballot(question: Question, resident: Resident, options: list[Option], channel: str, entered_by) -> Ballot:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(
                    question=question,
                    receipt=new_receipt(),
                    secret=question.is_secret,
                    resident=None if question.is_secret else resident,
                    channel=channel,
                    entered_by=entered_by,
                )
        except IntegrityError:
            continue  # a receipt collision (1 in 31^8): draw again
        BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, option=option) for option in options])
        return ballot
    raise ConsultationError(_("The ballot could not be stored. Please try again."))


def _cast(
    question: Question,
    resident: Resident,
    option_ids,
    *,
    channel: str,
    entered_by,
    now: datetime.datetime | None,
) -> Ballot:
    page = question.page
    _require_phase(page, "vote", now)
    _require_participant(page, resident)
    options = _validate_choices(question, option_ids)
    # durable: the ballot is committed when this block ends, never inside a caller's transaction, so a receipt
    # shown to the voter is always a stored ballot (a worker killed after this point cannot lose it).
    with transaction.atomic(durable=True):
        try:
            with transaction.atomic():
                Participation.objects.create(
                    question=question, resident=resident, channel=channel, entered_by=entered_by
                )
        except IntegrityError:
            # The resident has voted already: the database said so, whatever the race.
            existing = Participation.objects.select_for_update().get(question=question, resident=resident)
            if channel == Channel.PAPER:
                raise ConsultationError(
                    _("This resident has already voted online; a paper ballot cannot be entered as well.")
                    if existing.channel == Channel.ONLINE
                    else _("A paper ballot has already been entered for this resident.")
                ) from None
            if existing.channel == Channel.PAPER:
                raise ConsultationError(
                    _("A paper ballot has already been entered for you; you cannot vote online as well.")
                ) from None
            if question.is_secret:
                raise ConsultationError(_("You have already voted. A secret ballot cannot be changed.")) from None
            old = Ballot.objects.get(question=question, resident=resident, replaced=False)
            old.replaced = True
            old.save(update_fields=["replaced"])
            ballot = _store_ballot(question, resident, options, channel, entered_by)
            ballot.replaces = old
            ballot.save(update_fields=["replaces"])
            return ballot
        return _store_ballot(question, resident, options, channel, entered_by)


def cast_ballot(question: Question, resident: Resident, option_ids, *, now: datetime.datetime | None = None) -> Ballot:
    """A resident votes online. An open-ballot vote may be changed until voting closes; a secret one is final."""
    return _cast(question, resident, option_ids, channel=Channel.ONLINE, entered_by=None, now=now)


def record_paper_ballot(
    question: Question, resident: Resident, option_ids, entered_by, *, now: datetime.datetime | None = None
) -> Ballot:
    """Committee staff enter a paper ballot for a resident (with or without a login), signed with their account."""
    from .rules import can_manage_consultation

    if not can_manage_consultation(entered_by, question.page):
        raise ConsultationError(_("Only the village committee can enter paper ballots."))
    return _cast(question, resident, option_ids, channel=Channel.PAPER, entered_by=entered_by, now=now)


def close_question(question: Question, *, now: datetime.datetime | None = None) -> bool:
    """Freeze the number of eligible residents once voting has closed. Idempotent; True if it closed now."""
    now = now or timezone.now()
    page = question.page
    closes = page.voting_closes()
    if question.closed_at is not None or closes is None or now < closes:
        return False
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.closed_at is not None:
            question.closed_at, question.eligible_at_close = locked.closed_at, locked.eligible_at_close
            return False
        eligible = eligible_residents(page)
        locked.eligible_at_close = eligible.count()
        locked.eligible_households_at_close = _households(eligible, "household_number")
        locked.closed_at = now
        locked.save(update_fields=["eligible_at_close", "eligible_households_at_close", "closed_at"])
    question.closed_at, question.eligible_at_close = locked.closed_at, locked.eligible_at_close
    question.eligible_households_at_close = locked.eligible_households_at_close
    return True


def _households(queryset, field: str) -> int:
    """Distinct households (register numbers) in a queryset; residents without a number are not counted."""
    return queryset.exclude(**{field: ""}).values(field).distinct().count()


def results_visible(page: ConsultationPage, now: datetime.datetime | None = None) -> bool:
    phase = page.phase_at(now)
    return phase == "results" or (phase == "voting" and page.live_results)


def question_results(question: Question, *, now: datetime.datetime | None = None) -> dict:
    """Counts per option, participants, eligible (frozen at closing) and the outcome under the chosen rule.

    Two queries once the question is closed (its receipts give the counts too), three while voting is open,
    given options prefetched as consultations.views._questions does."""
    close_question(question, now=now)
    options = _options(question)
    receipts = _counted_ballots(question)
    if question.closed_at is not None:
        counts: dict[int, int] = {}
        for _receipt, chosen in receipts:
            for option_id, _label in chosen:
                counts[option_id] = counts.get(option_id, 0) + 1
    else:
        counts = dict(
            BallotChoice.objects.filter(ballot__question=question, ballot__replaced=False)
            .values_list("option")
            .annotate(n=Count("pk"))
            .values_list("option", "n")
        )
    turnout = Participation.objects.filter(question=question).aggregate(
        participants=Count("pk"),
        households=Count("resident__household_number", distinct=True, filter=~Q(resident__household_number="")),
    )
    participants, households = turnout["participants"], turnout["households"]
    if question.eligible_at_close is not None:
        eligible, eligible_households = question.eligible_at_close, question.eligible_households_at_close or 0
    else:
        everyone = eligible_residents(question.page)
        eligible, eligible_households = everyone.count(), _households(everyone, "household_number")
    rows = [{"option": option, "count": counts.get(option.pk, 0)} for option in options]
    largest = max((row["count"] for row in rows), default=0)
    for number, row in enumerate(rows):
        # Chart geometry in SVG units: 32 per row, bars up to 300 wide, labels to their right.
        row["width"] = tally.bar_width(row["count"], largest, 300)
        row["y"], row["text_y"], row["text_x"] = number * 32, number * 32 + 18, row["width"] + 8
    if question.kind == Question.Kind.YES_NO:
        votes_for = next((row["count"] for row in rows if row["option"].role == Option.Role.YES), 0)
    else:
        votes_for = largest
    leaders = [row["option"] for row in rows if row["count"] == largest and largest > 0]
    return {
        "question": question,
        "rows": rows,
        "chart_height": len(rows) * 32,
        "participants": participants,
        "eligible": eligible,
        "turnout_permille": tally.turnout_permille(participants, eligible),
        "outcome": tally.outcome(question.rule, votes_for, participants, eligible, households, eligible_households),
        "leaders": leaders,
        "final": question.closed_at is not None,
        "receipts": [(receipt, [label for _pk, label in chosen]) for receipt, chosen in receipts],
    }


def _options(question: Question) -> list[Option]:
    """The question's options: those prefetched with it when they are complete, else ensure_options."""
    prefetched = getattr(question, "_prefetched_objects_cache", {}).get("options")
    if prefetched is None:
        return ensure_options(question)
    if question.kind != Question.Kind.YES_NO:
        return list(prefetched)
    if {o.role for o in prefetched} >= {Option.Role.YES, Option.Role.NO, Option.Role.ABSTAIN}:
        return [o for o in prefetched if o.role]
    return ensure_options(question)


def published_receipts(question: Question) -> list[tuple[str, list[str]]]:
    """After closing: every counted ballot's receipt code with its choices, so a voter can check theirs."""
    return [(receipt, [label for _pk, label in chosen]) for receipt, chosen in _counted_ballots(question)]


def _counted_ballots(question: Question) -> list[tuple[str, list[tuple[int, str]]]]:
    """After closing: each counted ballot's receipt with its choices (option pk, label), in one query; a ballot
    without a choice still has its receipt listed."""
    if question.closed_at is None:
        return []
    rows = (
        Ballot.objects.filter(question=question, replaced=False)
        .order_by("receipt", "choices__pk")
        .values_list("receipt", "choices__option", "choices__option__label")
    )
    receipts: dict[str, list[tuple[int, str]]] = {}
    for receipt, option_id, label in rows:
        chosen = receipts.setdefault(receipt, [])
        if option_id is not None:
            chosen.append((option_id, label))
    return list(receipts.items())


# ---- Proposals, supports, comments, moderation -------------------------------------------------------------


def submit_proposal(page, resident, *, title: str, text: str, location_note: str = "", photo=None, now=None):
    _require_phase(page, "submit_proposal", now)
    _require_participant(page, resident)
    proposal = Proposal.objects.create(
        page=page, author=resident, title=title, text=text, location_note=location_note, photo=photo
    )
    if resident.user_id is not None:
        # Authors follow their own proposal: they hear of comments, status changes and follow-up.
        notifications.follow(resident.user, proposal)
    return proposal


def edit_proposal(proposal: Proposal, resident, *, now=None, **fields) -> Proposal:
    _require_phase(proposal.page, "edit_proposal", now)
    if proposal.author_id != getattr(resident, "pk", None) or proposal.status != Proposal.Status.SUBMITTED:
        raise ConsultationError(_("Only the author can change this proposal."))
    changed = [name for name in ("title", "text", "location_note", "photo") if name in fields]
    old_photo_id = proposal.photo_id
    for name in changed:
        setattr(proposal, name, fields[name])
    # Named fields only: the support and comment counters are kept by the database (F expressions).
    proposal.save(update_fields=[*changed, "updated_at"])
    if old_photo_id is not None and proposal.photo_id != old_photo_id:
        # A photo the author took back must not stay online at its old address (it may show a face or a house).
        from .photos import discard_if_unused

        transaction.on_commit(lambda: discard_if_unused(old_photo_id), robust=True)  # a storage error: logged
    return proposal


def withdraw_proposal(proposal: Proposal, resident, *, now=None) -> Proposal:
    _require_phase(proposal.page, "edit_proposal", now)
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
    return proposal


def set_proposal_status(proposal: Proposal, status: str, reason: str, by, *, now=None) -> Proposal:
    from .rules import can_manage_consultation

    if not can_manage_consultation(by, proposal.page):
        raise ConsultationError(_("Only the village committee can do this."))
    _require_phase(proposal.page, "set_proposal_status", now)
    if status not in (Proposal.Status.SELECTED, Proposal.Status.MERGED, Proposal.Status.NOT_ADOPTED):
        raise ConsultationError(_("Please choose a status."))
    if not reason.strip():
        raise ConsultationError(_("Please give a reason; it is shown to everyone."))
    proposal.status, proposal.status_reason = status, reason
    proposal.save(update_fields=["status", "status_reason", "updated_at"])
    tasks.proposal_status_changed.enqueue(proposal.pk)
    return proposal


def support(proposal: Proposal, resident, *, now=None) -> bool:
    """Add the resident's support; True if it is new. One per resident per proposal (unique constraint)."""
    _require_phase(proposal.page, "support", now)
    _require_participant(proposal.page, resident)
    if proposal.author_id == resident.pk:
        raise ConsultationError(_("You cannot support your own proposal; others can."))
    with transaction.atomic():
        _obj, created = Support.objects.get_or_create(proposal=proposal, resident=resident)
        if created:
            Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
    return created


def withdraw_support(proposal: Proposal, resident, *, now=None) -> bool:
    _require_phase(proposal.page, "support", now)
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(proposal=proposal, resident=resident).delete()
        if deleted:
            Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
    return bool(deleted)


def add_comment(page, resident, text: str, *, proposal=None, parent=None, now=None) -> Comment:
    _require_phase(page, "comment", now)
    _require_participant(page, resident)
    if not text or not text.strip():
        raise ConsultationError(_("Please write your comment."))
    if parent is not None:
        # Threads are one level deep: a reply to a reply joins the top-level comment's thread.
        parent = parent.parent or parent
        proposal = parent.proposal
    comment = Comment.objects.create(page=page, author=resident, text=text, proposal=proposal, parent=parent)
    if proposal is not None:
        Proposal.objects.filter(pk=proposal.pk).update(comment_count=F("comment_count") + 1)
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
    comment.text, comment.edited_at = text, now
    comment.save(update_fields=["text", "edited_at"])
    return comment


def report_comment(comment: Comment, user, reason: str = "") -> bool:
    from .rules import can_report_comment

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
    from .rules import can_follow

    if not can_follow(user, target):
        raise ConsultationError(_("Only verified residents who may take part in this consultation can follow it."))
    return notifications.follow(user, target)


def moderate_comment(comment: Comment, by, *, hide: bool, reason: str) -> Comment:
    """Hide or restore with a reason. Never deletes: hidden text stays, the page shows a notice instead."""
    from .rules import can_manage_consultation

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

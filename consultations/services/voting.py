"""Casting ballots, online and on paper, and closing a question (DESIGN.md "Voting integrity", DOMAIN.md §10).

The database decides double votes: a unique constraint on Participation (question, resident), on the record
page's question whatever tree or channel the vote came through. A ballot is counted into the question's ballot
box under a row lock, in the same transaction as the participation, and nothing else of a secret ballot is kept.
"""

import datetime
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.prepared import Prepared, PreparedUpdate
from residents.models import Resident

from ..models import (
    Audience,
    Ballot,
    BallotBox,
    BallotChoice,
    Channel,
    ConsultationPage,
    Option,
    PaperBatch,
    Participation,
    Question,
)
from ..models.ballots import insert_choice
from ..models.questions import YES_NO_OPTIONS
from . import one_statement
from .errors import ConsultationError, require_participant, require_phase

RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and copied by hand
RECEIPT_LENGTH = 8


@dataclass(frozen=True)
class Cast:
    """What the voter is shown once: the receipt, and the choice only now (a secret ballot keeps no copy)."""

    question: Question
    receipt: str
    options: list[Option]
    voted_on: datetime.date

    @property
    def secret(self) -> bool:
        return self.question.is_secret


def eligible_residents(page: ConsultationPage):
    qs = Resident.objects.filter(
        village=page.village, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    )
    if page.audience == Audience.REPRESENTATIVES:
        qs = qs.filter(is_representative=True)
    elif page.audience == Audience.COUNCIL:
        qs = qs.filter(is_council_member=True)
    return qs


def record_question(question: Question) -> Question:
    """The counted copy of a question, with its consultation's record page attached (no query in zh-hans)."""
    record = question.record_question()
    if record is not question:
        record.page = question.page.records
    return record


def ensure_options(question: Question, in_hand: list[Option] | None = None) -> list[Option]:
    """The question's options in order. The page editor gives a yes/no question its three options
    (ConsultationPage.clean); a question written by a script gets them here, on its record copy, once.
    in_hand: all of the question's options in that order, read already (consultations.posted): no query."""
    options = (
        list(in_hand)
        if in_hand is not None
        else list(Option.objects.filter(question=question).order_by("sort_order", "pk"))
    )
    if question.kind != Question.Kind.YES_NO:
        return options
    if {o.role for o in options} >= {role for role, _label in YES_NO_OPTIONS}:
        return [o for o in options if o.role]
    for order, (role, label) in enumerate(YES_NO_OPTIONS):
        Option.objects.get_or_create(
            question=question,
            role=role,
            defaults={"label": label, "sort_order": order, "locale_id": question.locale_id},
        )
    return list(Option.objects.filter(question=question).exclude(role="").order_by("sort_order", "pk"))


def _validate_choices(
    question: Question, option_ids: Iterable[int | str], in_hand: list[Option] | None = None
) -> list[Option]:
    try:
        wanted = {int(pk) for pk in option_ids}
    except (TypeError, ValueError):
        raise ConsultationError(_("Please choose from the options shown.")) from None
    if not wanted:
        raise ConsultationError(_("Please choose an option."))
    options = [option for option in ensure_options(question, in_hand) if option.pk in wanted]
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


def _unused_receipt(box: BallotBox, drawn: str | None = None) -> str:
    for attempt in range(10):
        receipt = drawn if attempt == 0 and drawn else new_receipt()
        if not box.holds(receipt):  # a collision is 1 in 31^8 per ballot; the box is locked, so this is final
            return receipt
    raise ConsultationError(_("The ballot could not be stored. Please try again."))


def _refuse_second(existing: Participation, channel: str, question: Question) -> None:
    if channel == Channel.PAPER:
        raise ConsultationError(
            _("This resident has already voted online; a paper ballot cannot be entered as well.")
            if existing.channel == Channel.ONLINE
            else _("A paper ballot has already been entered for this resident.")
        )
    if existing.channel == Channel.PAPER:
        raise ConsultationError(_("A paper ballot has already been entered for you; you cannot vote online as well."))
    if question.is_secret:
        raise ConsultationError(_("You have already voted. A secret ballot cannot be changed."))


class _Voted(Exception):
    """The participation's insert met the unique constraint: this resident has taken part in this question."""

    def __init__(self, question: Question) -> None:
        super().__init__(question.pk)
        self.question = question


def _count(
    question: Question,
    resident: Resident,
    options: list[Option],
    channel: str,
    entered_by,
    today: datetime.date,
    *,
    again: bool = False,
    drawn: str | None = None,
) -> Cast:
    """Inside the caller's transaction: the participation (the database refuses a second), then the ballot.

    The insert has no savepoint of its own: a second participation raises _Voted, which ends the caller's
    transaction (rolled back, nothing written). The caller then calls again with again=True in a new transaction,
    which refuses the ballot or (an open ballot online) replaces the resident's earlier one.

    The box's lock comes first, as in services.one_statement (its UPDATE, then the participation's INSERT): had
    this path inserted the participation first, it and the statement of the same resident's second ballot (or a
    paper ballot entered at that moment) could each hold what the other waits for. Whoever holds the box is the
    only writer of the question's participations, so no two ballots wait on each other in a cycle."""
    # One row per question, locked: the counts and the receipts change together or not at all.
    box = _locked_box(question)
    replacing = None
    existing = (
        Participation.objects.select_for_update().filter(question=question, resident=resident).first()
        if again
        else None
    )
    if existing is None:
        try:
            Participation(
                question=question, resident=resident, channel=channel, entered_by=entered_by, voted_on=today
            ).insert()
        except IntegrityError as error:
            # The resident has voted already: the database said so, whatever the race.
            raise _Voted(question) from error
    else:
        _refuse_second(existing, channel, question)
        replacing = Ballot.objects.prefetch_related("choices").get(question=question, resident=resident, replaced=False)
    if replacing is not None:
        replacing.replaced = True
        replacing.save(update_fields=["replaced"])
        box.take_back([choice.option_id for choice in replacing.choices.all()], replacing.receipt)
    receipt = _unused_receipt(box, drawn)
    box.add([option.pk for option in options], receipt)
    _SAVE_BOX(box)  # box.save() of a row that exists (locked above), without compiling the UPDATE each time
    if not question.is_secret:
        ballot = Ballot(
            question=question,
            receipt=receipt,
            resident=resident,
            channel=channel,
            entered_by=entered_by,
            replaces=replacing,
        )
        ballot.insert()
        choices = [BallotChoice(ballot=ballot, option=option) for option in options]
        if len(choices) == 1:
            insert_choice(choices[0])  # a yes/no question's one choice, as bulk_create would, SQL written once
        else:
            BallotChoice.objects.bulk_create(choices)
    elif channel == Channel.PAPER:
        batch, _created = PaperBatch.objects.get_or_create(question=question, entered_by=entered_by, entered_on=today)
        PaperBatch.objects.filter(pk=batch.pk).update(ballots=F("ballots") + 1)
    return Cast(question=question, receipt=receipt, options=options, voted_on=today)


# Compiled once per thread (portal.prepared): every ballot locks its box.
_BOX = Prepared(lambda question_id: BallotBox.objects.select_for_update().filter(question_id=question_id))
# Its write: the same UPDATE and signals (the page cache's bump) as box.save(), the SQL written once.
_SAVE_BOX = PreparedUpdate(BallotBox, ["ballots", "counts", "receipts"])


def _locked_box(question: Question) -> BallotBox:
    box = next(iter(_BOX(question_id=question.pk)), None)
    if box is None:  # the question's first ballot: made now (a concurrent first ballot finds it made)
        BallotBox.objects.get_or_create(question=question)
        box = BallotBox.objects.select_for_update().get(question=question)
    box.question = question  # in hand already
    return box


def _checked(
    question: Question, resident: Resident | None, option_ids, action: str, now, options: list[Option] | None = None
) -> tuple[Question, list]:
    record = record_question(question)
    require_phase(record.page, action, now)
    require_participant(record.page, resident)
    # Options read with the question are the counted ones only if it is the counted copy.
    return record, _validate_choices(record, option_ids, options if record is question else None)


def _counted_in_one_statement(
    question: Question, resident: Resident, options: list[Option], receipt: str, today: datetime.date
) -> bool:
    """A secret online ballot counted by the database in one statement (services.one_statement); False if that
    wrote nothing (the question's first ballot, or the code drawn is taken): the general path counts it then."""
    try:
        return one_statement.count_secret(question, resident, options, receipt, today) is not None
    except IntegrityError as error:
        raise _Voted(question) from error  # the statement failed whole: the box is as it was


def cast_ballot(
    question: Question,
    resident: Resident,
    option_ids,
    *,
    now: datetime.datetime | None = None,
    options: list[Option] | None = None,
) -> Cast:
    """A resident votes online. An open-ballot vote may be changed until voting closes; a secret one is final.
    options: all of the question's options in order, when the caller read them with it (no query for them)."""
    record, options = _checked(question, resident, option_ids, "vote", now, options)
    today = timezone.localdate(now) if now else timezone.localdate()
    # durable: the ballot is committed when this block ends, never inside a caller's transaction, so a receipt
    # shown to the voter is always a stored ballot (a worker killed after this point cannot lose it).
    drawn = None  # a code the one statement drew and did not use, offered to the general path first
    try:
        if record.is_secret and one_statement.usable():
            drawn = new_receipt()
            if _counted_in_one_statement(record, resident, options, drawn, today):
                return Cast(question=record, receipt=drawn, options=options, voted_on=today)
        with transaction.atomic(durable=True):
            return _count(record, resident, options, Channel.ONLINE, None, today, drawn=drawn)
    except _Voted:
        pass  # rolled back: nothing of this ballot is stored
    # A second ballot (the first try's insert said so): refused, or an open ballot replacing the earlier one.
    with transaction.atomic(durable=True):
        return _count(record, resident, options, Channel.ONLINE, None, today, again=True)


def record_paper_ballots(
    page: ConsultationPage,
    resident: Resident,
    choices: Mapping[Question, Iterable[int | str]],
    entered_by,
    *,
    now: datetime.datetime | None = None,
) -> list[Cast]:
    """Committee staff enter one resident's paper ballot for a consultation: every question answered on it, all
    or nothing. Signed with the clerk's account; a secret question keeps only the clerk's count for the day.
    Who may enter them is the village committee, unless the app owning the vote registered otherwise
    (consultations.paper_clerks: the democratic evaluation's are the supervision committee's)."""
    from .. import paper_clerks
    from ..rules import can_manage_consultation

    may_enter = paper_clerks.clerks_for(page)
    if may_enter is not None:
        if not may_enter(entered_by, page):
            raise ConsultationError(_("Only the village's supervision committee can enter these paper ballots."))
    elif not can_manage_consultation(entered_by, page):
        raise ConsultationError(_("Only the village committee can enter paper ballots."))
    if not choices:
        raise ConsultationError(_("Please mark at least one question as the ballot paper shows it."))
    checked = [
        _checked(question, resident, option_ids, "paper_ballot", now) for question, option_ids in choices.items()
    ]
    today = timezone.localdate(now) if now else timezone.localdate()
    try:
        with transaction.atomic(durable=True):
            return [_count(record, resident, options, Channel.PAPER, entered_by, today) for record, options in checked]
    except _Voted as voted:  # rolled back, every question of the paper: a second paper or online ballot is refused
        existing = Participation.objects.get(question=voted.question, resident=resident)
        _refuse_second(existing, Channel.PAPER, voted.question)
        raise  # not reached: _refuse_second refuses every second paper ballot


def record_paper_ballot(
    question: Question, resident: Resident, option_ids, entered_by, *, now: datetime.datetime | None = None
) -> Cast:
    """One question of a paper ballot (record_paper_ballots with a single answer)."""
    page = record_question(question).page
    return record_paper_ballots(page, resident, {question: option_ids}, entered_by, now=now)[0]


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
            question.eligible_households_at_close = locked.eligible_households_at_close
            return False
        eligible = eligible_residents(page)
        locked.eligible_at_close = eligible.count()
        locked.eligible_households_at_close = households(eligible, "household_number")
        locked.closed_at = now
        locked.save(update_fields=["eligible_at_close", "eligible_households_at_close", "closed_at"])
    question.closed_at, question.eligible_at_close = locked.closed_at, locked.eligible_at_close
    question.eligible_households_at_close = locked.eligible_households_at_close
    return True


def households(queryset, field: str) -> int:
    """Distinct households (register numbers) in a queryset; residents without a number are not counted."""
    return queryset.exclude(**{field: ""}).values(field).distinct().count()


def participation_of(resident: Resident | None, questions: Iterable[Question]) -> dict[int, Participation]:
    """The resident's participations in these (record) questions, by question id: one query."""
    ids = [question.pk for question in questions]
    if resident is None or not ids:
        return {}
    return {p.question_id: p for p in Participation.objects.filter(resident=resident, question_id__in=ids)}


def current_open_ballots(resident: Resident | None, questions: Iterable[Question]) -> dict[int, Ballot]:
    """The resident's counted open ballots in these questions, with their choices: what they may see again."""
    ids = [question.pk for question in questions if not question.is_secret]
    if resident is None or not ids:
        return {}
    ballots = Ballot.objects.filter(resident=resident, question_id__in=ids, replaced=False).prefetch_related("choices")
    return {ballot.question_id: ballot for ballot in ballots}

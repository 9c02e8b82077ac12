"""What a question's ballot box says: counts per option, turnout, the outcome under the chosen rule, receipts."""

import datetime

from django.db.models import Count, Q

from .. import tally
from ..models import BallotBox, ConsultationPage, Option, Participation, Question
from .voting import close_question, eligible_residents, ensure_options, households


def results_visible(page: ConsultationPage, now: datetime.datetime | None = None) -> bool:
    phase = page.phase_at(now)
    return phase == "results" or (phase == "voting" and page.live_results)


def _box(question: Question) -> BallotBox:
    found = getattr(question, "_prefetched_box", None)
    if found is not None:
        return found
    return BallotBox.objects.filter(question=question).first() or BallotBox(question=question)


def question_results(question: Question, *, now: datetime.datetime | None = None) -> dict:
    """Counts per option, participants, eligible (frozen at closing) and the outcome under the chosen rule.

    Two queries (the ballot box, the turnout) given options prefetched as consultations.views does; the
    question is its record copy (consultations.services.voting.record_question)."""
    close_question(question, now=now)
    options = _options(question)
    box = _box(question)
    turnout = Participation.objects.filter(question=question).aggregate(
        participants=Count("pk"),
        households=Count("resident__household_number", distinct=True, filter=~Q(resident__household_number="")),
    )
    participants, voted_households = turnout["participants"], turnout["households"]
    if question.eligible_at_close is not None:
        eligible, eligible_households = question.eligible_at_close, question.eligible_households_at_close or 0
    else:
        everyone = eligible_residents(question.page)
        eligible, eligible_households = everyone.count(), households(everyone, "household_number")
    rows = [{"option": option, "count": box.votes_for(option.pk)} for option in options]
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
    final = question.closed_at is not None
    return {
        "question": question,
        "rows": rows,
        "chart_height": len(rows) * 32,
        "participants": participants,
        "ballots": box.ballots,
        "eligible": eligible,
        "turnout_percent": tally.turnout_percent(participants, eligible),
        "outcome": tally.outcome(
            question.rule, votes_for, participants, eligible, voted_households, eligible_households
        ),
        "leaders": leaders,
        "final": final,
        # After closing, every counted ballot's receipt, in code order and without its choice (DOMAIN §10).
        "receipts": list(box.receipts) if final else [],
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


def published_receipts(question: Question) -> list[str]:
    """After closing: the receipt code of every counted ballot, in code order, so a voter can find theirs."""
    if question.closed_at is None:
        return []
    return list(_box(question).receipts)

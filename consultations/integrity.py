"""What must hold of the stored ballots, checked from the rows themselves (manage.py check_ballots).

For every question: each participation is on the record page's copy (never on a language tree's copy), the ballot
box counts as many ballots as there are participations and lists one receipt per ballot, an open question's box
agrees with its open ballots, and the paper batches of a secret question add up to its paper participations.
Second participations found in old data (set aside by migration 0006) are listed as well.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from home import translations

from .models import Ballot, BallotBox, BallotChoice, Channel, PaperBatch, Participation, Question, SetAsideParticipation


@dataclass(frozen=True)
class Finding:
    question_id: int
    problem: str


def findings() -> list[Finding]:
    found: list[Finding] = []
    boxes = {box.question_id: box for box in BallotBox.objects.all()}
    taking = dict(Participation.objects.values_list("question").annotate(n=Count("pk")))
    on_paper = dict(Participation.objects.filter(channel=Channel.PAPER).values_list("question").annotate(n=Count("pk")))
    batches = dict(PaperBatch.objects.values_list("question").annotate(n=Sum("ballots")))
    questions = Question.objects.filter(Q(pk__in=taking) | Q(pk__in=boxes)).select_related("page")
    for question in questions:
        if not translations.is_record_page(question.page):
            found.append(Finding(question.pk, "ballots on a language tree's copy, not on the record page"))
        box = boxes.get(question.pk)
        ballots = box.ballots if box else 0
        if ballots != taking.get(question.pk, 0):
            found.append(Finding(question.pk, f"{taking.get(question.pk, 0)} took part, {ballots} ballots counted"))
        if box is not None and (len(box.receipts) != ballots or len(set(box.receipts)) != len(box.receipts)):
            found.append(Finding(question.pk, f"{len(box.receipts)} receipts for {ballots} ballots"))
        if box is not None and box.receipts != sorted(box.receipts):
            found.append(Finding(question.pk, "receipts not in code order"))
        if question.is_secret:
            if batches.get(question.pk, 0) != on_paper.get(question.pk, 0):
                found.append(Finding(question.pk, "paper batches do not add up to the paper participations"))
        elif box is not None:
            counted = Counter(
                str(option)
                for option in BallotChoice.objects.filter(
                    ballot__question=question, ballot__replaced=False
                ).values_list("option_id", flat=True)
            )
            if dict(counted) != {key: n for key, n in box.counts.items() if n}:
                found.append(Finding(question.pk, "open ballots and the ballot box disagree"))
            if Ballot.objects.filter(question=question, replaced=False).count() != ballots:
                found.append(Finding(question.pk, "open ballots counted differ from the ballot box"))
    return found


def set_aside() -> list[Finding]:
    """Second participations found in old data: kept, never counted, listed for the committee's records."""
    return [
        Finding(aside.question_id, f"resident {aside.resident_id} took part twice ({aside.reason})")
        for aside in SetAsideParticipation.objects.order_by("question_id", "pk")
    ]

"""Demo democratic evaluation (民主评议, VCOL art. 33): 东山村's evaluation of last year, hosted by its supervision
committee, published. 赵*梅 is rated 不称职 by exactly half of those voting (6 of 12), which is not more than half:
the results page shows the arithmetic. Two ballots came on paper, entered by the committee's chair. Safe to run
again: an evaluation of that year is kept as it is."""

import datetime

from django.utils import timezone

from consultations import services as ballots
from home.models import Village
from residents.models import Resident

from . import evaluation_rules as er
from . import evaluation_services
from .demo import _reviewer
from .evaluation_models import Evaluation

PERSONS = [  # (real name, household, post)
    ("李建国", "0401", "committee"),
    ("赵春梅", "0402", "committee"),
    ("周立新", "0403", "staff"),
]
C, B, N = er.COMPETENT, er.BASICALLY_COMPETENT, er.NOT_COMPETENT
RATINGS = {  # per person, one rating per voter in order (12 voters)
    "李建国": [C] * 9 + [B] * 2 + [N],
    "赵春梅": [N] * 6 + [B] * 3 + [C] * 3,  # exactly half: not more than half (2 × 6 = 12, not > 12)
    "周立新": [C] * 7 + [B] * 4 + [N],
}
PAPER = 2  # the last two voters voted on paper


def _resident(village: Village, name: str, household: str) -> Resident:
    resident, _created = Resident.objects.get_or_create(
        village=village,
        real_name=name,
        defaults={
            "display_name": name[0] + "*" + name[2:],
            "household_number": household,
            "verification": Resident.Verification.VERIFIED,
            "verified_at": timezone.now(),
            "source": Resident.Source.COUNTER,
        },
    )
    return resident


def seed(log) -> None:
    village = Village.objects.filter(code="dongshan").first()
    chair = _reviewer(village) if village else None
    year = timezone.localdate().year - 1
    if chair is None or Evaluation.objects.filter(village=village, year=year).exists():
        return
    persons = {name: (_resident(village, name, household), post) for name, household, post in PERSONS}
    voters = [_resident(village, f"评议村民{n:02d}", f"05{n:02d}") for n in range(1, 13)]
    opens = timezone.make_aware(datetime.datetime(year, 12, 20, 9))
    closes = opens + datetime.timedelta(hours=3)
    evaluation = evaluation_services.open_evaluation(
        chair,
        village,
        year,
        Evaluation.Body.ASSEMBLY,
        opens,
        closes,
        [r for r, post in persons.values() if post == "committee"],
        [r for r, post in persons.values() if post == "staff"],
    )
    rated = {person.resident.real_name: person for person in evaluation.persons.all()}
    during = opens + datetime.timedelta(minutes=30)
    for index, voter in enumerate(voters):
        choices = {rated[name]: RATINGS[name][index] for name in rated}
        if index >= len(voters) - PAPER:
            evaluation_services.enter_paper_ballot(chair, evaluation, voter, choices, now=during)
        else:
            for person, rating in choices.items():
                ballots.cast_ballot(person.question, voter, [person.option_ids()[rating]], now=during)
    evaluation_services.close_evaluation(chair, evaluation, now=closes)
    evaluation_services.publish_evaluation(chair, evaluation, now=closes + datetime.timedelta(days=1))
    log(f"supervision: 东山村's democratic evaluation of {year} (民主评议), published")

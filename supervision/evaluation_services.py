"""Every action of a democratic evaluation (民主评议, VCOL art. 33): open, enter paper ballots, close, publish.

Hosted by the village's supervision committee (art. 33): its members in office (or the county) act; the village
committee, whose members are the ones rated, does not. The ballot is a consultation of the village with one
secret question per person (supervision.evaluation_models explains why); votes and paper ballots go through
consultations.services, never around it.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations import services as ballots
from consultations.models import (
    Audience,
    BallotBox,
    ConsultationIndexPage,
    ConsultationPage,
    Option,
    Participation,
    Question,
)
from home.models import Village, VillagePage
from residents.models import Resident

from . import evaluation_rules
from .evaluation_models import EvaluatedPerson, Evaluation
from .rules import can_host_evaluation

# Chinese words of the ballot (the page is the default tree's; the other trees show it as an alias).
POST_WORDS = {EvaluatedPerson.Post.COMMITTEE: "村民委员会成员", EvaluatedPerson.Post.STAFF: "由集体支付报酬的人员"}
SUMMARY = "村务监督委员会主持，对村民委员会成员和由集体支付报酬的人员进行民主评议（《村民委员会组织法》第三十三条）。"


def committee_residents(village: Village):
    """The village committee's members on the register: the residents whose account is in its committee group."""
    if village.committee_group_id is None:
        return Resident.objects.none()
    return Resident.objects.filter(
        village=village, user__groups__pk=village.committee_group_id, deleted_at__isnull=True
    ).order_by("pk")


def _require_host(user, village: Village) -> None:
    if user is not None and not can_host_evaluation(user, village):
        raise PermissionDenied(_("Only the village's supervision committee hosts its democratic evaluation."))


def _consultation_index(village: Village) -> ConsultationIndexPage:
    village_page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    index = ConsultationIndexPage.objects.child_of(village_page).first() if village_page else None
    if index is None:
        raise ValidationError(_("The village has no consultation section for the ballot."))
    return index


def open_evaluation(
    user,
    village: Village,
    year: int,
    body: str,
    opens: datetime.datetime,
    closes: datetime.datetime,
    committee: Iterable[Resident],
    staff: Iterable[Resident] = (),
) -> Evaluation:
    """Open the year's evaluation: its secret ballot (a consultation voting from `opens` to `closes`, the
    meeting) with one question per person, committee members first, then paid staff."""
    _require_host(user, village)
    persons = [(r, EvaluatedPerson.Post.COMMITTEE) for r in committee]
    seen = {r.pk for r, _post in persons}
    persons += [(r, EvaluatedPerson.Post.STAFF) for r in staff if r.pk not in seen]
    if not persons:
        raise ValidationError(_("Choose at least one person to evaluate."))
    if any(r.village_id != village.pk for r, _post in persons):
        raise ValidationError(_("Only persons on this village's register can be evaluated."))
    if closes <= opens:
        raise ValidationError(_("Voting must close after it opens."))
    if Evaluation.objects.filter(village=village, year=year).exists():
        raise ValidationError(_("This year's evaluation is already open or held."))
    index = _consultation_index(village)
    page = ConsultationPage(
        title=f"{year}年度民主评议",
        slug=f"evaluation-{year}",
        date=timezone.localdate(opens),
        summary=SUMMARY,
        audience=Audience.REPRESENTATIVES if body == Evaluation.Body.REPRESENTATIVES else Audience.RESIDENTS,
        voting_opens=opens,
        results_open=closes,
    )
    page.questions = [
        Question(
            text=f"对{resident.public_name}（{POST_WORDS[post]}）的评议",
            kind=Question.Kind.SINGLE,
            mode=Question.Mode.SECRET,
            sort_order=order,
            options=[
                Option(label=evaluation_rules.LABELS[rating], sort_order=n)
                for n, rating in enumerate(evaluation_rules.RATINGS)
            ],
        )
        for order, (resident, post) in enumerate(persons)
    ]
    with transaction.atomic():
        index.add_child(instance=page)
        page.save_revision(user=user).publish()
        # Mirrored into the zh-hant and English trees as the editor's create does (aliases share one tally).
        create_aliases_for_new_page(page)
        evaluation = Evaluation.objects.create(village=village, year=year, body=body, ballot=page, opened_by=user)
        questions = Question.objects.filter(page=page).order_by("sort_order", "pk").prefetch_related("options")
        for (resident, post), question in zip(persons, questions, strict=True):
            options = sorted(question.options.all(), key=lambda o: (o.sort_order, o.pk))
            EvaluatedPerson.objects.create(
                evaluation=evaluation,
                resident=resident,
                post=post,
                question=question,
                competent_option=options[0],
                basic_option=options[1],
                not_competent_option=options[2],
            )
    return evaluation


def enter_paper_ballot(
    user,
    evaluation: Evaluation,
    voter: Resident,
    ratings: Mapping[EvaluatedPerson, str],
    *,
    now: datetime.datetime | None = None,
) -> None:
    """One voter's paper ballot, entered by a member of the supervision committee: through the consultation's
    paper ballot (one participation per voter and question, the clerk's count for the day, nothing per ballot)."""
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("The count is closed."))
    choices = {person.question: [person.option_ids()[rating]] for person, rating in ratings.items() if rating}
    try:  # who may enter them is held by ballots.record_paper_ballots itself (paper_clerks, below)
        ballots.record_paper_ballots(evaluation.ballot, voter, choices, user, now=now)
    except ballots.ConsultationError as refused:
        raise ValidationError(str(refused)) from None


def close_evaluation(user, evaluation: Evaluation, *, now: datetime.datetime | None = None) -> Evaluation:
    """Close the count once voting has closed: each person's counts are frozen from their question's box."""
    _require_host(user, evaluation.village)
    now = now or timezone.now()
    page = evaluation.ballot
    closes = page.voting_closes()
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("The count is closed already."))
    if closes is None or now < closes:
        raise ValidationError(_("Voting is still open; the count closes after it."))
    with transaction.atomic():
        persons = list(evaluation.persons.select_related("question"))
        boxes = {box.question_id: box for box in BallotBox.objects.filter(question__in=[p.question for p in persons])}
        for person in persons:
            box = boxes.get(person.question_id)
            ids = person.option_ids()
            votes = {rating: box.votes_for(ids[rating]) if box else 0 for rating in evaluation_rules.RATINGS}
            person.competent = votes[evaluation_rules.COMPETENT]
            person.basic = votes[evaluation_rules.BASICALLY_COMPETENT]
            person.not_competent = votes[evaluation_rules.NOT_COMPETENT]
            person.save(update_fields=["competent", "basic", "not_competent"])
            ballots.close_question(person.question, now=now)
        evaluation.eligible = ballots.eligible_residents(page).count()
        evaluation.ballots = (
            Participation.objects.filter(question__in=[p.question for p in persons])
            .values("resident")
            .distinct()
            .count()
        )
        evaluation.status = Evaluation.Status.CLOSED
        evaluation.closed_at = now
        evaluation.save(update_fields=["eligible", "ballots", "status", "closed_at"])
    return evaluation


def publish_evaluation(user, evaluation: Evaluation, *, now: datetime.datetime | None = None) -> Evaluation:
    """Publish a closed count on the village's evaluation page (art. 33 results are public)."""
    _require_host(user, evaluation.village)
    if evaluation.status != Evaluation.Status.CLOSED:
        raise ValidationError(_("Only a closed count can be published."))
    evaluation.status = Evaluation.Status.PUBLISHED
    evaluation.published_at = now or timezone.now()
    evaluation.published_by = user
    evaluation.save(update_fields=["status", "published_at", "published_by"])
    return evaluation


def paper_clerks(page):
    """consultations.paper_clerks: an evaluation's paper ballots are entered by the village's supervision
    committee (art. 33: it hosts the evaluation), not by the village committee whose members are rated."""
    from home.translations import record_page_id

    evaluation = Evaluation.objects.filter(ballot_id=record_page_id(page)).select_related("village").first()
    if evaluation is None:
        return None
    return lambda user, _page: can_host_evaluation(user, evaluation.village)


def holds_ballot(page_id: int) -> bool:
    """consultations.locks: an evaluation's ballot is counted from the start (its questions name the persons
    rated, its options are the counted ratings; art. 33)."""
    return Evaluation.objects.filter(ballot_id=page_id).exists()


# ---- reading ----


def published_results(village: Village) -> list[Evaluation]:
    """The village's published evaluations, newest first, each person with `.tally`, `.arithmetic` and
    `.ends_office` (this rating and the one of the evaluation before, art. 33). Two queries."""
    evaluations = list(
        Evaluation.objects.filter(village=village, status=Evaluation.Status.PUBLISHED)
        .order_by("year")
        .prefetch_related("persons__resident")
    )
    by_resident: dict[int, list[bool | None]] = {}
    for position, evaluation in enumerate(evaluations):
        for person in evaluation.persons.all():
            series = by_resident.setdefault(person.resident_id, [None] * len(evaluations))
            series[position] = evaluation_rules.rated_not_competent(person.tally) if person.tally else None
    ends = {resident: evaluation_rules.office_ends(series) for resident, series in by_resident.items()}
    for position, evaluation in enumerate(evaluations):
        for person in evaluation.persons.all():
            person.arithmetic = evaluation_rules.arithmetic(person.tally) if person.tally else None
            person.ends_office = ends[person.resident_id][position]
            previous = by_resident[person.resident_id][position - 1] if position else None
            person.previously_not_competent = bool(previous)
    return list(reversed(evaluations))


def missing_evaluation_villages(villages, this_year: int):
    """The villages for which missing_years is not empty, found by the database: fewer distinct years held
    (closed or published) among the last few completed ones than years looked back."""
    from django.db.models import Count, Q

    first = this_year - evaluation_rules.YEARS_LOOKED_BACK
    in_range = Q(evaluations__year__gte=first, evaluations__year__lt=this_year)
    held = Count("evaluations__year", distinct=True, filter=in_range & ~Q(evaluations__status=Evaluation.Status.OPEN))
    return (
        villages.annotate(held_years=held)
        .filter(held_years__lt=evaluation_rules.YEARS_LOOKED_BACK)
        .order_by("township", "name", "pk")
    )


def missing_evaluations(villages, this_year: int, limit: int | None = None) -> list[tuple[Village, list[int]]]:
    """Villages with a completed year among the last few without an evaluation held (art. 33), with those
    years (the first ``limit`` of them): two queries, and the villages that are in order never leave the
    database (the county's dashboard read all 305 to keep a few)."""
    missing = missing_evaluation_villages(villages, this_year)
    shown = list(missing if limit is None else missing[:limit])
    first = this_year - evaluation_rules.YEARS_LOOKED_BACK
    held: dict[int, set[int]] = {}
    rows = Evaluation.objects.filter(village__in=shown, year__gte=first, year__lt=this_year).exclude(
        status=Evaluation.Status.OPEN
    )
    for village_id, year in rows.values_list("village_id", "year"):
        held.setdefault(village_id, set()).add(year)
    return [(village, evaluation_rules.missing_years(held.get(village.pk, set()), this_year)) for village in shown]

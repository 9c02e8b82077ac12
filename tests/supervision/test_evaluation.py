"""Democratic evaluation (民主评议, VCOL art. 33): the integer rule at its boundaries, two in a row over three years,
the ballot machinery's guarantees (one participation per resident, no row linking a voter to a rating), paper
ballots with who entered them, the supervision committee's scope, the public results and the county's flag."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from consultations import services as ballots
from consultations.models import BallotBox, PaperBatch, Participation
from supervision import evaluation_rules as er
from supervision import evaluation_services as evaluations
from supervision import services
from supervision.evaluation_models import EvaluatedPerson, Evaluation

from .conftest import at

pytestmark = pytest.mark.django_db

START, END = datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)


# ---- the ballot ----


@pytest.fixture
def village_page(village):
    from wagtail.models import Locale

    from home.models import VillagePage

    return VillagePage.objects.get(village=village, locale=Locale.get_default())


@pytest.fixture
def supervisor(village, make_resident, motion, township):
    resident = make_resident(village, household="H-200")
    services.add_member(township, village, resident, motion, START, END, role="chair")
    return resident.user


@pytest.fixture
def voters(village, make_resident):
    return [make_resident(village, household=f"H-3{n:02d}") for n in range(12)]


def _moments(year: int):
    tz = datetime.timezone(datetime.timedelta(hours=8))
    opens = datetime.datetime(year, 12, 20, 9, tzinfo=tz)
    return opens, opens + datetime.timedelta(hours=3)


def _open(supervisor, village, clerk, year: int, staff=()):
    opens, closes = _moments(year)
    with at(datetime.datetime(year, 12, 1, 9)):
        return evaluations.open_evaluation(
            supervisor,
            village,
            year,
            Evaluation.Body.ASSEMBLY,
            opens,
            closes,
            evaluations.committee_residents(village),
            staff,
        )


def _vote(evaluation, voters, ratings: list[str], person=None):
    person = person or evaluation.persons.get()
    opens, _closes = _moments(evaluation.year)
    ids = person.option_ids()
    for voter, rating in zip(voters, ratings, strict=False):
        ballots.cast_ballot(person.question, voter, [ids[rating]], now=opens + datetime.timedelta(minutes=5))


def _close_and_publish(supervisor, evaluation):
    _opens, closes = _moments(evaluation.year)
    evaluations.close_evaluation(supervisor, evaluation, now=closes)
    return evaluations.publish_evaluation(supervisor, evaluation, now=closes)


N, B, C = er.NOT_COMPETENT, er.BASICALLY_COMPETENT, er.COMPETENT


def test_the_ballot_is_a_secret_consultation_with_one_question_per_person(village, clerk, supervisor, make_resident):
    staff = make_resident(village, household="H-400")
    evaluation = _open(supervisor, village, clerk, 2025, staff=[staff])
    persons = list(evaluation.persons.order_by("pk"))
    assert [p.post for p in persons] == [EvaluatedPerson.Post.COMMITTEE, EvaluatedPerson.Post.STAFF]
    assert [p.resident for p in persons] == [clerk.resident, staff]
    question = persons[0].question
    assert question.is_secret and question.page_id == evaluation.ballot_id
    assert [o.label for o in question.options.order_by("sort_order")] == ["称职", "基本称职", "不称职"]
    assert clerk.resident.real_name not in question.text  # the question names the public (masked) name


@pytest.mark.parametrize(("not_competent", "others", "ends"), [(5, 5, False), (6, 5, True)])
def test_exactly_half_does_not_end_office_half_and_one_does(
    village, clerk, supervisor, voters, not_competent, others, ends
):
    """Rated 不称职 in 2024 by a clear majority, then in 2025 by exactly half (5 of 10) or half + 1 (6 of 11)."""
    first = _open(supervisor, village, clerk, 2024)
    _vote(first, voters, [N] * 6 + [C] * 2)
    _close_and_publish(supervisor, first)
    second = _open(supervisor, village, clerk, 2025)
    _vote(second, voters, [N] * not_competent + [B] * 2 + [C] * (others - 2))
    _close_and_publish(supervisor, second)
    latest = evaluations.published_results(village)[0].persons.all()[0]
    assert (latest.not_competent, latest.tally.votes) == (not_competent, not_competent + others)
    assert latest.ends_office is ends
    assert latest.arithmetic.doubled == 2 * not_competent


def test_yes_no_yes_over_three_years_is_not_two_in_a_row(village, clerk, supervisor, voters):
    for year, ratings in ((2023, [N] * 7), (2024, [N] * 3 + [C] * 4), (2025, [N] * 7)):
        evaluation = _open(supervisor, village, clerk, year)
        _vote(evaluation, voters, ratings)
        _close_and_publish(supervisor, evaluation)
    results = evaluations.published_results(village)
    assert [e.year for e in results] == [2025, 2024, 2023]
    rated = [e.persons.all()[0] for e in results]
    assert [er.rated_not_competent(p.tally) for p in rated] == [True, False, True]
    assert [p.ends_office for p in rated] == [False, False, False]


def test_one_participation_per_resident_is_the_databases(village, clerk, supervisor, voters):
    evaluation = _open(supervisor, village, clerk, 2025)
    _vote(evaluation, voters[:1], [C])
    with pytest.raises(ballots.ConsultationError):
        _vote(evaluation, voters[:1], [N])
    person = evaluation.persons.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(question=person.question, resident=voters[0], channel="online", voted_on=START)
    assert BallotBox.objects.get(question=person.question).ballots == 1


def test_no_row_links_a_voter_to_a_rating(village, clerk, supervisor, voters):
    """What a rating leaves is a participation (who, which question, the day) and the box's totals: no table has
    both a resident and an option of the evaluation's questions."""
    evaluation = _open(supervisor, village, clerk, 2025)
    _vote(evaluation, voters[:3], [N, C, B])
    person = evaluation.persons.get()
    assert set(Participation.objects.filter(question=person.question).values_list("resident", flat=True)) == {
        v.pk for v in voters[:3]
    }
    box = BallotBox.objects.get(question=person.question)
    assert sorted(box.counts.values()) == [1, 1, 1]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if table.startswith("supervision_"):
                assert not ({"resident_id"} & columns and {"option_id", "choice"} & columns), table
    assert not apps_ballot_rows(person)
    _close_and_publish(supervisor, evaluation)
    person.refresh_from_db()
    assert (person.competent, person.basic, person.not_competent) == (1, 1, 1)


def apps_ballot_rows(person) -> list:
    from consultations.models import Ballot

    return list(Ballot.objects.filter(question=person.question))  # an open ballot's row: none for a secret one


def test_paper_ballots_are_counted_with_who_entered_them(village, clerk, supervisor, voters):
    evaluation = _open(supervisor, village, clerk, 2025)
    person = evaluation.persons.get()
    opens, _closes = _moments(2025)
    for voter in voters[:2]:
        evaluations.enter_paper_ballot(supervisor, evaluation, voter, {person: N}, now=opens)
    _vote(evaluation, voters[2:3], [C])
    with pytest.raises(ValidationError):  # the same voter online after paper: one participation
        evaluations.enter_paper_ballot(supervisor, evaluation, voters[2], {person: N}, now=opens)
    batch = PaperBatch.objects.get(question=person.question)
    assert (batch.entered_by, batch.ballots) == (supervisor, 2)
    assert set(Participation.objects.filter(channel="paper").values_list("entered_by", flat=True)) == {supervisor.pk}
    _close_and_publish(supervisor, evaluation)
    person.refresh_from_db()
    assert (person.not_competent, person.competent) == (2, 1)
    assert evaluation.ballots == 3


def test_the_village_committee_cannot_enter_ballots_of_its_own_evaluation(village, clerk, supervisor, voters):
    evaluation = _open(supervisor, village, clerk, 2025)
    with pytest.raises(ValidationError):
        evaluations.enter_paper_ballot(
            clerk, evaluation, voters[0], {evaluation.persons.get(): C}, now=_moments(2025)[0]
        )
    with pytest.raises(PermissionDenied):
        evaluations.close_evaluation(clerk, evaluation, now=_moments(2025)[1])


def test_another_villages_supervisor_is_refused(village, clerk, supervisor, make_village, make_resident, client):
    other = make_village(code="xihe", name="西河村")
    stranger = make_resident(other)
    services.roles.supervision_group(other).user_set.add(stranger.user)
    with pytest.raises(PermissionDenied):
        _open(stranger.user, village, clerk, 2025)
    evaluation = _open(supervisor, village, clerk, 2025)
    with pytest.raises(PermissionDenied):
        evaluations.close_evaluation(stranger.user, evaluation, now=_moments(2025)[1])
    client.force_login(stranger.user)
    # A 404 (Django's LocaleMiddleware sends an unknown address to its language-prefixed twin, also a 404).
    response = client.get(reverse("supervision_evaluation", args=[evaluation.pk]), follow=True)
    assert response.status_code == 404
    assert client.get(reverse("supervision_open_evaluation", args=[village.code])).status_code == 403
    listing = client.get(reverse("supervision_evaluations"))
    assert listing.status_code == 200 and village.name not in listing.content.decode()


def test_closing_waits_for_the_end_of_voting_and_one_evaluation_a_year(village, clerk, supervisor):
    evaluation = _open(supervisor, village, clerk, 2025)
    _opens, closes = _moments(2025)
    with pytest.raises(ValidationError):
        evaluations.close_evaluation(supervisor, evaluation, now=closes - datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        evaluations.publish_evaluation(supervisor, evaluation)
    with pytest.raises(ValidationError):
        _open(supervisor, village, clerk, 2025)


def test_admin_open_close_publish(village, clerk, supervisor, client, voters):
    client.force_login(supervisor)
    url = reverse("supervision_open_evaluation", args=[village.code])
    form = client.get(url)
    assert form.status_code == 200 and clerk.resident.real_name in form.content.decode()
    with at(datetime.datetime(2025, 12, 1, 9)):
        response = client.post(
            url,
            {
                "year": 2025,
                "body": "assembly",
                "opens": "2025-12-20 09:00",
                "closes": "2025-12-20 12:00",
                "committee": [clerk.resident.pk],
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    evaluation = Evaluation.objects.get(village=village, year=2025)
    person = evaluation.persons.get()
    detail = reverse("supervision_evaluation", args=[evaluation.pk])
    with at(datetime.datetime(2025, 12, 20, 10)):
        paper = client.post(detail, {"paper": "1", "voter": voters[0].pk, f"rating-{person.pk}": N})
        assert paper.status_code == 302
        assert client.post(detail, {"close": "1"}).status_code == 400  # voting still open
    with at(datetime.datetime(2025, 12, 20, 12, 30)):
        assert client.post(detail, {"close": "1"}).status_code == 302
        assert client.post(detail, {"publish": "1"}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.PUBLISHED and evaluation.published_by == supervisor


# ---- what residents read ----


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "不称职"), ("zh-hant", "不稱職"), ("en", "Not competent")],
)
def test_the_public_results_page(village, clerk, supervisor, voters, client, language, words):
    evaluation = _open(supervisor, village, clerk, 2025)
    _vote(evaluation, voters, [N] * 6 + [C] * 5)
    _close_and_publish(supervisor, evaluation)
    response = client.get(f"/{language}/supervision/{village.code}/evaluations/")
    body = response.content.decode()
    assert response.status_code == 200
    assert words in body and "12" in body and "11" in body  # 6 × 2 = 12 > 11 votes
    assert clerk.resident.real_name not in body and clerk.resident.public_name in body
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def test_an_unpublished_count_is_not_shown(village, clerk, supervisor, voters, client):
    evaluation = _open(supervisor, village, clerk, 2025)
    _vote(evaluation, voters, [N] * 3)
    evaluations.close_evaluation(supervisor, evaluation, now=_moments(2025)[1])
    body = client.get(f"/zh-hans/supervision/{village.code}/evaluations/").content.decode()
    assert clerk.resident.public_name not in body


def test_the_county_dashboard_flags_a_year_without_an_evaluation(village, clerk, supervisor, county, client):
    for year in (2023, 2025):
        _close_and_publish(supervisor, _open(supervisor, village, clerk, year))
    missing = evaluations.missing_evaluations(type(village).objects.all(), 2026)
    assert [(v.code, years) for v, years in missing] == [("dongshan", [2024])]
    client.force_login(county)
    with at(datetime.datetime(2026, 3, 1, 9)):
        body = client.get("/admin/").content.decode()
    assert "民主评议" in body and "2024" in body and village.name in body
    with at(datetime.datetime(2026, 3, 1, 9)):
        _close_and_publish(supervisor, _open(supervisor, village, clerk, 2024))
        body = client.get("/admin/").content.decode()
    assert "evaluations-missing" not in body


def test_the_rated_committee_cannot_reword_the_ballot_before_the_first_vote(village, clerk, supervisor):
    """The ballot's questions and options are frozen from the start (art. 33): no vote is cast yet, and still a
    save that rewords a person's question or swaps two ratings is refused on every path (the page's clean)."""
    from django.core.exceptions import ValidationError

    evaluation = _open(supervisor, village, clerk, 2025)

    def ballot_page():
        return type(evaluation.ballot.specific).objects.get(pk=evaluation.ballot_id)

    with at(datetime.datetime(2025, 12, 2, 9)):
        page = ballot_page()
        (question,) = page.questions.all()
        question.text = "对其他人的评议"
        page.questions = [question]
        with pytest.raises(ValidationError):
            page.save_revision(user=clerk)

        page = ballot_page()
        (question,) = page.questions.all()
        options = list(question.options.order_by("sort_order"))
        options[0].label, options[2].label = options[2].label, options[0].label
        question.options = options
        page.questions = [question]
        with pytest.raises(ValidationError):
            page.full_clean()

        page = ballot_page()
        page.summary = "本次评议由村务监督委员会主持。"
        page.full_clean()  # what no ballot depends on may still change

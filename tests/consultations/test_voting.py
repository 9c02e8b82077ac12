"""Voting integrity (DESIGN.md): one participation per resident, secret ballots without voter, receipts, tallies."""

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from consultations import services
from consultations.models import Ballot, BallotChoice, Channel, Option, Participation, Question
from consultations.services import ConsultationError

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db


def _option(question, role):
    return next(o for o in services.ensure_options(question) if o.role == role)


def test_secret_ballot_rows_carry_no_voter_reference(make_question, make_resident):
    question = make_question(mode=Question.Mode.SECRET)
    resident = make_resident()
    ballot = services.cast_ballot(question, resident, [_option(question, "yes").pk], now=IN_VOTING)
    ballot.refresh_from_db()
    assert ballot.resident_id is None and ballot.secret
    # No field on the ballot or its choices points to a resident or a user except the null open-ballot one.
    assert {f.name for f in Ballot._meta.concrete_fields if f.is_relation} == {
        "question",
        "resident",
        "entered_by",
        "replaces",
    }
    assert ballot.entered_by_id is None
    assert Participation.objects.get(question=question).resident == resident
    # And the database refuses a secret ballot that names its voter.
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(question=question, receipt="X" * 8, secret=True, resident=resident, channel="online")


def test_secret_ballot_is_final(make_question, make_resident):
    question = make_question(mode=Question.Mode.SECRET)
    resident = make_resident()
    services.cast_ballot(question, resident, [_option(question, "yes").pk], now=IN_VOTING)
    with pytest.raises(ConsultationError, match="secret"):
        services.cast_ballot(question, resident, [_option(question, "no").pk], now=IN_VOTING)
    assert Ballot.objects.filter(question=question).count() == 1
    assert Participation.objects.filter(question=question).count() == 1


def test_open_ballot_can_be_changed_and_keeps_the_old_row(make_question, make_resident):
    question = make_question(mode=Question.Mode.OPEN)
    resident = make_resident()
    first = services.cast_ballot(question, resident, [_option(question, "yes").pk], now=IN_VOTING)
    second = services.cast_ballot(question, resident, [_option(question, "no").pk], now=IN_VOTING)
    first.refresh_from_db()
    assert first.replaced and second.replaces == first and second.resident == resident
    results = services.question_results(question, now=IN_VOTING)
    counts = {row["option"].role: row["count"] for row in results["rows"]}
    assert counts == {"yes": 0, "no": 1, "abstain": 0}
    assert results["participants"] == 1


def test_paper_and_online_exclude_each_other(make_question, make_resident, committee_member, village_page):
    question = make_question()
    clerk = committee_member(village_page.village)
    offline = make_resident(login=False)
    ballot = services.record_paper_ballot(question, offline, [_option(question, "yes").pk], clerk, now=IN_VOTING)
    assert ballot.channel == Channel.PAPER and ballot.entered_by == clerk
    with pytest.raises(ConsultationError, match="paper ballot has already"):
        services.record_paper_ballot(question, offline, [_option(question, "no").pk], clerk, now=IN_VOTING)

    online = make_resident()
    services.cast_ballot(question, online, [_option(question, "no").pk], now=IN_VOTING)
    with pytest.raises(ConsultationError, match="already voted online"):
        services.record_paper_ballot(question, online, [_option(question, "yes").pk], clerk, now=IN_VOTING)
    assert Participation.objects.filter(question=question).count() == 2


def test_open_ballot_voter_cannot_override_a_paper_ballot(make_question, make_resident, committee_member, village_page):
    question = make_question(mode=Question.Mode.OPEN)
    resident = make_resident()
    clerk = committee_member(village_page.village)
    services.record_paper_ballot(question, resident, [_option(question, "yes").pk], clerk, now=IN_VOTING)
    with pytest.raises(ConsultationError, match="paper ballot"):
        services.cast_ballot(question, resident, [_option(question, "no").pk], now=IN_VOTING)


def test_only_the_committee_enters_paper_ballots(make_question, make_resident):
    question = make_question()
    other = make_resident()
    with pytest.raises(ConsultationError):
        services.record_paper_ballot(
            question, make_resident(), [_option(question, "yes").pk], other.user, now=IN_VOTING
        )


def test_choices_are_validated(make_question, make_resident, consultation):
    question = make_question(kind=Question.Kind.MULTIPLE, max_choices=2)
    options = [Option.objects.create(question=question, label=label) for label in "甲乙丙"]
    resident = make_resident()
    with pytest.raises(ConsultationError, match="at most 2"):
        services.cast_ballot(question, resident, [o.pk for o in options], now=IN_VOTING)
    with pytest.raises(ConsultationError):
        services.cast_ballot(question, resident, [], now=IN_VOTING)
    with pytest.raises(ConsultationError):
        services.cast_ballot(question, resident, ["x"], now=IN_VOTING)
    other = make_question(text="另一个问题", kind=Question.Kind.SINGLE)
    foreign = Option.objects.create(question=other, label="丁")
    with pytest.raises(ConsultationError):
        services.cast_ballot(question, resident, [foreign.pk], now=IN_VOTING)
    assert not Participation.objects.exists()
    ballot = services.cast_ballot(question, resident, [options[0].pk, options[2].pk], now=IN_VOTING)
    assert BallotChoice.objects.filter(ballot=ballot).count() == 2


def test_audience_and_verification(consultation, make_question, make_resident, make_village):
    question = make_question()
    yes = _option(question, "yes").pk
    with pytest.raises(ConsultationError):
        services.cast_ballot(question, make_resident(verified=False), [yes], now=IN_VOTING)
    with pytest.raises(ConsultationError):
        services.cast_ballot(question, make_resident(village=make_village()), [yes], now=IN_VOTING)
    consultation.audience = "representatives"
    consultation.save()
    question.refresh_from_db()
    with pytest.raises(ConsultationError):
        services.cast_ballot(question, make_resident(), [yes], now=IN_VOTING)
    services.cast_ballot(question, make_resident(is_representative=True), [yes], now=IN_VOTING)


def test_receipts_are_published_after_closing_and_turnout_is_frozen(make_question, make_resident):
    question = make_question(rule=Question.Rule.REPRESENTATIVES)
    voters = [make_resident() for _ in range(3)]
    receipts = {}
    for voter, role in zip(voters[:2], ["yes", "abstain"], strict=True):
        receipts[services.cast_ballot(question, voter, [_option(question, role).pk], now=IN_VOTING).receipt] = role
    assert services.published_receipts(question) == []  # not before closing
    results = services.question_results(question, now=AFTER_CLOSE)
    assert results["final"] and results["eligible"] == 3 and results["participants"] == 2
    # 2 of 3 is exactly two thirds: valid. 1 yes of 2 present is exactly half: not passed.
    assert results["outcome"].quorum_met and not results["outcome"].passed
    make_resident()  # verified after closing: the frozen figure does not move
    question.refresh_from_db()
    assert services.question_results(question, now=AFTER_CLOSE)["eligible"] == 3
    published = dict(services.published_receipts(question))
    assert set(published) == set(receipts)
    assert all(len(code) == services.RECEIPT_LENGTH for code in published)


def test_nothing_counted_can_be_deleted(make_question, make_resident):
    question = make_question()
    services.cast_ballot(question, make_resident(), [_option(question, "yes").pk], now=IN_VOTING)
    with pytest.raises(ProtectedError):
        question.delete()
    with pytest.raises(ProtectedError):
        Participation.objects.get().resident.delete()


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (OPENINGS["voting_opens"], True),
        (OPENINGS["voting_opens"].replace(microsecond=0) - __import__("datetime").timedelta(seconds=1), False),
        (OPENINGS["results_open"] - __import__("datetime").timedelta(seconds=1), True),
        (OPENINGS["results_open"], False),
    ],
)
def test_voting_is_open_exactly_during_the_voting_phase(make_question, make_resident, moment, allowed):
    question = make_question()
    yes = _option(question, "yes").pk
    with time_machine.travel(moment, tick=False):
        if allowed:
            services.cast_ballot(question, make_resident(), [yes])
        else:
            with pytest.raises(ConsultationError, match="current phase"):
                services.cast_ballot(question, make_resident(), [yes])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
# serialized_rollback: the flush at the end would otherwise wipe what the data migrations made (locales,
# the portal home, request categories) for every test that runs after this one on the same database.
@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_vote_stores_exactly_one_ballot(make_question, make_resident):
    # One test for both modes: a transactional test flushes the data migrations' rows when it ends.
    import threading

    from django.db import connections

    for mode in (Question.Mode.SECRET, Question.Mode.OPEN):
        question = make_question(mode=mode, text=f"问题 {mode}")
        resident = make_resident()
        yes = _option(question, "yes").pk
        barrier = threading.Barrier(2)
        outcomes = []

        def vote(question=question, resident=resident, yes=yes, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                outcomes.append(services.cast_ballot(question, resident, [yes], now=IN_VOTING).receipt)
            except ConsultationError as error:
                outcomes.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=vote) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(outcomes) == 2
        assert Participation.objects.filter(question=question).count() == 1
        assert Ballot.objects.filter(question=question, replaced=False).count() == 1
        if mode == Question.Mode.SECRET:
            # The loser was refused with a message, and no second row exists at all.
            assert Ballot.objects.filter(question=question).count() == 1
            assert sum(isinstance(o, ConsultationError) for o in outcomes) == 1

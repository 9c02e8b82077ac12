"""Voting integrity (DESIGN.md): one participation per resident, secret ballots without voter, receipts, tallies."""

import pytest
import time_machine
from django.db import connection
from django.db.models.deletion import ProtectedError

from consultations import services
from consultations.models import Ballot, BallotBox, BallotChoice, Channel, Option, PaperBatch, Participation, Question
from consultations.services import ConsultationError

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db


def _option(question, role):
    return next(o for o in services.ensure_options(question) if o.role == role)


def _box(question):
    return BallotBox.objects.get(question=question)


def test_a_secret_ballot_leaves_no_row_of_its_own(make_question, make_resident):
    question = make_question(mode=Question.Mode.SECRET)
    resident = make_resident()
    cast = services.cast_ballot(question, resident, [_option(question, "yes").pk], now=IN_VOTING)
    # Counted into the box (a total and the receipt), and no ballot row that could be joined to anything.
    assert not Ballot.objects.exists() and not BallotChoice.objects.exists()
    box = _box(question)
    assert box.ballots == 1 and box.votes_for(_option(question, "yes").pk) == 1 and box.receipts == [cast.receipt]
    assert Participation.objects.get(question=question).resident == resident
    # The voter sees the choice now, once.
    assert [option.role for option in cast.options] == ["yes"] and cast.secret


def test_secret_ballot_is_final(make_question, make_resident):
    question = make_question(mode=Question.Mode.SECRET)
    resident = make_resident()
    services.cast_ballot(question, resident, [_option(question, "yes").pk], now=IN_VOTING)
    with pytest.raises(ConsultationError, match="secret"):
        services.cast_ballot(question, resident, [_option(question, "no").pk], now=IN_VOTING)
    assert _box(question).ballots == 1
    assert Participation.objects.filter(question=question).count() == 1


def test_open_ballot_can_be_changed_and_keeps_the_old_row(make_question, make_resident):
    question = make_question(mode=Question.Mode.OPEN)
    resident = make_resident()
    first = services.cast_ballot(question, resident, [_option(question, "yes").pk], now=IN_VOTING)
    second = services.cast_ballot(question, resident, [_option(question, "no").pk], now=IN_VOTING)
    old, new = Ballot.objects.get(receipt=first.receipt), Ballot.objects.get(receipt=second.receipt)
    assert old.replaced and new.replaces == old and new.resident == resident and not new.replaced
    results = services.question_results(question, now=IN_VOTING)
    counts = {row["option"].role: row["count"] for row in results["rows"]}
    assert counts == {"yes": 0, "no": 1, "abstain": 0}
    assert results["participants"] == 1 and results["ballots"] == 1
    # The final results count the replacing ballot only, and only its receipt is listed as counted.
    closed = services.question_results(question, now=AFTER_CLOSE)
    assert {row["option"].role: row["count"] for row in closed["rows"]} == {"yes": 0, "no": 1, "abstain": 0}
    assert closed["receipts"] == [second.receipt]


def test_paper_and_online_exclude_each_other(make_question, make_resident, committee_member, village_page):
    question = make_question()
    clerk = committee_member(village_page.village)
    offline = make_resident(login=False)
    services.record_paper_ballot(question, offline, [_option(question, "yes").pk], clerk, now=IN_VOTING)
    participation = Participation.objects.get(resident=offline)
    assert participation.channel == Channel.PAPER and participation.entered_by == clerk
    # A secret paper ballot is kept as the clerk's count for the day, not as a ballot of its own.
    assert list(PaperBatch.objects.values_list("entered_by", "ballots")) == [(clerk.pk, 1)]
    with pytest.raises(ConsultationError, match="paper ballot has already"):
        services.record_paper_ballot(question, offline, [_option(question, "no").pk], clerk, now=IN_VOTING)

    online = make_resident()
    services.cast_ballot(question, online, [_option(question, "no").pk], now=IN_VOTING)
    with pytest.raises(ConsultationError, match="already voted online"):
        services.record_paper_ballot(question, online, [_option(question, "yes").pk], clerk, now=IN_VOTING)
    assert Participation.objects.filter(question=question).count() == 2
    assert _box(question).ballots == 2 and PaperBatch.objects.get().ballots == 1


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
    services.cast_ballot(question, resident, [options[0].pk, options[2].pk], now=IN_VOTING)
    assert _box(question).counts == {str(options[0].pk): 1, str(options[2].pk): 1}


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
    published = services.published_receipts(question)
    # Every counted receipt, in code order (not the order of voting), and nothing else: no choice beside it.
    assert published == sorted(receipts) and all(isinstance(code, str) for code in published)
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
        assert BallotBox.objects.get(question=question).ballots == 1
        if mode == Question.Mode.SECRET:
            # The loser was refused with a message, and nothing of a second ballot was counted.
            assert sum(isinstance(o, ConsultationError) for o in outcomes) == 1
        else:
            assert Ballot.objects.filter(question=question, replaced=False).count() == 1


@pytest.mark.parametrize("mode", [Question.Mode.SECRET, Question.Mode.OPEN])
def test_receipts_are_published_in_code_order_never_in_casting_order(make_question, make_resident, monkeypatch, mode):
    # Codes drawn in descending order, so that casting order and code order differ for certain (random codes
    # would leave the two orders equal one time in n!).
    codes = iter(["ZZZZZZZZ", "MMMMMMMM", "BBBBBBBB"])
    monkeypatch.setattr(services.voting, "new_receipt", lambda: next(codes))
    question = make_question(mode=mode)
    cast = [
        services.cast_ballot(question, make_resident(), [_option(question, role).pk], now=IN_VOTING).receipt
        for role in ("yes", "no", "yes")
    ]
    assert cast == ["ZZZZZZZZ", "MMMMMMMM", "BBBBBBBB"]
    assert _box(question).receipts == ["BBBBBBBB", "MMMMMMMM", "ZZZZZZZZ"]
    assert services.question_results(question, now=AFTER_CLOSE)["receipts"] == ["BBBBBBBB", "MMMMMMMM", "ZZZZZZZZ"]


def test_final_results_count_no_replaced_open_ballot(make_question, make_resident):
    question = make_question(mode=Question.Mode.OPEN)
    changer, steady = make_resident(), make_resident()
    services.cast_ballot(question, changer, [_option(question, "yes").pk], now=IN_VOTING)
    services.cast_ballot(question, changer, [_option(question, "abstain").pk], now=IN_VOTING)
    last = services.cast_ballot(question, changer, [_option(question, "no").pk], now=IN_VOTING)
    kept = services.cast_ballot(question, steady, [_option(question, "yes").pk], now=IN_VOTING)
    closed = services.question_results(question, now=AFTER_CLOSE)
    assert closed["final"]
    assert {row["option"].role: row["count"] for row in closed["rows"]} == {"yes": 1, "no": 1, "abstain": 0}
    assert (closed["participants"], closed["ballots"]) == (2, 2)
    assert closed["receipts"] == sorted([last.receipt, kept.receipt])
    # One yes of two present is exactly half: the replaced yes, if counted, would have made it pass.
    assert not closed["outcome"].passed

"""A secret online ballot counted in one statement on PostgreSQL (consultations.services.one_statement).

It must leave exactly what the general path (a locked read, the box counted in Python, the row written back)
leaves: the same totals, the same sorted receipts, one participation, nothing for a refused second ballot.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import integrity, services
from consultations.models import BallotBox, Option, Participation, Question
from consultations.services import ConsultationError, one_statement

from .conftest import AFTER_CLOSE, IN_VOTING

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI's PostgreSQL pass)"),
]

# Casting order far from code order, so a box that kept the order ballots came in would show it.
CODES = ["ZZZZ2222", "MMMM3333", "BBBB4444", "XXXX5555", "CCCC6666", "PPPP7777", "DDDD8888"]
CHOICES = [(0,), (1, 2), (2,), (0, 1), (1,), (0, 2), (2,)]


def _cast_all(question, options, make_resident, monkeypatch) -> list[str]:
    codes = iter(CODES)
    monkeypatch.setattr(services.voting, "new_receipt", lambda: next(codes))
    receipts = []
    for picked in CHOICES:
        cast = services.cast_ballot(question, make_resident(), [options[i].pk for i in picked], now=IN_VOTING)
        receipts.append(cast.receipt)
    return receipts


def _multiple(make_question) -> tuple[Question, list[Option]]:
    question = make_question(kind=Question.Kind.MULTIPLE, max_choices=2, mode=Question.Mode.SECRET)
    return question, [Option.objects.create(question=question, label=label) for label in "甲乙丙"]


def test_the_statement_leaves_what_the_general_path_leaves(make_question, make_resident, monkeypatch):
    fast, fast_options = _multiple(make_question)
    with CaptureQueriesContext(connection) as queries:
        fast_receipts = _cast_all(fast, fast_options, make_resident, monkeypatch)
    statements = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("WITH counted AS")]
    # Every ballot tries it; the first found no box and was counted by the general path, which made it: its
    # locked read found nothing, then it locked the box it made. No other ballot took the general path.
    assert len(statements) == len(CHOICES)
    assert sum(q["sql"].startswith("SELECT") and "FOR UPDATE" in q["sql"] for q in queries.captured_queries) == 2

    monkeypatch.setattr(one_statement, "usable", lambda: False)
    general, general_options = _multiple(make_question)
    general_receipts = _cast_all(general, general_options, make_resident, monkeypatch)

    assert fast_receipts == general_receipts == CODES
    boxes = {box.question_id: box for box in BallotBox.objects.all()}
    positions = {str(option.pk): n for n, option in enumerate(fast_options)}
    general_positions = {str(option.pk): n for n, option in enumerate(general_options)}
    assert boxes[fast.pk].ballots == boxes[general.pk].ballots == len(CHOICES)
    assert boxes[fast.pk].receipts == boxes[general.pk].receipts == sorted(CODES)
    fast_counts = {positions[key]: n for key, n in boxes[fast.pk].counts.items()}
    general_counts = {general_positions[key]: n for key, n in boxes[general.pk].counts.items()}
    assert fast_counts == general_counts == {0: 3, 1: 3, 2: 4}
    assert Participation.objects.filter(question=fast).count() == len(CHOICES)
    assert integrity.findings() == []
    results = services.question_results(fast, now=AFTER_CLOSE)
    assert results["receipts"] == sorted(CODES)


def test_a_code_already_in_the_box_is_drawn_again_and_nothing_is_counted_twice(
    make_question, make_resident, monkeypatch
):
    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    codes = iter(["AAAA2222", "AAAA2222", "BBBB3333"])
    monkeypatch.setattr(services.voting, "new_receipt", lambda: next(codes))
    first = services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    second = services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    assert (first.receipt, second.receipt) == ("AAAA2222", "BBBB3333")
    box = BallotBox.objects.get(question=question)
    assert (box.ballots, box.receipts, box.counts) == (2, ["AAAA2222", "BBBB3333"], {str(yes.pk): 2})
    assert integrity.findings() == []


def test_a_second_ballot_through_the_statement_is_refused_and_counts_nothing(make_question, make_resident):
    question = make_question(mode=Question.Mode.SECRET)
    options = services.ensure_options(question)
    yes, no = (next(o for o in options if o.role == role) for role in ("yes", "no"))
    services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)  # the box exists from here on
    resident = make_resident()
    services.cast_ballot(question, resident, [yes.pk], now=IN_VOTING)
    with CaptureQueriesContext(connection) as queries, pytest.raises(ConsultationError, match="already voted"):
        services.cast_ballot(question, resident, [no.pk], now=IN_VOTING)
    assert any(q["sql"].startswith("WITH counted AS") for q in queries.captured_queries)
    box = BallotBox.objects.get(question=question)
    assert (box.ballots, len(box.receipts), box.counts) == (2, 2, {str(yes.pk): 2})
    assert Participation.objects.filter(question=question).count() == 2
    assert integrity.findings() == []


@pytest.mark.parametrize("taken", [False, True], ids=["free code", "taken code"])
def test_the_statement_alone_writes_all_or_nothing(make_question, make_resident, taken):
    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    box = BallotBox.objects.get(question=question)
    free = next(code for code in (f"{n}" * 8 for n in itertools.count(2)) if code not in box.receipts)
    code = box.receipts[0] if taken else free
    stored = one_statement.count_secret(question, make_resident(), [yes], code, IN_VOTING.date())
    box.refresh_from_db()
    assert (stored is None) is taken
    assert box.ballots == Participation.objects.filter(question=question).count() == (1 if taken else 2)
    assert len(box.receipts) == box.ballots


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_statements_count_every_ballot_once(make_question, make_resident):
    """Ten voters at once on a box that exists, one of them twice: the statements queue on the box's row lock in
    autocommit, each sees the row its predecessor committed, and the double is refused by the unique constraint."""
    import threading

    from django.db import connections

    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    voters = [make_resident() for _ in range(9)]
    barrier = threading.Barrier(len(voters) + 1)
    outcomes: list = []

    def vote(resident) -> None:
        try:
            barrier.wait()
            outcomes.append(services.cast_ballot(question, resident, [yes.pk], now=IN_VOTING).receipt)
        except ConsultationError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(resident,)) for resident in [*voters, voters[0]]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = [o for o in outcomes if isinstance(o, ConsultationError)]
    assert len(outcomes) == 10 and len(refused) == 1
    box = BallotBox.objects.get(question=question)
    assert box.ballots == Participation.objects.filter(question=question).count() == 10
    assert box.counts == {str(yes.pk): 10}
    assert sorted(box.receipts) == box.receipts and len(set(box.receipts)) == 10
    assert {o for o in outcomes if isinstance(o, str)} < set(box.receipts)  # and the first voter's
    assert integrity.findings() == []

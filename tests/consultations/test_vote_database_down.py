"""A ballot when the database connection is lost half-way (PostgreSQL restarting): all or nothing, and a 503.

The fault is injected with an execute_wrapper on the real connection: the statement named is refused the way
Django reports a connection that PostgreSQL closed (OperationalError), every other statement runs as usual.
bench/load_fault.py checks the same under load with a real restart; this reproduces it without one.
"""

import pytest
import time_machine
from django.db import OperationalError, connection

from consultations import services
from consultations.models import Ballot, BallotBox, BallotChoice, Participation, Question

from .conftest import IN_VOTING

pytestmark = pytest.mark.django_db


def lost_connection_at(statement: str):
    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().startswith(statement):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    return connection.execute_wrapper(wrapper)


def _vote(client, consultation, question, option):
    return client.post(f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/", {"option": option.pk})


def _receipt_given(response) -> bool:
    return "messages" in response.cookies and "receipt" in response.cookies["messages"].value.lower()


def test_connection_lost_at_the_last_write_of_a_ballot_stores_nothing_and_answers_503(
    client, consultation, make_resident, make_question
):
    question = make_question(mode=Question.Mode.OPEN)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    client.force_login(make_resident().user)
    with time_machine.travel(IN_VOTING, tick=False):
        with lost_connection_at('INSERT INTO "consultations_ballotchoice"'):
            refused = _vote(client, consultation, question, yes)
        assert refused.status_code == 503 and refused["Retry-After"]
        assert "暂时无法使用" in refused.content.decode() and not _receipt_given(refused)
        # No participation without its ballot, no ballot without its choice: the voter may simply vote again.
        assert not Participation.objects.exists() and not Ballot.objects.exists()
        assert not BallotChoice.objects.exists()

        again = _vote(client, consultation, question, yes)
    assert again.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.choices.get().option == yes and Participation.objects.count() == 1


def test_connection_lost_while_changing_a_vote_keeps_the_first_ballot_counted(
    client, consultation, make_resident, make_question
):
    question = make_question(mode=Question.Mode.OPEN)
    options = {o.role: o for o in services.ensure_options(question)}
    client.force_login(make_resident().user)
    with time_machine.travel(IN_VOTING, tick=False):
        assert _vote(client, consultation, question, options["yes"]).status_code == 302
        first = Ballot.objects.get()
        with lost_connection_at('INSERT INTO "consultations_ballotchoice"'):
            refused = _vote(client, consultation, question, options["no"])
    assert refused.status_code == 503 and not _receipt_given(refused)
    counted = Ballot.objects.get(replaced=False)
    assert counted == first and Ballot.objects.count() == 1
    assert counted.choices.get().option == options["yes"]


def test_connection_lost_at_a_secret_ballots_write_stores_nothing_and_answers_503(
    client, consultation, make_resident, make_question
):
    """A secret ballot's last write: on PostgreSQL the one statement that counts it (services.one_statement),
    elsewhere the box's UPDATE in the general path."""
    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    last_write = "WITH counted AS" if connection.vendor == "postgresql" else 'UPDATE "consultations_ballotbox"'
    with time_machine.travel(IN_VOTING, tick=False):
        client.force_login(make_resident().user)
        assert _vote(client, consultation, question, yes).status_code == 200  # the box exists from here on
        client.force_login(make_resident().user)
        with lost_connection_at(last_write):
            refused = _vote(client, consultation, question, yes)
        assert refused.status_code == 503 and refused["Retry-After"]
        assert "暂时无法使用" in refused.content.decode()
        box = BallotBox.objects.get(question=question)
        assert (box.ballots, len(box.receipts), Participation.objects.count()) == (1, 1, 1)

        again = _vote(client, consultation, question, yes)
    assert again.status_code == 200
    box.refresh_from_db()
    assert (box.ballots, len(box.receipts), Participation.objects.count()) == (2, 2, 2)

"""The ballot path's database work, kept small: the bench's p99 depends on it (bench/vote_throughput.py)."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import services
from consultations.models import BallotBox, Participation

from .conftest import IN_VOTING

pytestmark = pytest.mark.django_db


def _vote(client, consultation, question, option, voter):
    client.force_login(voter.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/", {"option": option.pk})
    assert response.status_code == 200  # a secret ballot: its receipt shown once
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_a_vote_takes_a_bounded_number_of_queries(client, consultation, make_question, make_resident):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    with time_machine.travel(IN_VOTING, tick=False):
        _vote(client, consultation, question, yes, make_resident())  # warms Wagtail's site-root cache
        queries = _vote(client, consultation, question, yes, make_resident())
    assert BallotBox.objects.get(question=question).ballots == Participation.objects.count() == 2
    # Session, user, page, question, village, resident, options, participation, the ballot box (locked, then
    # written), the page's url_path that tells the page cache which village's pages to invalidate; then the
    # confirmation page that shows the secret ballot's receipt once (site, village page, unread notifications,
    # language links): 16.
    assert len(queries) <= 16, "\n".join(q[:120] for q in queries)

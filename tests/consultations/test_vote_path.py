"""The ballot path's database work, kept small: the bench's p99 depends on it (bench/vote_throughput.py)."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import services
from consultations.models import Ballot, Participation

from .conftest import IN_VOTING

pytestmark = pytest.mark.django_db


def _vote(client, consultation, question, option, voter):
    client.force_login(voter.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/", {"option": option.pk})
    assert response.status_code == 302
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_a_vote_takes_a_bounded_number_of_queries(client, consultation, make_question, make_resident):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    with time_machine.travel(IN_VOTING, tick=False):
        _vote(client, consultation, question, yes, make_resident())  # warms Wagtail's site-root cache
        queries = _vote(client, consultation, question, yes, make_resident())
    assert Ballot.objects.count() == Participation.objects.count() == 2
    # Session, user, page, question, village, resident, options, participation, ballot, ballot choice, and the
    # page's url_path that tells the page cache which village's pages to invalidate.
    assert len(queries) <= 11, "\n".join(q[:120] for q in queries)

"""Open data: proposals without personal fields, tallies only once results are public; constant query counts."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import services
from consultations.models import Proposal

from .conftest import AFTER_CLOSE, IN_VOTING

pytestmark = pytest.mark.django_db


def _proposals(consultation, author, n):
    Proposal.objects.bulk_create(
        [Proposal(page=consultation, author=author, title=f"提案{i}", text="<p>内容</p>") for i in range(n)]
    )


def _count(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def test_proposals_carry_no_personal_field_and_constant_queries(client, consultation, make_resident):
    author = make_resident(real_name="张三丰", phone="13800001111", household_number="东三组户0101")
    _proposals(consultation, author, 10)
    few, data = _count(client, "/api/v2/consultations/proposals/", consultation=consultation.pk)
    _proposals(consultation, author, 490)
    many, more = _count(client, "/api/v2/consultations/proposals/", consultation=consultation.pk, limit=500)
    assert few == many
    assert data["count"] == 10 and more["count"] == 500
    item = data["results"][0]
    assert item["author"] == author.public_name
    text = str(more)
    assert "张三丰" not in text and "13800001111" not in text and "东三组户0101" not in text
    assert {"title", "status", "support_count", "consultation"} <= set(item)


def test_a_restricted_or_draft_consultation_is_not_listed(client, consultation, make_resident):
    from wagtail.models import PageViewRestriction

    _proposals(consultation, make_resident(), 1)
    PageViewRestriction.objects.create(page=consultation, restriction_type="login")
    assert client.get("/api/v2/consultations/proposals/").json()["count"] == 0


def test_tally_only_after_closing_unless_live(client, consultation, make_question, make_resident):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    with time_machine.travel(IN_VOTING, tick=False):
        for _ in range(3):
            services.cast_ballot(question, make_resident(), [yes.pk])
        assert client.get(f"/api/v2/consultations/{consultation.pk}/tally/").status_code == 403
        consultation.live_results = True
        consultation.save_revision().publish()
        live = client.get(f"/api/v2/consultations/{consultation.pk}/tally/").json()
    assert live["questions"][0]["final"] is False and live["questions"][0]["receipts"] == []
    with time_machine.travel(AFTER_CLOSE, tick=False):
        _queries, data = _count(client, f"/api/v2/consultations/{consultation.pk}/tally/")
    result = data["questions"][0]
    assert result["final"] is True and result["participants"] == 3 and len(result["receipts"]) == 3
    assert {o["label"]: o["votes"] for o in result["options"]}["赞成"] == 3


def test_tally_queries_do_not_grow_with_ballots(client, consultation, make_question, make_resident):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    with time_machine.travel(IN_VOTING, tick=False):
        services.cast_ballot(question, make_resident(), [yes.pk])
    with time_machine.travel(AFTER_CLOSE, tick=False):
        client.get(f"/api/v2/consultations/{consultation.pk}/tally/")  # closes the question once
        few, _ = _count(client, f"/api/v2/consultations/{consultation.pk}/tally/")
    with time_machine.travel(IN_VOTING, tick=False):
        for _ in range(20):
            services.cast_ballot(question, make_resident(), [yes.pk])
    with time_machine.travel(AFTER_CLOSE, tick=False):
        many, _ = _count(client, f"/api/v2/consultations/{consultation.pk}/tally/")
    assert few == many


def test_draft_consultation_has_no_tally(client, consultation):
    consultation.unpublish()
    with time_machine.travel(AFTER_CLOSE, tick=False):
        # Not found; LocaleMiddleware turns a 404 outside the language prefixes into a redirect to one.
        assert client.get(f"/api/v2/consultations/{consultation.pk}/tally/").status_code in (302, 404)

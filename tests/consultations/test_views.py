"""The consultation page and the actions behind it, through HTTP."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import listing, services
from consultations.models import BallotBox, Comment, Proposal, Question

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db


def _fill(consultation, author, n):
    proposals = Proposal.objects.bulk_create(
        [Proposal(page=consultation, author=author, title=f"提案{i}", text="<p>内容</p>") for i in range(n)]
    )
    tops = Comment.objects.bulk_create(
        [Comment(page=consultation, author=author, text="评论", proposal=p) for p in proposals]
        + [Comment(page=consultation, author=author, text="总评") for _ in range(n)]
    )
    Comment.objects.bulk_create([Comment(page=consultation, author=author, text="回复", parent=c) for c in tops[:n]])


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_query_count_does_not_grow_with_proposals_and_comments(client, consultation, make_resident, make_question):
    author = make_resident()
    question = make_question()
    services.ensure_options(question)
    client.force_login(author.user)
    with time_machine.travel(AFTER_CLOSE, tick=False):
        _fill(consultation, author, 10)
        services.close_question(question)  # the first view after closing freezes the turnout: one-off writes
        _queries(client, consultation.url)  # warms the per-process caches (site root paths, page-cache scopes)
        small, _response = _queries(client, consultation.url)
        _fill(consultation, author, 490)
        large, response = _queries(client, consultation.url)
    assert Proposal.objects.count() == 500
    assert large == small < 45
    assert response.content.decode().count('class="proposal"') == listing.PROPOSALS_PER_PAGE  # one page of 25


def test_vote_through_the_page_gives_a_receipt(client, consultation, make_resident, make_question):
    resident = make_resident()
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    client.force_login(resident.user)
    with time_machine.travel(IN_VOTING, tick=False):
        response = client.post(
            f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/", {"option": yes.pk}, follow=True
        )
        box = BallotBox.objects.get(question=question)
        # The secret ballot's receipt, large, once, with what was chosen; never stored in a cache.
        html = response.content.decode()
        assert box.receipts[0] in html and "赞成" in html and "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        again = client.post(
            f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/", {"option": yes.pk}, follow=True
        )
        later = client.get(consultation.url).content.decode()
    assert again.status_code == 200 and BallotBox.objects.get(question=question).ballots == 1
    assert "message-error" in again.content.decode()
    # Afterwards the page says the resident voted, and shows neither the receipt nor the choice again.
    assert "您已于" in later and box.receipts[0] not in later


def test_unverified_resident_is_refused_with_explanation(client, consultation, make_resident, make_question):
    question = make_question()
    client.force_login(make_resident(verified=False).user)
    with time_machine.travel(IN_VOTING, tick=False):
        response = client.post(f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/", {"option": 1})
    assert response.status_code == 403 and not BallotBox.objects.filter(ballots__gt=0).exists()


def test_bad_proposal_keeps_what_was_typed(client, consultation, make_resident):
    client.force_login(make_resident().user)
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        response = client.post(
            f"/zh-hans/consultations/{consultation.pk}/proposals/new/", {"title": "", "text": "我的长篇意见"}
        )
        assert response.status_code == 400 and "我的长篇意见" in response.content.decode()
        response = client.post(
            f"/zh-hans/consultations/{consultation.pk}/proposals/new/",
            {"title": "路灯", "text": "<script>alert(1)</script>晚上太黑"},
        )
    assert response.status_code == 302
    page = client.get(consultation.url).content.decode()
    assert "晚上太黑" in page and "<script>alert(1)" not in page


def test_hidden_comment_shows_a_notice(client, consultation, make_resident, committee_member, village_page):
    resident = make_resident()
    with time_machine.travel(OPENINGS["information_opens"], tick=False):
        comment = services.add_comment(consultation, resident, "骂人的话")
    services.moderate_comment(comment, committee_member(village_page.village), hide=True, reason="人身攻击")
    page = client.get(consultation.url).content.decode()
    assert "骂人的话" not in page and "人身攻击" in page


def test_results_hidden_until_closing_then_csv_with_bom(client, consultation, make_resident, make_question):
    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    ballot = services.cast_ballot(question, make_resident(), [yes.pk], now=IN_VOTING)
    with time_machine.travel(IN_VOTING, tick=False):
        assert client.get(f"/zh-hans/consultations/{consultation.pk}/results.csv").status_code == 400
        assert 'id="results"' not in client.get(consultation.url).content.decode()
    with time_machine.travel(AFTER_CLOSE, tick=False):
        page = client.get(consultation.url).content.decode()
        csv_response = client.get(f"/zh-hans/consultations/{consultation.pk}/results.csv")
    assert 'id="results"' in page and "<svg" in page
    body = csv_response.getvalue().decode("utf-8")
    assert body.startswith("\ufeff") and ballot.receipt in body and question.text in body


def test_a_vote_takes_a_bounded_number_of_queries(client, consultation, make_resident, make_question):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    client.force_login(make_resident().user)
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    with time_machine.travel(IN_VOTING, tick=False), CaptureQueriesContext(connection) as queries:
        assert client.post(url, {"option": yes.pk}).status_code == 200
    assert BallotBox.objects.get(question=question).ballots == 1
    # With savepoints and the receipt's confirmation page; tests/consultations/test_vote_path.py itemises them.
    assert len(queries) <= 26


def test_yes_no_ballot_offers_its_choices_on_the_page_when_voting_opens(
    client, consultation, make_resident, make_question
):
    """Regression: the three options were made only by a vote or a paper ballot, so the web ballot had none."""
    question = make_question()
    assert not question.options.exists()
    client.force_login(make_resident().user)
    with time_machine.travel(IN_VOTING, tick=False):
        html = client.get(consultation.url).content.decode()
        again = client.get(consultation.url).content.decode()
    assert html.count('name="option"') == 3 and again.count('name="option"') == 3
    assert sorted(question.options.values_list("role", flat=True)) == ["abstain", "no", "yes"]

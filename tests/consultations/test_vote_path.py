"""The ballot path's database work, kept small: the bench's p99 depends on it (bench/vote_throughput.py).

Each budget is the whole POST as a signed-in resident sends it (session, user and everything after), savepoints
not counted, and it does not grow with the number of voters, proposals or comments already there.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import services
from consultations.models import Ballot, BallotBox, Comment, Participation, Proposal, Question, Support

from .conftest import IN_VOTING, UTC

pytestmark = pytest.mark.django_db

IN_DELIBERATION = datetime.datetime(2026, 1, 25, tzinfo=UTC)

# A secret ballot: session, the user with its resident (one query: residents.auth), then one query for the page,
# the question, its options (the rows) and the village's id (a subquery on the page's grandparent:
# consultations.posted), the participation (no savepoint), the ballot box locked then written (the page cache is
# told which village from the page in hand, no query); then the confirmation page in the light frame
# (base_light.html), which asks nothing: its link back is page.url, from Wagtail's cached site root paths.
# Before issue 25: 16; after its first pass 15 (the full base.html: translations for the language links, site,
# unread notifications, breadcrumbs, urgent notices); after its second 10 (page, question, village and options
# were four queries), after its third 7 (the resident was its own query). On PostgreSQL the participation and the
# box are one statement (consultations.services.one_statement: the box's lock lasts only while it runs): 4.
SECRET_BALLOT_QUERIES = 4 if connection.vendor == "postgresql" else 6
# An open ballot: the same up to the box, then the ballot and its choices, and a redirect instead of a page.
OPEN_BALLOT_QUERIES = 8
# Session, user with resident, the proposal with its page and the village's id (one query), the support (an
# insert the unique constraint decides, no read first) and the proposal's count; the page cache is told which
# village from the page in hand. Before: 12, then 9, then 6.
SUPPORT_QUERIES = 5
# Session, user with resident, the proposal named with its page and the village's id (one query), the comment and the
# proposal's count, then the notification task (django-tasks' immediate backend in tests: the comment with its
# author, page and proposal, and the proposal's followers); with the production database backend the task is one
# insert instead. Before: 12, then 10, then 8.
COMMENT_QUERIES = 7


def _counted(client, url, data, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    sql = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    return response, sql


def _listing(sql):
    return "\n".join(q[:140] for q in sql)


def _voters_first(client, url, option, residents):
    for resident in residents:
        response, _sql = _counted(client, url, {"option": option.pk}, resident.user)
        assert response.status_code in (200, 302)


@pytest.mark.parametrize("earlier", [1, 20])
@pytest.mark.parametrize(
    ("mode", "budget"), [(Question.Mode.SECRET, SECRET_BALLOT_QUERIES), (Question.Mode.OPEN, OPEN_BALLOT_QUERIES)]
)
def test_a_ballot_takes_a_fixed_number_of_queries(
    client, consultation, make_question, make_resident, earlier, mode, budget
):
    question = make_question(mode=mode)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    with time_machine.travel(IN_VOTING, tick=False):
        _voters_first(client, url, yes, [make_resident() for _ in range(earlier)])  # also warms the site root
        response, sql = _counted(client, url, {"option": yes.pk}, make_resident().user)
    assert response.status_code == (200 if mode == Question.Mode.SECRET else 302)
    assert BallotBox.objects.get(question=question).ballots == Participation.objects.count() == earlier + 1
    assert Ballot.objects.count() == (0 if mode == Question.Mode.SECRET else earlier + 1)
    assert len(sql) == budget, _listing(sql)


@pytest.mark.parametrize("earlier", [1, 20])
def test_a_support_takes_a_fixed_number_of_queries(client, consultation, make_resident, earlier):
    author = make_resident()
    proposals = [
        Proposal.objects.create(page=consultation, author=author, title=f"提议{n}", text="修路") for n in range(earlier)
    ]
    for supporter in [make_resident() for _ in range(earlier)]:
        Support.objects.create(proposal=proposals[0], resident=supporter)
    url = f"/zh-hans/consultations/{consultation.pk}/proposals/{proposals[0].pk}/support/"
    with time_machine.travel(IN_DELIBERATION, tick=False):
        _counted(client, url, {}, make_resident().user)  # warms the site root
        response, sql = _counted(client, url, {}, make_resident().user)
    assert response.status_code == 302
    assert Support.objects.filter(proposal=proposals[0]).count() == earlier + 2
    proposals[0].refresh_from_db()
    assert proposals[0].support_count == 2  # the counter moves with each new support (the seeded ones bypassed it)
    assert len(sql) == SUPPORT_QUERIES, _listing(sql)


@pytest.mark.parametrize("earlier", [1, 20])
def test_a_comment_takes_a_fixed_number_of_queries(client, consultation, make_resident, earlier):
    author = make_resident()
    proposals = [
        Proposal.objects.create(page=consultation, author=author, title=f"提议{n}", text="修路") for n in range(earlier)
    ]
    for writer in [make_resident() for _ in range(earlier)]:
        Comment.objects.create(page=consultation, author=writer, text="同意", proposal=proposals[-1])
    url = f"/zh-hans/consultations/{consultation.pk}/comments/"
    data = {"text": "支持修路", "proposal": proposals[-1].pk}
    with time_machine.travel(IN_DELIBERATION, tick=False):
        _counted(client, url, data, make_resident().user)  # warms the site root
        response, sql = _counted(client, url, data, make_resident().user)
    assert response.status_code == 302
    assert Comment.objects.filter(proposal=proposals[-1]).count() == earlier + 2
    assert len(sql) == COMMENT_QUERIES, _listing(sql)


def test_a_ballot_makes_only_its_village_pages_stale(client, consultation, make_question, make_resident):
    """The box's counts are on the consultation's page alone: the home page and search stay cached."""
    from portal.pagecache import current_generations

    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    village = consultation.get_parent().get_parent().slug
    before = {scope: current_generations(scope) for scope in (village, "", "search")}
    with time_machine.travel(IN_VOTING, tick=False):
        response, _sql = _counted(client, url, {"option": yes.pk}, make_resident().user)
    assert response.status_code == 200
    after = {scope: current_generations(scope) for scope in (village, "", "search")}
    assert after[village][1] > before[village][1]
    assert after[""] == before[""] and after["search"] == before["search"]


def test_the_light_confirmation_page_keeps_what_the_voter_needs(client, consultation, make_question, make_resident):
    """The secret ballot's page in the light frame: the visitor's language, a skip link, the receipt and the choice
    in the HTML itself (no script needed), a link back to the consultation; never cached; not the full header."""
    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    with time_machine.travel(IN_VOTING, tick=False):
        response, _sql = _counted(client, url, {"option": yes.pk}, make_resident().user)
    html = response.content.decode()
    receipt = BallotBox.objects.get(question=question).receipts[0]
    assert response.status_code == 200 and receipt in html and "赞成" in html
    assert 'lang="zh-hans"' in html and 'class="skip-link"' in html and "跳到主要内容" in html
    assert f'href="{consultation.url}#question-{question.pk}"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'class="languages"' not in html and 'class="breadcrumbs' not in html  # the light frame, not base.html


def test_the_confirmation_page_is_in_each_voters_language_whoever_voted_before(
    client, consultation, make_question, make_resident
):
    """Its fixed texts are rendered once per language ({% frozen %}): each voter still reads their own language,
    their own receipt, choice and date, in whatever order the languages come."""
    question = make_question(mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    words = {
        "en": ["Your vote is recorded", "Skip to main content", "Back to the consultation", "12348", "Print this page"],
        "zh-hans": ["您的投票已记录", "跳到主要内容", "12348"],
    }
    seen = set()
    with time_machine.travel(IN_VOTING, tick=False):
        for language in ("en", "zh-hans", "en", "zh-hans"):
            url = f"/{language}/consultations/{consultation.pk}/vote/{question.pk}/"
            response, _sql = _counted(client, url, {"option": yes.pk}, make_resident().user)
            html = response.content.decode()
            receipt = html.split('<p class="receipt-code"><code>')[1].split("<")[0]
            assert response.status_code == 200 and f'lang="{language}"' in html
            assert all(word in html for word in words[language]), language
            other = "zh-hans" if language == "en" else "en"
            assert not any(word in html for word in words[other] if word != "12348"), language
            assert receipt not in seen and BallotBox.objects.get(question=question).holds(receipt)
            seen.add(receipt)
    assert len(seen) == 4


def test_the_fast_lookup_hands_over_the_pages_own_village(consultation, make_question):
    """consultations.posted: the village's id from the grandparent subquery is the one the page's own lookup finds,
    and the instance with only its id loads a field when one is read."""
    from consultations import posted
    from consultations.models import ConsultationPage

    question = make_question()
    services.ensure_options(question)
    page, found, options = posted.ballot_target(consultation.pk, question.pk)
    expected = ConsultationPage.objects.get(pk=consultation.pk).village
    assert found.pk == question.pk and [o.role for o in options] == ["yes", "no", "abstain"]
    assert page.village.pk == expected.pk and page.village.name == expected.name
    assert posted.ballot_target(consultation.pk + 1000, question.pk) is None  # not this page's question
    assert posted.full_village(page).get_deferred_fields() == set()


def test_a_resident_of_another_village_gets_the_refusal_naming_this_village(
    client, consultation, make_question, make_resident, make_village
):
    question = make_question()
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")
    stranger = make_resident(village=make_village())
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    with time_machine.travel(IN_VOTING, tick=False):
        response, _sql = _counted(client, url, {"option": yes.pk}, stranger.user)
    assert response.status_code == 403
    assert consultation.village.name in response.content.decode()
    assert Participation.objects.count() == 0 and not BallotBox.objects.filter(question=question, ballots__gt=0)


def test_a_second_support_is_refused_by_the_constraint(consultation, make_resident):
    author, supporter = make_resident(), make_resident()
    proposal = Proposal.objects.create(page=consultation, author=author, title="提议", text="修路")
    proposal.page = consultation
    with time_machine.travel(IN_DELIBERATION, tick=False):
        assert services.support(proposal, supporter) is True
        assert services.support(proposal, supporter) is False
    proposal.refresh_from_db()
    assert proposal.support_count == 1 and Support.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize("mode", [Question.Mode.SECRET, Question.Mode.OPEN])
def test_a_ballot_sets_no_savepoint_and_a_second_is_still_decided_by_the_database(
    client, consultation, make_question, make_resident, mode
):
    """The participation's insert has no savepoint of its own: a second ballot rolls the first try back and is
    refused (secret) or replaces the earlier one (open) in a transaction of its own."""
    question = make_question(mode=mode)
    yes, no = (next(o for o in services.ensure_options(question) if o.role == role) for role in ("yes", "no"))
    url = f"/zh-hans/consultations/{consultation.pk}/vote/{question.pk}/"
    voter = make_resident()
    client.force_login(voter.user)
    with time_machine.travel(IN_VOTING, tick=False):
        with CaptureQueriesContext(connection) as queries:
            first = client.post(url, {"option": yes.pk})
        second = client.post(url, {"option": no.pk})
    assert first.status_code == (200 if mode == Question.Mode.SECRET else 302)
    assert not [q for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")]
    box = BallotBox.objects.get(question=question)
    assert Participation.objects.filter(question=question).count() == box.ballots == 1
    if mode == Question.Mode.SECRET:
        assert second.status_code == 302 and box.counts == {str(yes.pk): 1}  # refused: the first choice stands
    else:
        assert box.counts == {str(yes.pk): 0, str(no.pk): 1}
        assert Ballot.objects.filter(question=question, replaced=False).get().choices.get().option == no

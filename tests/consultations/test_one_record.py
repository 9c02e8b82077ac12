"""One consultation, one vote, one record, in every language (issue 16).

Every page exists in three trees. Whatever tree a resident acts through, the action lands on the same record:
the tests act through /zh-hant/ and /en/ and look for the result on the zh-hans record, and on every tree's page.
"""

import re

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations import services
from consultations.models import (
    BallotBox,
    Comment,
    CommentReport,
    ConsultationPage,
    FollowUp,
    Option,
    PaperBatch,
    Participation,
    PhaseNotice,
    Proposal,
    Question,
    Support,
)
from notifications.models import Follow

from .conftest import AFTER_CLOSE, IN_VOTING, OPENINGS

pytestmark = pytest.mark.django_db
LANGUAGES = ("zh-hans", "zh-hant", "en")


@pytest.fixture
def trees(translated_trees, consultation) -> dict[str, ConsultationPage]:
    """The consultation with a secret yes/no and an open single-choice question, published, mirrored into zh-hant
    and en as the site does it (aliases that copy the questions)."""
    consultation.questions = [
        Question(text="是否同意改造方案？", mode=Question.Mode.SECRET),
        Question(
            text="先修哪一段？",
            kind=Question.Kind.SINGLE,
            mode=Question.Mode.OPEN,
            options=[Option(label="东段"), Option(label="西段")],
        ),
    ]
    consultation.save_revision().publish()
    create_aliases_for_new_page(consultation)
    pages = {p.locale.language_code: p.specific for p in consultation.get_translations(inclusive=True)}
    assert set(pages) == set(LANGUAGES)
    return pages


def _questions(page) -> list[Question]:
    return list(Question.objects.filter(page=page).order_by("sort_order", "pk"))


def _vote_url(language, page, question) -> str:
    return f"/{language}/consultations/{page.pk}/vote/{question.pk}/"


def test_each_tree_has_its_copy_of_a_question_and_they_are_one_question(trees):
    keys = {language: [q.translation_key for q in _questions(page)] for language, page in trees.items()}
    assert keys["zh-hant"] == keys["en"] == keys["zh-hans"]
    for language, page in trees.items():
        for question in _questions(page):
            assert question.record_question().page_id == trees["zh-hans"].pk, language


@pytest.mark.parametrize("first, second", [("zh-hant", "en"), ("en", "zh-hans"), ("zh-hans", "zh-hant")])
def test_a_second_vote_through_another_tree_is_already_voted(client, trees, make_resident, first, second):
    resident = make_resident()
    client.force_login(resident.user)
    with time_machine.travel(IN_VOTING, tick=False):
        copy = _questions(trees[first])[0]
        yes = services.ensure_options(copy.record_question())[0]
        assert client.post(_vote_url(first, trees[first], copy), {"option": yes.pk}).status_code == 200
        other = _questions(trees[second])[0]
        again = client.post(_vote_url(second, trees[second], other), {"option": yes.pk}, follow=True)
    assert "message-error" in again.content.decode()
    record = _questions(trees["zh-hans"])[0]
    assert list(Participation.objects.values_list("question", flat=True)) == [record.pk]
    assert BallotBox.objects.get(question=record).ballots == 1


def test_online_and_paper_through_different_trees_exclude_each_other(
    trees, make_resident, committee_member, village_page
):
    resident, clerk = make_resident(), committee_member(village_page.village)
    record = _questions(trees["zh-hans"])[0]
    yes = services.ensure_options(record)[0]
    services.cast_ballot(_questions(trees["en"])[0], resident, [yes.pk], now=IN_VOTING)
    with pytest.raises(services.ConsultationError, match="already voted online"):
        services.record_paper_ballot(_questions(trees["zh-hant"])[0], resident, [yes.pk], clerk, now=IN_VOTING)
    assert Participation.objects.get().question == record and not PaperBatch.objects.exists()


def test_the_database_refuses_a_second_participation_even_through_a_copy(trees, make_resident):
    """The lowest layer: a row written for a copy's question is stored on the record question, where the unique
    constraint sees it."""
    resident = make_resident()
    record, copy = _questions(trees["zh-hans"])[0], _questions(trees["zh-hant"])[0]
    first = Participation.objects.create(question=copy, resident=resident, channel="online", voted_on=IN_VOTING.date())
    assert first.question_id == record.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(
            question=_questions(trees["en"])[0], resident=resident, channel="online", voted_on=IN_VOTING.date()
        )


def test_every_record_model_moves_a_copy_onto_the_record_page(trees, make_resident, committee_member, village_page):
    resident = make_resident()
    alias = trees["en"]
    record = trees["zh-hans"]
    proposal = Proposal.objects.create(page=alias, author=resident, title="修路", text="村口的路")
    comment = Comment.objects.create(page=trees["zh-hant"], author=resident, text="同意")
    update = FollowUp.objects.create(page=alias, stage="decided", date=IN_VOTING.date(), text="决定")
    notice = PhaseNotice.objects.create(page=trees["zh-hant"], phase="voting")
    assert {proposal.page_id, comment.page_id, update.page_id, notice.page_id} == {record.pk}


def test_actions_through_other_trees_land_on_one_record_and_show_in_every_tree(
    client, trees, make_resident, committee_member, village_page
):
    author, neighbour = make_resident(), make_resident()
    record = trees["zh-hans"]
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        client.force_login(author.user)
        en, hant = trees["en"], trees["zh-hant"]
        assert (
            client.post(f"/en/consultations/{en.pk}/proposals/new/", {"title": "修路", "text": "村口的路"}).status_code
            == 302
        )
        proposal = Proposal.objects.get()
        client.force_login(neighbour.user)
        client.post(f"/zh-hant/consultations/{hant.pk}/proposals/{proposal.pk}/support/")
        client.post(f"/en/consultations/{en.pk}/comments/", {"text": "赞成修路", "proposal": proposal.pk})
        comment = Comment.objects.get()
        client.post(f"/zh-hant/consultations/{hant.pk}/follow/")
        client.force_login(author.user)
        client.post(f"/zh-hant/consultations/{hant.pk}/comments/{comment.pk}/report/", {"reason": "测试"})
        pages = {language: client.get(page.url).content.decode() for language, page in trees.items()}
    assert proposal.page == record and comment.page == record and comment.proposal == proposal
    assert Support.objects.get().proposal == proposal
    assert Proposal.objects.get().support_count == 1
    assert CommentReport.objects.get().comment == comment
    assert Follow.objects.get(user=neighbour.user).object_id == record.pk
    for language, html in pages.items():
        assert "修路" in html and "赞成修路" in html, language
        assert "還沒有意見" not in html and "No proposals yet" not in html, language


def _result_numbers(html: str) -> tuple[list[str], list[str]]:
    table = re.findall(r'<td class="num">(\d+)</td>', html)
    receipts = re.findall(r"<li><code>([0-9A-Z]{8})</code></li>", html)
    return table, receipts


def test_results_are_the_same_numbers_on_all_three_trees(client, trees, make_resident):
    record = _questions(trees["zh-hans"])
    yes = services.ensure_options(record[0])[0]
    for number, language in enumerate(["zh-hans", "zh-hant", "en", "zh-hant", "en"]):
        voter = make_resident()
        copies = _questions(trees[language])
        services.cast_ballot(copies[0], voter, [yes.pk], now=IN_VOTING)
        services.cast_ballot(copies[1], voter, [record[1].options.all()[number % 2].pk], now=IN_VOTING)
    with time_machine.travel(AFTER_CLOSE, tick=False):
        seen = {language: _result_numbers(client.get(page.url).content.decode()) for language, page in trees.items()}
        api = {
            language: client.get(f"/api/v2/consultations/{page.pk}/tally/").json() for language, page in trees.items()
        }
    assert seen["zh-hans"] == seen["zh-hant"] == seen["en"]
    table, receipts = seen["zh-hans"]
    assert table == ["5", "0", "0", "3", "2"] and len(receipts) == 10
    assert api["zh-hans"]["questions"] == api["zh-hant"]["questions"] == api["en"]["questions"]


def test_a_translation_shows_its_own_words_over_the_shared_tally(client, trees, make_resident, admin_user):
    from search.services import translate_to_traditional

    translated = translate_to_traditional(trees["zh-hans"], admin_user)
    assert translated.alias_of_id is None  # a real translation now, not an alias
    record = _questions(trees["zh-hans"])
    services.cast_ballot(_questions(translated)[1], make_resident(), [record[1].options.all()[1].pk], now=IN_VOTING)
    with time_machine.travel(IN_VOTING, tick=False):
        html = client.get(translated.url).content.decode()
    assert "先修哪一段" in client.get(trees["zh-hans"].url).content.decode()
    assert "東段" in html and "西段" in html and "哪一段" in html
    assert BallotBox.objects.get(question=record[1]).votes_for(record[1].options.all()[1].pk) == 1
    assert not BallotBox.objects.filter(question__page=translated).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_votes_through_two_trees_store_one(trees, make_resident):
    """Two requests at the same moment, one through /zh-hant/ and one through /en/: the database lets one in."""
    import threading

    from django.db import connections

    resident = make_resident()
    copies = [_questions(trees["zh-hant"])[0], _questions(trees["en"])[0]]
    yes = services.ensure_options(_questions(trees["zh-hans"])[0])[0]
    barrier = threading.Barrier(2)
    outcomes = []

    def vote(copy):
        try:
            barrier.wait()
            outcomes.append(services.cast_ballot(copy, resident, [yes.pk], now=IN_VOTING).receipt)
        except services.ConsultationError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(outcome, str) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, services.ConsultationError) for outcome in outcomes) == 1
    assert Participation.objects.count() == 1 and BallotBox.objects.get().ballots == 1

"""Residents' consultation forms under hostile input: proposals, comments, edits, supports, votes, reports, follows.

A verified resident of 东山村 posts generated and hand-picked values to every form of their consultation and to the
same forms of 西河村's consultation (other village's ids). Checked after each round: no 5xx, no script or event
handler stored in any comment or proposal, and 西河村's rows exactly as they were.
"""

import datetime

import pytest
import time_machine
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import given
from wagtail_localize.models import LocaleSynchronization

from consultations.models import (
    Ballot,
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    Option,
    Proposal,
    Question,
    Support,
)
from home.models import Village, VillagePage
from residents.models import Resident

from .conftest import (
    CORE_PAYLOADS,
    HOSTILE,
    PAYLOADS,
    assert_no_5xx,
    assert_no_script,
    clean,
    hostile_ints,
    hostile_text,
    verified_resident,
)

UTC = datetime.UTC
OPENINGS = {
    "information_opens": datetime.datetime(2026, 1, 1, tzinfo=UTC),
    "proposals_open": datetime.datetime(2026, 1, 10, tzinfo=UTC),
    "deliberation_opens": datetime.datetime(2026, 1, 20, tzinfo=UTC),
    "voting_opens": datetime.datetime(2026, 2, 1, tzinfo=UTC),
    "results_open": datetime.datetime(2026, 2, 10, tzinfo=UTC),
}
IN_PROPOSALS = datetime.datetime(2026, 1, 15, tzinfo=UTC)
IN_VOTING = datetime.datetime(2026, 2, 5, tzinfo=UTC)
AFTER_CLOSE = datetime.datetime(2026, 2, 11, tzinfo=UTC)


def _consultation(village_page: VillagePage) -> ConsultationPage:
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    return index.add_child(instance=ConsultationPage(title="广场改造", slug="square", summary="广场", **OPENINGS))


def _village(code: str, name: str) -> VillagePage:
    village = Village.objects.create(
        code=code, name=name, township="柳溪镇", adult_villagers=900, households=300, representatives=27
    )
    return VillagePage.objects.get(village=village)


MODELS = {"page": ConsultationPage, "proposal": Proposal, "comment": Comment, "question": Question, "option": Option}


@pytest.fixture(scope="module")
def world_rows(module_transaction) -> dict:
    """东山村 (ours) and 西河村 (theirs), each with a consultation, a proposal, a comment and a question.

    Built once for the module (primary keys only); each test fetches fresh rows through `world`.
    """
    LocaleSynchronization.objects.all().delete()  # one language tree is enough here
    ours_page, theirs_page = _village("dongshan", "东山村"), _village("xihe", "西河村")
    rows = {"me": verified_resident(ours_page.village, "hostile-me").pk}
    for side, page, author in (
        ("ours", ours_page, verified_resident(ours_page.village, "neighbour")),
        ("theirs", theirs_page, verified_resident(theirs_page.village, "stranger")),
    ):
        consultation = _consultation(page)
        proposal = Proposal.objects.create(page=consultation, author=author, title="修路", text="<p>修路</p>")
        comment = Comment.objects.create(page=consultation, author=author, text="<p>同意</p>")
        question = Question.objects.create(page=consultation, text="是否同意？")
        option = Option.objects.create(question=question, label="同意")
        rows[side] = {
            "page": consultation.pk,
            "proposal": proposal.pk,
            "comment": comment.pk,
            "question": question.pk,
            "option": option.pk,
        }
    return rows


@pytest.fixture
def world(world_rows, db) -> dict:
    return {
        "me": Resident.objects.get(pk=world_rows["me"]),
        **{
            side: {name: MODELS[name].objects.get(pk=pk) for name, pk in world_rows[side].items()}
            for side in ("ours", "theirs")
        },
    }


def _snapshot(page: ConsultationPage) -> dict:
    """Every participation row of one consultation, field by field.

    Reports are left out on purpose: any signed-in user may flag an abusive comment on a public page (the
    committee of its village then decides), so a report from another village is not a change to that village.
    """
    return {
        model.__name__: sorted(
            (row.pk, repr(sorted((k, v) for k, v in model_to_dict(row).items() if k != "report_count"))) for row in rows
        )
        for model, rows in (
            (Proposal, Proposal.objects.filter(page=page)),
            (Comment, Comment.objects.filter(page=page)),
            (Support, Support.objects.filter(proposal__page=page)),
            (Ballot, Ballot.objects.filter(question__page=page)),
            (Question, Question.objects.filter(page=page)),
            (Option, Option.objects.filter(question__page=page)),
        )
    }


def _stored_html_is_clean() -> None:
    for title, text, note in Proposal.objects.values_list("title", "text", "location_note"):
        assert_no_script(title, text, note)
    for (text,) in Comment.objects.values_list("text"):
        assert_no_script(text)


def _posts(side: dict, value: str, number: str) -> list[tuple[str, dict]]:
    """Every resident form of one consultation, with ``value`` in its text fields and ``number`` in its ids."""
    pk, proposal, comment, question = side["page"].pk, side["proposal"].pk, side["comment"].pk, side["question"].pk
    base = f"/zh-hans/consultations/{pk}"
    return [
        (f"{base}/proposals/new/", {"title": value, "text": value, "location_note": value}),
        (f"{base}/comments/", {"text": value, "parent": number, "proposal": number}),
        (f"{base}/comments/", {"text": value, "parent": comment, "proposal": proposal}),
        (f"{base}/comments/{comment}/edit/", {"text": value}),
        (f"{base}/comments/{comment}/report/", {"reason": value}),
        (f"{base}/proposals/{proposal}/support/", {"withdraw": value}),
        (f"{base}/proposals/{proposal}/support/", {}),
        (f"{base}/vote/{question}/", {"option": [number, value, side["option"].pk]}),
        (f"{base}/vote/{question}/", {"option": number}),
        (f"{base}/follow/", {"proposal": number, "unfollow": value}),
        (f"{base}/follow/", {"proposal": value}),
    ]


def _attack(client: Client, world: dict, value: str, number: str) -> None:
    theirs = _snapshot(world["theirs"]["page"])
    for side in ("ours", "theirs"):
        for url, data in _posts(world[side], clean(value), clean(number)):
            assert_no_5xx(client.post(url, data), f"POST {url} {str(data)[:120]}")
    _stored_html_is_clean()
    assert _snapshot(world["theirs"]["page"]) == theirs, "a row of another village changed"


@pytest.mark.parametrize("moment", [IN_PROPOSALS, IN_VOTING, AFTER_CLOSE], ids=["proposals", "voting", "closed"])
def test_hand_picked_payloads_in_every_phase(world, moment):
    client = Client()
    client.force_login(world["me"].user)
    with time_machine.travel(moment, tick=False):
        # Every payload while everything is open; one of each kind in the phases that refuse most forms.
        for value in PAYLOADS if moment == IN_PROPOSALS else CORE_PAYLOADS:
            _attack(client, world, value, value)
    if moment == AFTER_CLOSE:  # an expired phase: nothing of ours changed either
        assert not Proposal.objects.filter(author=world["me"]).exists()
        assert not Ballot.objects.exists()


@HOSTILE
@given(value=hostile_text, number=hostile_ints.map(str))
def test_generated_text_and_ids(world, value, number):
    client = Client()
    client.force_login(world["me"].user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        _attack(client, world, value, number)


def test_a_script_in_a_comment_is_not_stored_or_shown(world):
    client = Client()
    client.force_login(world["me"].user)
    ours = world["ours"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = client.post(f"/zh-hans/consultations/{ours['page'].pk}/comments/", {"text": PAYLOADS[1]})
        assert response.status_code == 302
        page = client.get(ours["page"].url)
    stored = Comment.objects.filter(author=world["me"]).get()
    assert_no_script(stored.text)
    assert b"onerror" not in page.content


def test_a_refusal_is_in_the_users_language(world):
    """A comment in a closed phase is refused with a message, in Chinese for a Chinese page."""
    client = Client()
    client.force_login(world["me"].user)
    with time_machine.travel(AFTER_CLOSE, tick=False):
        response = client.post(
            f"/zh-hans/consultations/{world['ours']['page'].pk}/comments/",
            {"text": "还想说一句"},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 400
    body = response.content.decode()
    assert "还想说一句" in body  # what the resident typed is kept
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body.split("还想说一句")[0][-2000:])


@pytest.mark.parametrize("field", ["title", "text", "location_note"])
def test_oversized_fields_are_refused_clearly(world, field):
    client = Client()
    client.force_login(world["me"].user)
    data = {"title": "修桥", "text": "修桥", "location_note": "", field: "长" * 200_000}
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = client.post(f"/zh-hans/consultations/{world['ours']['page'].pk}/proposals/new/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "长" * 1000 in response.content.decode()  # what was typed comes back
    for proposal in Proposal.objects.filter(author=world["me"]):
        assert len(proposal.title) <= 120

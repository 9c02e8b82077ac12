"""The council's proposal form, meeting and export routes, rating a grid request, and the legal-education quiz.

A verified resident of 东山村 sends hand-picked and generated values to each, and the same requests aimed at
西河村's council and requests. Checked every time: no 5xx, no script or event handler stored, and 西河村's rows
exactly as they were.
"""

import datetime
from urllib.parse import quote

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import given
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization

from council import services as council_services
from council.models import CouncilPage, CouncilProposal, Meeting
from grid import services as grid_services
from grid import workflow as wf
from grid.models import Grid, RequestCategory, RequestEvent, ResidentRequest
from home.demo import ensure_page, paragraph
from home.models import PortalHomePage, Village, VillagePage
from legal_aid.models import LegalEducationIndexPage, LegalEducationPage
from residents.models import Resident

from .conftest import (
    CORE_PAYLOADS,
    HOSTILE,
    PAYLOADS,
    assert_no_5xx,
    assert_no_script,
    clean,
    hostile_text,
    verified_resident,
)

# Ids that are not ids: huge, negative, not digits, more digits than int() takes from a string.
BAD_IDS = ["0", "-1", str(2**31), str(2**63), "9" * 40, "9" * 5000, "²", "١٢٣", "1e9", "abc", "%00", "1;2"]


def _replied_request(village: Village, resident: Resident) -> ResidentRequest:
    """A request of the resident, answered by the committee: the rating form is open on requests/mine/<pk>/."""
    request = grid_services.file_request(
        village=village,
        category=RequestCategory.objects.get(code="roads-lights"),
        description="路灯坏了",
        by=resident.user,
        resident=resident,
        grid=Grid.objects.get(village=village),
        place="二组",
        show_publicly=True,
    )
    for action, fields in [("accept", {}), ("dispatch", {"platform": "bianmin"}), ("start", {}), ("reply", {})]:
        fields = {"note": "已修好"} if action == "reply" else fields
        request = grid_services.act(request, action, None, roles={wf.HANDLER}, **fields)
    return request


@pytest.fixture(scope="module")
def world_rows(module_transaction) -> dict:
    """东山村 (ours) and 西河村 (theirs): council page, a meeting and an answered request each; a quiz article."""
    LocaleSynchronization.objects.all().delete()  # one language tree is enough here
    rows = {}
    for side, code, name in (("ours", "dongshan", "东山村"), ("theirs", "xihe", "西河村")):
        village = Village.objects.create(
            code=code, name=name, township="柳溪镇", adult_villagers=900, households=300, representatives=27
        )
        Grid.objects.create(village=village, name="第一网格")
        resident = verified_resident(village, f"hostile-{code}")
        meeting = council_services.record_meeting(
            None,
            village,
            kind="council",
            title=f"{name}理事会会议",
            date=datetime.date(2026, 10, 15),
            present_persons=9,
        )
        page = VillagePage.objects.get(village=village)
        rows[side] = {
            "village": village.pk,
            "resident": resident.pk,
            "council": CouncilPage.objects.get(locale=Locale.get_default(), path__startswith=page.path).pk,
            "meeting": meeting.pk,
            "request": _replied_request(village, resident).pk,
        }
    index = ensure_page(
        PortalHomePage.objects.get(locale=Locale.get_default()),
        LegalEducationIndexPage(title="学法用法", slug="legal-education"),
    )
    article = LegalEducationPage(title="土地流转", slug="land", date=datetime.date(2026, 9, 15), body=paragraph("正文"))
    article.quiz = [
        (
            "question",
            {
                "question": "流转期限五年以上的，可以怎么办？",
                "choices": [{"text": "申请登记", "correct": True}, {"text": "到法院公证", "correct": False}],
                "explanation": "农村土地承包法第四十一条。",
            },
        )
    ]
    rows["article"] = ensure_page(index, article).pk
    return rows


@pytest.fixture
def world(world_rows, db) -> dict:
    fetched = {"article": LegalEducationPage.objects.get(pk=world_rows["article"])}
    for side in ("ours", "theirs"):
        rows = world_rows[side]
        fetched[side] = {
            "village": Village.objects.get(pk=rows["village"]),
            "resident": Resident.objects.select_related("user").get(pk=rows["resident"]),
            "council": CouncilPage.objects.get(pk=rows["council"]),
            "meeting": Meeting.objects.get(pk=rows["meeting"]),
            "request": ResidentRequest.objects.get(pk=rows["request"]),
        }
    return fetched


@pytest.fixture
def me(world) -> Client:
    client = Client()
    client.force_login(world["ours"]["resident"].user)
    return client


def _snapshot(village: Village) -> dict:
    """The rows of one village these forms could touch, field by field."""
    return {
        "proposals": sorted(
            repr(sorted(model_to_dict(p).items())) for p in CouncilProposal.objects.filter(village=village)
        ),
        "meetings": sorted(repr(sorted(model_to_dict(m).items())) for m in Meeting.objects.filter(village=village)),
        "requests": sorted(
            repr(sorted(model_to_dict(r, exclude=["photo"]).items()))
            for r in ResidentRequest.objects.filter(village=village)
        ),
        "events": RequestEvent.objects.filter(request__village=village).count(),
    }


def _nothing_stored_has_script() -> None:
    for title, text in CouncilProposal.objects.values_list("title", "text"):
        assert_no_script(title, text)
    for (note,) in RequestEvent.objects.values_list("note"):
        assert_no_script(note)
    for (notes,) in ResidentRequest.objects.values_list("status_notes"):
        assert_no_script(notes)


# ---- The council: proposal form, meeting pages, CSV exports --------------------------------------------------


def _council_requests(side: dict, value: str) -> list[tuple[str, str, dict]]:
    url = side["council"].url
    what = quote(value[:200], safe="") or "x"
    return [
        ("post", url + "propose/", {"title": value, "text": value}),
        ("post", url + "propose/", {"title": "修路", "text": value, "csrfmiddlewaretoken": value}),
        ("get", url + f"export/{what}/", {}),
        ("get", url + "export/meetings/", {"what": value}),
        ("get", url + f"meetings/{side['meeting'].pk}/", {"pk": value}),
        ("post", url + f"meetings/{side['meeting'].pk}/", {"pk": value}),
    ]


def _attack_council(client: Client, world: dict, value: str) -> None:
    theirs = _snapshot(world["theirs"]["village"])
    for side in ("ours", "theirs"):
        for method, url, data in _council_requests(world[side], clean(value)):
            assert_no_5xx(getattr(client, method)(url, data), f"{method} {url[:120]} {str(data)[:80]}")
    _nothing_stored_has_script()
    assert _snapshot(world["theirs"]["village"]) == theirs, "a row of another village changed"


def test_council_routes_hand_picked(world, me):
    for value in PAYLOADS:
        _attack_council(me, world, value)
    # What 东山村's resident sent to 西河村's council was refused: they are not its resident.
    assert not CouncilProposal.objects.filter(village=world["theirs"]["village"]).exists()


@HOSTILE
@given(value=hostile_text)
def test_council_routes_generated(world, value):
    client = Client()
    client.force_login(world["ours"]["resident"].user)
    _attack_council(client, world, value)


@pytest.mark.parametrize("pk", BAD_IDS)
def test_meetings_with_ids_that_are_not_ids_are_not_found(world, me, pk):
    for side in ("ours", "theirs"):
        url = world[side]["council"].url + f"meetings/{quote(pk, safe='')}/"
        for response in (me.get(url), me.post(url, {"x": pk}), Client().get(url)):
            assert_no_5xx(response, url[:120])
            assert response.status_code == 404, url[:120]


def test_another_villages_meeting_is_not_shown_under_ours(world, me):
    ours, theirs = world["ours"], world["theirs"]
    response = me.get(ours["council"].url + f"meetings/{theirs['meeting'].pk}/")
    assert response.status_code == 404
    assert theirs["meeting"].title not in response.content.decode()
    # And the exports of our council hold our meetings only.
    exported = me.get(ours["council"].url + "export/meetings/").getvalue().decode("utf-8-sig")
    assert ours["meeting"].title in exported and theirs["meeting"].title not in exported


@pytest.mark.parametrize("what", ["MEETINGS", "meetings.csv", "motions ", "%2e%2e", "..", "a" * 3000, "<svg onload=x>"])
def test_unknown_exports_are_a_clear_404(world, me, what):
    response = me.get(world["ours"]["council"].url + f"export/{quote(what, safe='')}/")
    assert response.status_code == 404
    assert_no_script(response.content.decode())


# ---- Grid: the resident's own request, rating form ----------------------------------------------------------


def _attack_request(client: Client, world: dict, value: str) -> None:
    theirs = _snapshot(world["theirs"]["village"])
    ours, their_request = world["ours"]["request"], world["theirs"]["request"]
    posts = [
        (ours, {"rating": value, "note": value, "action": value}),
        (ours, {"rating": [wf.SATISFIED, value], "action": "rate"}),  # the last value counts: the hostile one
        (their_request, {"rating": wf.SATISFIED, "note": value, "action": value}),
    ]
    for target, data in posts:
        response = client.post(f"/zh-hans/requests/mine/{target.pk}/", data)
        assert_no_5xx(response, f"POST {target.pk} {str(data)[:80]}")
        if target is their_request:
            assert response.status_code == 403
    _nothing_stored_has_script()
    assert _snapshot(world["theirs"]["village"]) == theirs, "a row of another village changed"


def test_rating_form_hand_picked(world, me):
    for value in PAYLOADS:
        _attack_request(me, world, clean(value))
    # No payload was a valid rating: the form stayed open for every one of them.
    assert ResidentRequest.objects.get(pk=world["ours"]["request"].pk).status == wf.REPLIED
    for pk in BAD_IDS:
        response = me.post(f"/zh-hans/requests/mine/{quote(pk, safe='')}/", {"rating": wf.SATISFIED})
        assert_no_5xx(response, pk[:40])
        assert response.status_code == 404


@HOSTILE
@given(value=hostile_text)
def test_rating_form_generated(world, value):
    client = Client()
    client.force_login(world["ours"]["resident"].user)
    _attack_request(client, world, clean(value))


@pytest.mark.parametrize("rating", [wf.SATISFIED, wf.DISSATISFIED])
def test_a_script_in_the_rating_note_is_not_stored(world, me, rating):
    """A valid rating with a hostile note goes through (it closes or reopens the request): the note is cleaned."""
    for value in CORE_PAYLOADS[:2] + ['<img src=x onerror="alert(1)">说明']:
        request = _replied_request(world["ours"]["village"], world["ours"]["resident"])
        response = me.post(f"/zh-hans/requests/mine/{request.pk}/", {"rating": rating, "note": value})
        assert response.status_code in (302, 400)
        request.refresh_from_db()
        assert_no_script(request.status_notes, *request.events.values_list("note", flat=True))
        page = me.get(f"/zh-hans/requests/mine/{request.pk}/").content.decode()
        assert "onerror=" not in page and "<svg onload" not in page


# ---- Legal education: the quiz (scored from POST today; maybe from a GET form later) ----------------------------


def _quiz_answers(value: str) -> list[dict]:
    return [
        {"q1": value},
        {"q1": value, "q2": value, value[:100] or "x": "0"},
        {"q1": ["0", value]},
        {"q1": "9" * 5000},
    ]


def _attack_quiz(client: Client, article: LegalEducationPage, value: str) -> None:
    url = article.url + "quiz/"
    for data in _quiz_answers(value):
        for response in (client.post(url, data), client.get(url, data), client.get(article.url, data)):
            assert_no_5xx(response, f"quiz {str(data)[:80]}")
            if "<" in value:  # nothing is stored: what could go wrong is the value shown back unescaped
                assert value not in response.content.decode(), "a submitted value is shown unescaped"


def test_quiz_hand_picked(world, me):
    for value in PAYLOADS:
        _attack_quiz(me, world["article"], clean(value))
        _attack_quiz(Client(), world["article"], clean(value))


@HOSTILE
@given(value=hostile_text)
def test_quiz_generated(world, value):
    _attack_quiz(Client(), world["article"], clean(value))

"""The author edits or withdraws their proposal on the site until deliberation opens (consultations.views_author)."""

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import services
from consultations.models import Proposal

from .conftest import OPENINGS, png_bytes

pytestmark = pytest.mark.django_db
IN_PROPOSALS = OPENINGS["proposals_open"]
IN_DELIBERATION = OPENINGS["deliberation_opens"]


@pytest.fixture
def author(make_resident):
    return make_resident()


@pytest.fixture
def proposal(consultation, author) -> Proposal:
    with time_machine.travel(IN_PROPOSALS, tick=False):
        return services.submit_proposal(
            consultation, author, title="修路", text="<p>村口的路坑很多</p>", location_note="村口"
        )


def _path(proposal, action: str) -> str:
    """The link as the consultation page shows it, in whatever language the page is in."""
    return f"/consultations/{proposal.page_id}/proposals/{proposal.pk}/{action}/"


def _url(proposal, action: str) -> str:
    return "/en" + _path(proposal, action)


def _edit(client, proposal, **data):
    return client.post(_url(proposal, "edit"), {"title": "修村口的路", "text": "<p>新的说明</p>", **data})


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), "image/png")


def test_author_sees_the_links_and_edits_with_the_text_sanitised(client, consultation, author, proposal):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        page = client.get(consultation.url).content.decode()
        assert _path(proposal, "edit") in page and _path(proposal, "withdraw") in page
        form = client.get(_url(proposal, "edit")).content.decode()
        assert 'value="修路"' in form and "村口的路坑很多" in form and 'value="村口"' in form
        response = _edit(
            client,
            proposal,
            text="<p>新的说明</p><script>alert(1)</script><img src=x onerror=alert(2)>",
            location_note="村口 <b>桥边</b>",
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"#proposal-{proposal.pk}")
        shown = client.get(response["Location"]).content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "修村口的路" and "<p>新的说明</p>" in proposal.text
    assert "<script" not in proposal.text and "onerror" not in proposal.text and "<img" not in proposal.text
    assert proposal.location_note == "村口 桥边"
    assert "Your proposal is updated." in shown and "<script>alert(1)" not in shown


def test_someone_else_sees_no_links_and_is_refused(client, consultation, make_resident, proposal):
    client.force_login(make_resident().user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        page = client.get(consultation.url).content.decode()
        assert _path(proposal, "edit") not in page and _path(proposal, "withdraw") not in page
        looked = client.get(_url(proposal, "edit"))
        edited = _edit(client, proposal, text="篡改的内容")
        withdrawn = client.post(_url(proposal, "withdraw"))
    assert looked.status_code == edited.status_code == withdrawn.status_code == 403
    assert "Only the author can change this proposal." in looked.content.decode()
    assert 'name="title"' not in looked.content.decode()  # nothing to type, so no form
    proposal.refresh_from_db()
    assert proposal.title == "修路" and proposal.status == Proposal.Status.SUBMITTED


def test_a_resident_of_another_village_is_refused(client, make_village, make_resident, proposal):
    elsewhere = make_resident(village=make_village(name="西山村"))
    client.force_login(elsewhere.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        edited = _edit(client, proposal)
        withdrawn = client.post(_url(proposal, "withdraw"))
    assert edited.status_code == withdrawn.status_code == 403
    assert "You are registered in 西山村" in edited.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "修路" and proposal.status == Proposal.Status.SUBMITTED


def test_once_deliberation_opens_the_author_is_refused_and_keeps_what_they_typed(
    client, consultation, author, proposal
):
    client.force_login(author.user)
    with time_machine.travel(IN_DELIBERATION, tick=False):
        page = client.get(consultation.url).content.decode()
        looked = client.get(_url(proposal, "edit"))
        edited = _edit(client, proposal, text="我很晚才写的新说明")
        confirm = client.get(_url(proposal, "withdraw"))
        withdrawn = client.post(_url(proposal, "withdraw"))
    assert _path(proposal, "edit") not in page and _path(proposal, "withdraw") not in page
    phase_message = "Proposals can be edited or withdrawn only until the deliberation phase opens."
    for response in (looked, edited, confirm, withdrawn):
        assert response.status_code == 403 and phase_message in response.content.decode()
    assert "我很晚才写的新说明" in edited.content.decode()
    assert "Yes, withdraw my proposal" not in confirm.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "修路" and proposal.status == Proposal.Status.SUBMITTED


def test_withdraw_asks_first_and_withdraws_only_on_post(client, consultation, author, make_resident, proposal):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        confirm = client.get(_url(proposal, "withdraw"))
        assert confirm.status_code == 200 and "Yes, withdraw my proposal" in confirm.content.decode()
        assert 'method="post"' in confirm.content.decode()
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.SUBMITTED  # looking at the question changes nothing
        response = client.post(_url(proposal, "withdraw"))
        assert response.status_code == 302 and response["Location"].endswith("#proposals")
        mine = client.get(response["Location"]).content.decode()
        again = client.get(_url(proposal, "edit"))
        client.force_login(make_resident().user)
        theirs = client.get(consultation.url).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert "is withdrawn" in mine and f'id="proposal-{proposal.pk}"' not in mine
    withdrawn_list = mine.split('id="my-withdrawn-proposals"')[1].split("</div>")[0]
    assert "修路" in withdrawn_list and "提出人已撤回" in withdrawn_list  # the status, in the page's language
    assert again.status_code == 403 and "You have already withdrawn this proposal." in again.content.decode()
    assert "修路" not in theirs  # hidden from everyone else, as in the API and search


@pytest.mark.parametrize("proposal_id", ["999999", str(2**63)])
def test_unknown_proposal_is_404(client, consultation, author, proposal_id):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        for action in ("edit", "withdraw"):
            url = f"/en/consultations/{consultation.pk}/proposals/{proposal_id}/{action}/"
            assert client.get(url).status_code == 404
            assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": " "}, "Please give your proposal a title and a text."),
        ({"title": "路" * 121}, "The title can be at most 120 characters."),
        ({"location_note": "桥" * 201}, "The place can be at most 200 characters."),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_kept(client, author, proposal, data, message):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = _edit(client, proposal, text="我认真写了很长的说明", **data)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "我认真写了很长的说明" in body
    proposal.refresh_from_db()
    assert proposal.title == "修路" and "村口的路坑很多" in proposal.text


def test_photo_is_kept_replaced_or_removed(client, author, proposal, village_page):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        assert _edit(client, proposal, photo=_upload("a.png")).status_code == 302
        proposal.refresh_from_db()
        first = proposal.photo
        assert first is not None and first.collection_id == village_page.village.collection_id
        assert "Choose no file to keep the current photo." in client.get(_url(proposal, "edit")).content.decode()
        assert _edit(client, proposal).status_code == 302
        proposal.refresh_from_db()
        assert proposal.photo_id == first.pk  # no file chosen: the photo stays
        bad = _edit(client, proposal, text="换照片的说明", photo=SimpleUploadedFile("b.png", b"nope", "image/png"))
        assert bad.status_code == 400 and "换照片的说明" in bad.content.decode()
        assert "please choose the photo again" in bad.content.decode()
        assert _edit(client, proposal, remove_photo="1").status_code == 302
    proposal.refresh_from_db()
    assert proposal.photo is None and "<p>新的说明</p>" in proposal.text


def _image_exists(pk: int) -> bool:
    from wagtail.images import get_image_model

    return get_image_model().objects.filter(pk=pk).exists()


def _committed_edit(client, proposal, capture, **data) -> None:
    """An edit whose on-commit work (the old photo's clean-up) has run, as after a real request."""
    with capture(execute=True):
        _edit(client, proposal, **data)
    proposal.refresh_from_db()


def test_a_replaced_or_removed_photo_is_deleted(client, author, proposal, django_capture_on_commit_callbacks):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        _committed_edit(client, proposal, django_capture_on_commit_callbacks, photo=_upload("a.png"))
        first = proposal.photo
        file_name, storage = first.file.name, first.file.storage
        _committed_edit(client, proposal, django_capture_on_commit_callbacks, photo=_upload("b.png"))
        second = proposal.photo_id

        assert second != first.pk and not _image_exists(first.pk)  # its old address answers no more
        assert not storage.exists(file_name)
        _committed_edit(client, proposal, django_capture_on_commit_callbacks, remove_photo="1")
    assert not _image_exists(second)


def test_a_photo_still_shown_elsewhere_is_kept(
    client, author, proposal, consultation, django_capture_on_commit_callbacks
):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        _committed_edit(client, proposal, django_capture_on_commit_callbacks, photo=_upload("a.png"))
        photo = proposal.photo
        services.submit_proposal(consultation, author, title="另一条", text="<p>同一张照片</p>", photo=photo)
        _committed_edit(client, proposal, django_capture_on_commit_callbacks, remove_photo="1")
        assert _image_exists(photo.pk)  # another proposal still shows it

        _committed_edit(client, proposal, django_capture_on_commit_callbacks, photo=_upload("b.png"))
        in_a_page = proposal.photo
        consultation.body = [("image", {"image": in_a_page, "caption": "村口现状"})]
        consultation.save_revision().publish()  # an editor put the photo in the consultation's text
        _committed_edit(client, proposal, django_capture_on_commit_callbacks, remove_photo="1")
    assert _image_exists(in_a_page.pk)


def test_edits_and_withdrawals_have_their_own_rate_limit(client, author, proposal, settings):
    cache.clear()
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "proposal": {"user": (0, 3600), "ip": (0, 3600)},  # new proposals used up: edits go on regardless
        "proposal_edit": {"user": (1, 3600), "ip": (100, 3600)},
    }
    client.force_login(author.user)
    try:
        with time_machine.travel(IN_PROPOSALS, tick=False):
            assert _edit(client, proposal).status_code == 302
            slowed = _edit(client, proposal, text="第二次修改的内容")
            assert client.get(_url(proposal, "withdraw")).status_code == 200  # looking is not limited
            assert client.post(_url(proposal, "withdraw")).status_code == 429
    finally:
        cache.clear()
    assert slowed.status_code == 429 and "第二次修改的内容" in slowed.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_the_text_box_shows_words_not_markup_and_paragraphs_survive_an_edit(client, author, proposal):
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        form = client.get(_url(proposal, "edit")).content.decode()
        assert "村口的路坑很多" in form and "&lt;p&gt;" not in form and "<p>村口" not in form
        assert _edit(client, proposal, text="第一段：路坑很多。\n\n第二段：下雨积水 < 10 厘米。").status_code == 302
    proposal.refresh_from_db()
    assert proposal.text == "<p>第一段：路坑很多。</p><p>第二段：下雨积水 &lt; 10 厘米。</p>"


def test_a_proposal_the_committee_decided_on_cannot_be_withdrawn(
    client, consultation, author, proposal, committee_member, village_page
):
    with time_machine.travel(IN_PROPOSALS, tick=False):
        services.set_proposal_status(proposal, Proposal.Status.SELECTED, "采纳", committee_member(village_page.village))
        client.force_login(author.user)
        page = client.get(consultation.url).content.decode()
        assert _path(proposal, "withdraw") not in page and _path(proposal, "edit") not in page
        response = client.post(_url(proposal, "withdraw"))
        with pytest.raises(services.ConsultationError, match="already decided"):
            services.withdraw_proposal(proposal, author)
    assert response.status_code == 403 and "already decided" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SELECTED

"""The proposal form's photo upload and the comment edit form."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import photos, services
from consultations.models import Comment, Proposal

from .conftest import OPENINGS, comment_edit_url, png_bytes

pytestmark = pytest.mark.django_db
IN_PROPOSALS = OPENINGS["proposals_open"]


def _post(client, consultation, **files):
    data = {"title": "修路", "text": "村口的路坑很多", "location_note": "村口", **files}
    return client.post(f"/en/consultations/{consultation.pk}/proposals/new/", data)


def test_photo_is_stored_in_the_village_collection(client, consultation, make_resident, village_page):
    client.force_login(make_resident().user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = _post(client, consultation, photo=SimpleUploadedFile("road.png", png_bytes(), "image/png"))
        assert response.status_code == 302
        proposal = Proposal.objects.get()
        assert proposal.photo.collection_id == village_page.village.collection_id
        assert proposal.photo.width == 40
        page = client.get(consultation.url).content.decode()
    assert "proposal-photo" in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.png", b"not an image at all", "image/png"), "JPEG, PNG, WebP or HEIC"),
        (SimpleUploadedFile("x.gif", b"GIF89a....", "image/gif"), "JPEG, PNG, WebP or HEIC"),
        (SimpleUploadedFile("x.png", b"\x89PNG" + b"0" * (photos.MAX_PHOTO_BYTES + 1), "image/png"), "5 MB"),
    ],
)
def test_a_bad_photo_is_refused_and_the_text_kept(client, consultation, make_resident, upload, message):
    client.force_login(make_resident().user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = _post(client, consultation, photo=upload)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and "村口的路坑很多" in body and 'value="修路"' in body
    assert not Proposal.objects.exists()


def test_author_edits_a_comment_within_fifteen_minutes(client, consultation, make_resident):
    author = make_resident()
    start = OPENINGS["information_opens"]
    with time_machine.travel(start, tick=False):
        comment = services.add_comment(consultation, author, "原来的话")
    url = comment_edit_url(comment)
    client.force_login(author.user)
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        page = client.get(consultation.url).content.decode()
        assert url in page  # the author sees the edit link
        assert "原来的话" in client.get(url).content.decode()
        assert client.post(url, {"text": " "}).status_code == 400
        assert client.post(url, {"text": "改过的话"}).status_code == 302
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        late = client.post(url, {"text": "太晚了再改"})
        assert late.status_code == 400 and "太晚了再改" in late.content.decode()
        assert url not in client.get(consultation.url).content.decode()
    comment.refresh_from_db()
    assert "改过的话" in comment.text and comment.edited_at is not None


def test_someone_else_cannot_edit_a_comment(client, consultation, make_resident):
    with time_machine.travel(OPENINGS["information_opens"], tick=False):
        comment = services.add_comment(consultation, make_resident(), "我的话")
        client.force_login(make_resident().user)
        url = comment_edit_url(comment)
        assert client.get(url).status_code == 404  # not even a form with the text in it (issue 17)
        assert client.post(url, {"text": "篡改"}).status_code == 404
    assert Comment.objects.get().text == "我的话"


def test_a_place_longer_than_the_field_is_refused_with_the_text_kept(client, consultation, make_resident):
    client.force_login(make_resident().user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = _post(client, consultation, location_note="村" * 201)
    body = response.content.decode()
    assert response.status_code == 400
    assert "at most 200 characters" in body and "村口的路坑很多" in body
    assert not Proposal.objects.exists()

"""A proposal photo through the resident's form: stored clean under a random name, kept out of the public images
API, and gone from public view once the proposal is withdrawn."""

import io
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consultations.models import Proposal
from tests.consultations import conftest as fixtures

from .test_uploads_photos import assert_no_metadata, jpeg_with_gps, png_claiming

pytestmark = pytest.mark.django_db
OPENINGS = fixtures.OPENINGS
# The consultation fixtures, shared with tests/consultations.
consultation, make_resident, english_messages = fixtures.consultation, fixtures.make_resident, fixtures.english_messages
IN_PROPOSALS = OPENINGS["proposals_open"]


def _post(client, consultation, photo):
    data = {"title": "修路", "text": "村口的路坑很多", "location_note": "村口", "photo": photo}
    return client.post(f"/en/consultations/{consultation.pk}/proposals/new/", data)


def test_the_stored_photo_has_no_exif_and_a_random_name(client, consultation, make_resident):
    client.force_login(make_resident().user)
    photo = SimpleUploadedFile("IMG_20261202_home.jpg", jpeg_with_gps(), "image/jpeg")
    with time_machine.travel(IN_PROPOSALS, tick=False):
        assert _post(client, consultation, photo).status_code == 302
    image = Proposal.objects.get().photo
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.jpg", image.file.name)
    assert "IMG_20261202" not in image.file.name and "IMG_20261202" not in image.title
    with image.file.open("rb") as stored:
        data = stored.read()
    read = Image.open(io.BytesIO(data))
    assert read.format == "JPEG"
    assert_no_metadata(read)
    assert b"Wang" not in data


def test_a_decompression_bomb_is_refused_with_a_message(client, consultation, make_resident):
    client.force_login(make_resident().user)
    bomb = SimpleUploadedFile("bomb.png", png_claiming(20_000, 20_000), "image/png")
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = _post(client, consultation, bomb)
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()
    assert not Proposal.objects.exists()


def test_html_posing_as_a_photo_is_refused(client, consultation, make_resident):
    client.force_login(make_resident().user)
    page = SimpleUploadedFile("notice.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    with time_machine.travel(IN_PROPOSALS, tick=False):
        response = _post(client, consultation, page)
    assert response.status_code == 400 and "HEIC" in response.content.decode()


def test_resident_photos_stay_out_of_the_images_api_and_leave_with_a_withdrawal(
    client, consultation, make_resident, django_capture_on_commit_callbacks
):
    client.force_login(make_resident().user)
    photo = SimpleUploadedFile("road.jpg", jpeg_with_gps(), "image/jpeg")
    with time_machine.travel(IN_PROPOSALS, tick=False):
        assert _post(client, consultation, photo).status_code == 302
        proposal = Proposal.objects.get()
        page = client.get(consultation.url).content.decode()
        rendition = proposal.photo.renditions.get()
        assert rendition.url in page
        storage, name = rendition.file.storage, rendition.file.name
        assert storage.exists(name)

        listing = client.get("/api/v2/images/").json()
        assert proposal.photo_id not in [item["id"] for item in listing["items"]]
        assert client.get(f"/api/v2/images/{proposal.photo_id}/", follow=True).status_code == 404

        with django_capture_on_commit_callbacks(execute=True):
            withdrawn = client.post(f"/en/consultations/{consultation.pk}/proposals/{proposal.pk}/withdraw/")
        assert withdrawn.status_code == 302
        assert not storage.exists(name)
        assert rendition.url not in client.get(consultation.url).content.decode()

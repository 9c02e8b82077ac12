"""Issue 17 item 8: an unwritable media folder is a 503 that shows back what the resident typed, and files
written by a request whose transaction rolled back are removed (portal.storage)."""

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from consultations.models import Proposal
from portal.storage import MediaCleanupMiddleware, StorageUnavailable

from .conftest import OPENINGS, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def unwritable_media(settings, tmp_path):
    # A media folder below a plain file cannot be created, whoever runs the tests (root ignores permissions).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = str(blocker / "media")
    return settings.MEDIA_ROOT


def test_saving_into_an_unwritable_folder_raises_storage_unavailable(unwritable_media):
    with pytest.raises(StorageUnavailable):
        default_storage.save("photos/x.png", ContentFile(b"x"))


def test_a_photo_upload_into_an_unwritable_folder_is_a_503_with_the_text_kept(
    client, consultation, make_resident, unwritable_media
):
    client.force_login(make_resident().user)
    data = {
        "title": "修路",
        "text": "村口的路坑很多，下雨天老人走路容易摔倒",
        "location_note": "村口",
        "photo": SimpleUploadedFile("road.png", png_bytes(), "image/png"),
    }
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        response = client.post(f"/zh-hans/consultations/{consultation.pk}/proposals/new/", data)
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "村口的路坑很多，下雨天老人走路容易摔倒" in body
    assert "暂时无法使用" in body  # in the language of the page the resident was on
    assert not Proposal.objects.exists()


def _request():
    return RequestFactory().post("/zh-hans/anything/")


def test_a_file_written_by_a_failed_request_is_removed(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    names = []

    def view(request):
        with transaction.atomic():
            names.append(default_storage.save("photos/orphan.png", ContentFile(b"x")))
        return HttpResponse(status=500)

    MediaCleanupMiddleware(view)(_request())
    assert names and not default_storage.exists(names[0])


def test_a_file_written_by_a_request_that_raised_is_removed(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    names = []

    def view(request):
        with transaction.atomic():
            names.append(default_storage.save("photos/orphan.png", ContentFile(b"x")))
            raise RuntimeError("after the file, before the commit")

    with pytest.raises(RuntimeError):
        MediaCleanupMiddleware(view)(_request())
    assert names and not default_storage.exists(names[0])


def test_a_successful_request_keeps_its_files(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    names = []

    def view(request):
        with transaction.atomic():
            names.append(default_storage.save("photos/kept.png", ContentFile(b"x")))
        return HttpResponse(status=302)

    MediaCleanupMiddleware(view)(_request())
    assert default_storage.exists(names[0])

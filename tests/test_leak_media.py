"""Served media bytes (issue 18): an image an editor uploads through the Wagtail admin, fetched the way production
serves it (nginx's /media/images/ location: renditions only, deploy/nginx-cunwu.conf), carries no EXIF position or
camera owner, and neither its public address nor the images API shows the editor's file name or a full number.

First part of the media crawl: resident photos and documents are covered in tests/home/test_uploads_*.py and
tests/notices/test_linked_documents.py on their own; a crawl over every public output is still to be written."""

import io
import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.privacy.detect import mask_all
from tests.home.test_uploads_photos import ARTIST, GPS_IFD, assert_no_metadata, jpeg_with_gps

pytestmark = pytest.mark.django_db
ID, MOBILE = "11010519491231002X", "13812345678"


def served_by_nginx(url: str) -> tuple[int, str, bytes]:
    """What deploy/nginx-cunwu.conf answers for a /media/ address: renditions under /media/images/ from the media
    folder, with the type from the extension (nginx's mime.types); anything else under /media/ is 404."""
    assert url.startswith(settings.MEDIA_URL), url
    relative = url[len(settings.MEDIA_URL) :]
    path = Path(settings.MEDIA_ROOT) / relative
    if not relative.startswith("images/") or not path.is_file():
        return 404, "", b""
    return 200, mimetypes.guess_type(path.name)[0] or "application/octet-stream", path.read_bytes()


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("county-admin", is_staff=True, is_superuser=True))
    return client


def _upload(client, name: str, title: str):
    photo = SimpleUploadedFile(name, jpeg_with_gps((80, 60)), "image/jpeg")
    data = {"title": title, "file": photo, "collection": Collection.get_first_root_node().pk, "tags": ""}
    return client.post("/admin/images/add/", data)


def test_an_editors_photo_is_served_without_exif_and_without_its_file_name(editor_client, client):
    name = f"IMG_20261202_home_{ID}_{MOBILE}.jpg"
    assert _upload(editor_client, name, "村道修缮").status_code == 302
    image = get_image_model().objects.get()
    rendition = image.get_rendition("max-800x600")
    client.logout()
    for url in (rendition.url, image.file.url):
        assert "IMG_20261202" not in url and ID not in url and MOBILE not in url
    status, content_type, data = served_by_nginx(rendition.url)
    assert status == 200 and content_type == "image/jpeg"
    served = Image.open(io.BytesIO(data))
    assert_no_metadata(served)
    assert not served.getexif().get(ARTIST) and not served.getexif().get_ifd(GPS_IFD)
    assert b"Wang" not in data
    assert served_by_nginx(image.file.url)[0] == 404  # the original is not public

    listing = client.get("/api/v2/images/?fields=*").json()
    item = next(item for item in listing["items"] if item["id"] == image.pk)
    text = str(item)
    assert "IMG_20261202" not in text and ID not in text and MOBILE not in text
    assert re.search(r"original_images/[0-9a-f]{32}\.jpg", item["meta"]["download_url"])


def test_an_image_title_with_a_full_number_is_refused(editor_client):
    response = _upload(editor_client, "road.jpg", f"低保户王建华{ID}")
    assert response.status_code == 200
    assert mask_all(ID) in response.content.decode() and not get_image_model().objects.exists()

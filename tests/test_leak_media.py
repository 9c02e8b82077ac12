"""Served media bytes (issue 18): an image an editor uploads through the Wagtail admin, fetched the way production
serves it (nginx's /media/images/ location: renditions only, deploy/nginx-cunwu.conf), carries no EXIF position or
camera owner, and neither its public address nor the images API shows the editor's file name or a full number.

The crawl over every public output reads every linked file too (tests/leak_media.py, from tests/test_leak.py);
this test is the editor's upload on its own."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.privacy.detect import mask_all
from tests.home.test_uploads_photos import ARTIST, GPS_IFD, assert_no_metadata, jpeg_with_gps
from tests.leak_media import served_by_nginx

pytestmark = pytest.mark.django_db
ID, MOBILE = "11010519491231002X", "13812345678"


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

"""manage.py scrub_images: editors' images stored before the admin's upload cleaning get a clean file under a
random name, and their renditions (named after the original) are written again from it."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image
from wagtail.images import get_image_model

from .test_uploads_photos import assert_no_metadata, jpeg_with_gps

pytestmark = pytest.mark.django_db
OLD_NAME = "IMG_20261202_home_13812345678.jpg"


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    return out.getvalue()


def test_an_old_image_is_reencoded_under_a_random_name_with_fresh_renditions():
    image = get_image_model().objects.create(title="村道", file=ContentFile(jpeg_with_gps((80, 60)), name=OLD_NAME))
    gif = get_image_model().objects.create(title="动图", file=ContentFile(_gif(), name="sign_13812345678.gif"))
    old, storage = image.file.name, image.file.storage
    rendition = image.get_rendition("max-40x30")
    assert "13812345678" in rendition.url  # the original's name travels into the rendition's address
    old_rendition = rendition.file.name

    out = io.StringIO()
    call_command("scrub_images", "--dry-run", stdout=out)
    assert "would re-encode 1 image(s)" in out.getvalue()
    assert get_image_model().objects.get(pk=image.pk).file.name == old

    out = io.StringIO()
    call_command("scrub_images", stdout=out)
    assert "re-encoded 1 image(s)" in out.getvalue() and f"{gif.pk} {gif.file.name}" in out.getvalue()
    image.refresh_from_db()
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.jpg", image.file.name)
    assert not storage.exists(old) and not image.renditions.filter(file=old_rendition).exists()
    with image.file.open("rb") as stored:
        data = stored.read()
    assert_no_metadata(Image.open(io.BytesIO(data)))
    assert b"Wang" not in data
    fresh = image.get_rendition("max-40x30")
    assert "13812345678" not in fresh.url and "IMG_20261202" not in fresh.url
    with fresh.file.open("rb") as stored:
        assert_no_metadata(Image.open(io.BytesIO(stored.read())))
    assert image.width == 80 and image.file_size == len(data)

    out = io.StringIO()
    call_command("scrub_images", stdout=out)  # again: nothing left to do
    assert "re-encoded 0 image(s)" in out.getvalue()

"""Grid request photos: cleaned on upload (form), served only to the requester and the village's handlers
(home.private_media), through nginx's internal location when configured."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grid.models import ResidentRequest
from tests.grid import conftest as fixtures

from .test_uploads_photos import assert_no_metadata, jpeg_with_gps, png_bytes, png_claiming

pytestmark = pytest.mark.django_db
# The grid fixtures, shared with tests/grid.
village, other_village, grid, category, committee = (
    fixtures.village,
    fixtures.other_village,
    fixtures.grid,
    fixtures.category,
    fixtures.committee,
)
resident_user, _clear_cache = fixtures.resident_user, fixtures._clear_cache
NEW = "/zh-hans/requests/dongshan/new/"


def _file(client, category, grid, photo):
    data = {"category": category.pk, "grid": grid.pk, "description": "桥头路灯不亮", "place": "二组", "photo": photo}
    return client.post(NEW, data)


@pytest.fixture
def filed(client, resident_user, category, grid):
    client.force_login(resident_user)
    photo = SimpleUploadedFile("IMG_20261202_home.jpg", jpeg_with_gps(), "image/jpeg")
    assert _file(client, category, grid, photo).status_code == 302
    client.logout()
    return ResidentRequest.objects.get()


def test_the_request_photo_is_stored_clean_under_a_random_name(filed):
    assert re.fullmatch(r"grid/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", filed.photo.name)
    with filed.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert_no_metadata(image)


def test_a_png_called_html_is_stored_as_png_and_html_is_refused(client, resident_user, category, grid):
    client.force_login(resident_user)
    assert _file(client, category, grid, SimpleUploadedFile("notice.html", png_bytes(), "text/html")).status_code == 302
    assert ResidentRequest.objects.get().photo.name.endswith(".png")
    html = SimpleUploadedFile("notice.jpg", b"<!doctype html><script>alert(1)</script>", "image/jpeg")
    response = _file(client, category, grid, html)
    assert response.status_code == 400 and ResidentRequest.objects.count() == 1


def test_a_bomb_is_refused_with_a_message(client, resident_user, category, grid):
    client.force_login(resident_user)
    response = _file(client, category, grid, SimpleUploadedFile("b.png", png_claiming(20_000, 20_000), "image/png"))
    assert response.status_code == 400
    assert "照片像素过多" in response.content.decode()
    assert not ResidentRequest.objects.exists()


def _photo_url(request) -> str:
    return f"/zh-hans/requests/mine/{request.pk}/photo/"


def test_strangers_are_refused_the_owner_and_handlers_served(
    client, filed, make_user, committee, committee_member, other_village
):
    url = _photo_url(filed)
    assert client.get(url).status_code in (302, 403, 404)  # anonymous: to the sign-in page
    assert client.get(url, follow=True).content[:3] != b"\xff\xd8\xff"
    client.force_login(make_user("stranger"))
    assert client.get(url).status_code == 404
    client.force_login(committee_member(other_village))
    assert client.get(url).status_code == 404  # a committee of another village
    client.force_login(filed.resident.user)
    assert url in client.get(f"/zh-hans/requests/mine/{filed.pk}/").content.decode()  # linked from their page
    for user in (filed.resident.user, committee):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg" and "no-store" in response["Cache-Control"]
        assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


def test_production_hands_the_file_to_nginx(client, filed, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private_media/"
    client.force_login(filed.resident.user)
    response = client.get(_photo_url(filed))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_private_media/" + filed.photo.name


def test_the_shipped_nginx_config_serves_only_renditions_from_media():
    from django.conf import settings

    conf = (settings.BASE_DIR / "deploy" / "nginx-cunwu.conf").read_text()
    locations = re.findall(r"location\s+(\S+)\s*\{([^}]*)\}", conf)
    paths = [path for path, _body in locations if path.startswith(("/media", "/_private"))]
    assert sorted(paths) == ["/_private_media/", "/media/", "/media/images/"]  # each once
    media = {path: body for path, body in locations if "/srv/cunwu/media" in body}
    assert set(media) == {"/media/images/", "/_private_media/"}
    assert "internal;" in media["/_private_media/"]
    assert "return 404" in dict(locations)["/media/"]


def test_photos_stored_before_cleaning_are_cleaned_by_the_command(resident_user, category, village):
    from django.core.management import call_command

    from grid import services

    raw = SimpleUploadedFile("IMG_20261202_home.jpg", jpeg_with_gps(), "image/jpeg")
    old = services.file_request(
        village=village,
        category=category,
        description="旧照片",
        by=resident_user,
        resident=resident_user.resident,
        photo=raw,
    )
    old_name, storage = old.photo.name, old.photo.storage
    assert old_name.endswith("IMG_20261202_home.jpg")
    call_command("clean_resident_photos")
    old.refresh_from_db()
    assert re.fullmatch(r"grid/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", old.photo.name) and not storage.exists(old_name)
    with old.photo.open("rb") as stored:
        assert_no_metadata(Image.open(io.BytesIO(stored.read())))
    call_command("clean_resident_photos")  # again: nothing left to do
    assert ResidentRequest.objects.get().photo.name == old.photo.name

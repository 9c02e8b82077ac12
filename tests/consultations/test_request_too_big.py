"""A request body Django refuses as it reads it (larger than DATA_UPLOAD_MAX_MEMORY_SIZE, or with more fields
than DATA_UPLOAD_MAX_NUMBER_FIELDS) gets a clear page in the visitor's language with HTTP 413 (or 400), for a
public form and an admin form alike; never Django's bare "Bad Request (400)" and never a 500."""

import pytest
from django.conf import settings
from django.urls import reverse

from consultations.models import Comment

TOO_BIG = "长" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10)  # 3 bytes each in UTF-8: just over the limit


def too_many_fields() -> dict:
    return {f"field{n}": "1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}


@pytest.fixture
def resident_client(client, make_resident):
    client.force_login(make_resident().user)
    return client


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "内容太长，无法发送"), ("zh-hant", "內容太長，無法傳送"), ("en", "This is too large to send")],
)
def test_a_too_large_comment_is_a_413_page_in_the_visitors_language(resident_client, consultation, language, expected):
    response = resident_client.post(f"/{language}/consultations/{consultation.pk}/comments/", {"text": TOO_BIG})
    assert response.status_code == 413
    html = response.content.decode()
    assert expected in html and f'<html lang="{language}">' in html
    assert "Bad Request" not in html
    assert not Comment.objects.exists()


def test_too_many_fields_on_a_public_form_is_a_400_page(resident_client, consultation):
    response = resident_client.post(f"/en/consultations/{consultation.pk}/comments/", too_many_fields())
    assert response.status_code == 400
    assert "more fields or files than the portal accepts (10000 at most)" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_too_large_admin_form_is_a_413_page(client, make_user, consultation):
    client.force_login(make_user("county-admin", is_staff=True, is_superuser=True))
    url = reverse("wagtailadmin_pages:edit", args=(consultation.pk,))
    response = client.post(url, {"title": "改了", "summary": TOO_BIG}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "This is too large to send" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.title != "改了"

    response = client.post(url, too_many_fields(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "This form is too large to send" in response.content.decode()


def test_an_api_client_gets_json(client):
    response = client.post("/api/v2/pages/", {"text": TOO_BIG})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"

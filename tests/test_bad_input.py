"""NUL (which PostgreSQL cannot store) in any query parameter, form field, cookie or path: a 400 with a message.

Every URL pattern is taken from the resolver, so a new view is covered the day it is added. Run on PostgreSQL in
CI (.ci/run), where these were server errors: ``?tag=a%00b`` on legal education, ``?year=%00`` on the notice
archive, ``?locale=%00`` on the API, ``?service_code=a%00b`` on Open311, a report reason.
"""

import pytest
from django.test import Client
from django.utils import translation

from tests.urlwalk import routes

pytestmark = pytest.mark.django_db

JSON_PREFIXES = ("/api/", "/open311/")


def _every_url() -> list[str]:
    with translation.override("zh-hans"):
        return sorted({route.url() for route in routes()})


def _assert_refused(response, url: str) -> None:
    assert response.status_code == 400, f"{url}: HTTP {response.status_code}"
    if url.startswith(JSON_PREFIXES):
        assert response["Content-Type"].startswith("application/json"), url
        assert "NUL" in response.json()["message"]
    else:
        assert "NUL" in response.content.decode(), url


@pytest.mark.parametrize("value", ["a\x00b", "\x00"])
def test_nul_in_a_query_parameter_of_every_route(client, value):
    urls = _every_url()
    assert len(urls) > 300  # the whole resolver, admin included, not a hand-picked few
    for url in urls:
        # The names the views read (tag, year, locale, service_code, q ...) and one nobody reads.
        for name in ("tag", "year", "locale", "service_code", "q", "page", "unknown"):
            _assert_refused(client.get(url, {name: value}), url)
    _assert_refused(client.get("/zh-hans/search/", {"q\x00": "村规"}), "/zh-hans/search/")  # in the name too


def test_nul_in_a_form_field_of_every_route(client):
    for url in _every_url():
        _assert_refused(client.post(url, {"reason": "广告\x00", "body": "好"}), url)


def test_nul_in_a_cookie_or_the_path():
    client = Client()
    client.cookies["sessionid"] = "abc\x00def"
    _assert_refused(client.get("/zh-hans/"), "/zh-hans/")
    _assert_refused(Client().get("/zh-hans/legal-education/%00/"), "/zh-hans/legal-education/%00/")
    _assert_refused(Client().get("/api/v2/pages/%00/"), "/api/v2/pages/%00/")


def test_the_message_is_in_the_visitors_language_and_keeps_what_they_typed(client):
    english = client.post("/en/consultations/1/comments/", {"body": "Fix the\x00 bridge please"})
    assert english.status_code == 400
    text = english.content.decode()
    assert "characters the portal cannot store" in text and '<html lang="en">' in text
    assert "Fix the bridge please" in text  # shown back without the NUL, ready to copy
    chinese = client.get("/zh-hans/notices/archive/", {"year": "\x00"}).content.decode()
    assert "无法保存的字符" in chinese
    api = client.get("/open311/v2/requests.json", {"service_code": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert "無法保存的字符" in api.json()["message"]


def test_ordinary_input_passes(client):
    assert client.get("/zh-hans/search/", {"q": "村规民约"}).status_code == 200
    assert client.get("/api/v2/pages/", {"locale": "zh-hans"}).status_code == 200

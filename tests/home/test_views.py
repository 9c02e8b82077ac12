"""Health probe, elder-mode switch and the error pages."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_healthz_answers_ok_when_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "max-age=0"} <= directives


@pytest.mark.slow
def test_healthz_answers_503_when_database_is_unreachable():
    """A real unreachable PostgreSQL server (a closed local port), not a mock, in a separate process."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/unreachable",
    }
    result = subprocess.run(  # noqa: S603  (fixed argv, our own interpreter)
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr[-2000:]
    assert json.loads(body)["database"] == "unreachable"


def test_elder_mode_link_sets_cookie_and_returns_to_page(client, village_page):
    response = client.get("/zh-hans/elder-mode/on/", {"next": village_page.url})

    assert response.status_code == 302 and response.url == village_page.url
    cookie = response.cookies["elder_mode"]
    assert cookie.value == "1" and int(cookie["max-age"]) >= 180 * 24 * 3600 and cookie["httponly"]
    page = client.get(village_page.url).content.decode()
    assert '<html lang="zh-hans" class="elder">' in page
    assert "/zh-hans/elder-mode/off/" in page


def test_elder_mode_off_link(client, village_page):
    client.cookies["elder_mode"] = "1"
    response = client.get("/zh-hans/elder-mode/off/", {"next": village_page.url})

    assert response.cookies["elder_mode"].value == "0"
    assert 'class="elder"' not in client.get(village_page.url).content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_elder_mode_never_redirects_off_site(client, next_url):
    response = client.get("/zh-hans/elder-mode/on/", {"next": next_url})

    assert response.status_code == 302 and response.url == "/"


def test_elder_mode_rejects_unknown_state_with_a_message(client):
    response = client.get("/en/elder-mode/maybe/")

    assert response.status_code == 400
    assert "on or off" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("zh-hans", "找不到这个页面"), ("zh-hant", "找不到這個頁面"), ("en", "Page not found")],
)
def test_404_in_portal_style_and_users_language(client, portal_home, language, text):
    response = client.get(f"/{language}/no-such-village/")

    assert response.status_code == 404
    html = response.content.decode()
    assert text in html and f'lang="{language}"' in html and 'class="skip-link"' in html


def _boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("boom/", _boom), *portal_urlpatterns]


@pytest.mark.urls("tests.home.test_views")
@pytest.mark.parametrize(("language", "text"), [("zh-hans", "出了点问题"), ("en", "Something went wrong")])
def test_500_in_users_language(db, language, text):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)

    response = client.get("/boom/")

    assert response.status_code == 500
    assert text in response.content.decode()


def test_elder_shortcuts_link_the_sections_registered_by_the_feature_apps(client, village_page):
    # home knows the sections only through home.registry, which notices and consultations fill in (issue 19).
    client.cookies["elder_mode"] = "1"
    page = client.get(village_page.url).content.decode()  # /zh-hans/...: Simplified Chinese
    nav = page[page.index('class="elder-shortcuts') :]
    nav = nav[: nav.index("</nav>")]
    assert f'<a href="{village_page.url}notices/">村务公开</a>' in nav
    assert f'<a href="{village_page.url}consultations/">征求意见</a>' in nav
    # The grid app registers "report": the village's own request form, not the site's home page.
    assert f'<a href="/zh-hans/requests/{village_page.village.code}/new/">我要反映</a>' in nav

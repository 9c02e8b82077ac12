"""While PostgreSQL is unreachable: cached pages still answer, everything else gets a clear 503, never a 500.

How the outage is made: the pages are rendered and cached here, with the test database up, into a file cache;
then a second process with the same settings but DATABASE_URL on 127.0.0.1:1 (nothing listens there) asks
for them. psycopg's connection is refused the way it is while PostgreSQL restarts, so the real driver and
Django's real error path are exercised; nothing in the database layer is replaced by a fake.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from notices.models import NoticeIndexPage

SCRIPT = Path(__file__).with_name("db_down_requests.py")
UNREACHABLE = "postgres://postgres@127.0.0.1:1/village_commons_down"


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    return tmp_path


def with_database_down(cache_dir: Path, requests: list, fresh_seconds: int = 300) -> list[dict]:
    completed = subprocess.run(  # noqa: S603  (our own script and the venv interpreter)
        [sys.executable, str(SCRIPT), str(cache_dir), str(fresh_seconds), json.dumps(requests)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"DATABASE_URL": UNREACHABLE, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_cached_pages_answer_and_the_rest_gets_503(translated_trees, client, village_page, file_cache):
    notices = NoticeIndexPage.objects.child_of(village_page).get()
    assert client.get(village_page.url)["X-Page-Cache"] == "miss"
    english_notices = notices.get_translation(Locale.objects.get(language_code="en"))

    cached, uncached, english, posted, signed_in = with_database_down(
        file_cache,
        [
            ["get", village_page.url, None, ""],
            ["get", notices.url, None, ""],
            ["get", english_notices.url, None, ""],
            [
                "post",
                "/zh-hans/consultations/1/comments/",
                {"text": "我建议在村口装路灯", "password": "x1", "option": "4817"},
                "sessionid=0123456789abcdefghijklmnopqrstuv",
            ],
            ["get", village_page.url, None, "sessionid=0123456789abcdefghijklmnopqrstuv"],
        ],
    )

    assert (cached["status"], cached["cache"]) == (200, "hit")
    assert "东山村" in cached["body"]
    for response in (uncached, english, posted, signed_in):
        assert response["status"] == 503, response["body"][:500]
        assert response["retry_after"] == "30"
        assert "no-store" in response["cache_control"]
        assert "Traceback" not in response["body"] and "OperationalError" not in response["body"]
    assert "暂时无法使用" in uncached["body"]
    assert "Temporarily unavailable" in english["body"]
    # What the visitor typed comes back to be copied; a password never does.
    assert "我建议在村口装路灯" in posted["body"] and "x1" not in posted["body"]
    # An option's id is what the form chose, not what the visitor typed.
    assert "4817" not in posted["body"]


def test_a_page_past_its_freshness_is_served_stale_while_the_database_is_down(client, village_page, file_cache):
    client.get(village_page.url)
    (stale,) = with_database_down(file_cache, [["get", village_page.url, None, ""]], fresh_seconds=0)
    assert (stale["status"], stale["cache"]) == (200, "stale")
    assert "东山村" in stale["body"]


def test_a_database_error_inside_a_middleware_also_gets_the_503_page(rf):
    # Raised by the session middleware while saving, say: Django hands it to the 500 handler, not to a view.
    from django.db import OperationalError

    from home.views import server_error

    request = rf.post("/zh-hans/consultations/1/comments/", {"text": "路灯坏了"})
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "路灯坏了" in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500

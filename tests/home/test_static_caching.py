"""Static files under production storage: hashed names cached for ever, gzip served, plain names short-lived."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

IMMUTABLE = "max-age=315360000, public, immutable"


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    # Only what the portal's own pages load: the admin's thousands of files would only slow the test down.
    ignored = ["wagtail*", "rest_framework", "admin", "django_extensions", "modelcluster", "taggit", "debug_toolbar"]
    call_command("collectstatic", "--noinput", "--verbosity=0", *[f"--ignore={pattern}" for pattern in ignored])
    return WhiteNoiseMiddleware(lambda request: None)


@pytest.mark.parametrize("name", ["css/portal.css", "css/print.css", "img/favicon.svg"])
def test_hashed_static_files_have_far_future_immutable_caching(production_static, name):
    url = static(name)
    assert url != f"/static/{name}", "the manifest storage should give a hashed name"
    response = production_static(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert response["Cache-Control"] == IMMUTABLE
    if name.endswith(".css"):
        assert response["Content-Encoding"] == "gzip"


def test_unhashed_names_are_cached_briefly(production_static):
    response = production_static(RequestFactory().get("/static/css/portal.css"))
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert response["Cache-Control"] == "max-age=60, public"

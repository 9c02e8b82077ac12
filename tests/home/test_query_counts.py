"""Queries per page must not grow with the number of villages (3 versus 30)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import VillagePage
from tests.page_tree import build_every_page_type

pytestmark = pytest.mark.slow


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths) the way a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_queries_per_page_do_not_grow_with_villages(client, make_village, without_locale_sync, cached_lookups):
    first = make_village(code="dongshan", name="东山村")
    first_page = VillagePage.objects.get(village=first, locale=Locale.get_default())
    pages = build_every_page_type(first_page)
    for _ in range(2):
        make_village()
    urls = [page.url for page in pages.values()]
    with_3 = {url: _queries_for(client, url) for url in urls}

    for _ in range(27):
        make_village()
    with_30 = {url: _queries_for(client, url) for url in urls}

    assert VillagePage.objects.count() == 30
    assert with_30 == with_3
    # A budget as well, so that a page that is merely constant but wasteful is caught too.
    assert max(with_3.values()) <= 12, with_3

"""Pages that show one person's data send ``Cache-Control: private, no-store`` and never enter the page cache.

The routes come from the URL resolver, so a personal page added later is covered without being listed here: every
route is requested by a signed-in resident who owns what the route points to (their own service request), and
whatever the answer, it must tell browsers and proxies to keep nothing. Personal areas are also checked signed out.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from grid import services as grid_services
from grid.models import Grid, RequestCategory
from portal.pagecache import ENTRY_PREFIX, page_cache
from residents.models import Resident
from tests.urlwalk import routes

pytestmark = pytest.mark.django_db

PERSONAL = [
    "/zh-hans/accounts/profile/",
    "/zh-hans/accounts/profile/export/",
    "/zh-hans/accounts/profile/delete/",
    "/zh-hans/accounts/email/",
    "/zh-hans/notifications/",
]


@pytest.fixture
def owner(make_user, village_page):
    user = make_user("villager", email="villager@example.org")
    resident = Resident.objects.create(
        user=user, village=village_page.village, real_name="王秀英", display_name="王*英", verification="verified"
    )
    grid = Grid.objects.create(village=village_page.village, name="第一网格")
    request = grid_services.file_request(
        village=village_page.village,
        category=RequestCategory.objects.get(code="roads-lights"),
        description="我家门口的路灯坏了，家里有老人",
        by=user,
        resident=resident,
        grid=grid,
        place="二组",
        show_publicly=False,
    )
    return {"user": user, "request": request, "village": village_page.village, "page": village_page}


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def _stored_pages() -> list[str]:
    return [key for key in page_cache()._cache if ENTRY_PREFIX in key]


def _assert_private(response, url: str) -> None:
    control = response.get("Cache-Control", "")
    assert "private" in control and "no-store" in control, f"{url}: HTTP {response.status_code}, {control!r}"
    assert "public" not in control, url


def _urls(owner) -> list[str]:
    values = {"pk": owner["request"].pk, "code": owner["village"].code, "page_id": owner["page"].pk}
    with translation.override("zh-hans"):
        found = {route.url(**values) for route in routes() if not route.path.startswith(("static/", "media/"))}
    return sorted(found | {owner["page"].url})


def test_every_route_a_signed_in_resident_opens_is_private(client, owner, page_cache_on):
    client.force_login(owner["user"])
    urls = _urls(owner)
    assert f"/zh-hans/requests/mine/{owner['request'].pk}/" in urls and "/zh-hans/accounts/profile/" in urls
    for url in urls:
        response = client.get(url)
        _assert_private(response, url)
    mine = client.get(f"/zh-hans/requests/mine/{owner['request'].pk}/")
    assert mine.status_code == 200 and "家里有老人" in mine.content.decode()  # really their own page, shown
    assert _stored_pages() == []


def test_personal_areas_are_private_signed_out_too(owner, page_cache_on):
    for url in [*PERSONAL, f"/zh-hans/requests/mine/{owner['request'].pk}/", "/zh-hans/accounts/login/"]:
        response = Client().get(url)
        _assert_private(response, url)
    assert _stored_pages() == []


def test_a_views_own_public_caching_never_wins_for_a_signed_in_visitor(client, owner, page_cache_on):
    """The village page is public and cached for visitors; the same address signed in is someone's own view."""
    anonymous = Client().get(owner["page"].url)
    assert "public" in anonymous["Cache-Control"] and len(_stored_pages()) == 1
    client.force_login(owner["user"])
    _assert_private(client.get(owner["page"].url), owner["page"].url)
    _assert_private(client.get("/api/v2/pages/"), "/api/v2/pages/")

"""Screens that list every village cost the same queries for 4 villages as for 12 (issue 21: a county has
305): the portal home, the admin explorer at the portal home, the search page. And the portal home's list of
villages, kept in the tree cache (home/village_list.py), follows every change of a village page at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from home.models import VillagePage

pytestmark = pytest.mark.slow


def _queries(client, url: str) -> int:
    client.get(url)  # warm the per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _villages(make_village, numbers) -> None:
    for n in numbers:
        make_village(code=f"cs{n}", name=f"规模{n}村", township=f"第{n % 3}镇")


@pytest.mark.django_db
def test_the_screens_that_list_villages_cost_the_same_for_4_and_12(make_village, portal_home, django_user_model):
    admin = django_user_model.objects.create_superuser("county-size", "county-size@example.org", "x" * 16)
    staff = Client()
    staff.force_login(admin)
    public = Client()
    screens = {
        "portal home": (public, "/zh-hans/"),
        "explorer at the portal home": (staff, reverse("wagtailadmin_explore", args=[portal_home.pk])),
        "search page": (public, "/zh-hans/search/?q=" + "公告"),
    }
    _villages(make_village, range(4))
    few = {name: _queries(client, url) for name, (client, url) in screens.items()}
    _villages(make_village, range(4, 12))
    many = {name: _queries(client, url) for name, (client, url) in screens.items()}
    assert many == few
    home = public.get("/zh-hans/").content.decode()
    assert all(f"规模{n}村" in home for n in range(12))


@pytest.mark.django_db
@pytest.mark.usefixtures("cached_lookups")
def test_the_cached_village_list_follows_every_change_of_a_village_page(client, make_village):
    village = make_village(code="cs-a", name="甲村", township="东镇")
    client.get("/zh-hans/")
    with CaptureQueriesContext(connection) as again:
        assert "甲村" in client.get("/zh-hans/").content.decode()
    assert not [q for q in again if '"home_villagepage"' in q["sql"]]  # the list came from the cache

    make_village(code="cs-b", name="乙村", township="西镇")
    assert "乙村" in client.get("/zh-hans/").content.decode()  # a new village

    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    page.title = "甲村（新）"
    page.save_revision().publish()
    assert "甲村（新）" in client.get("/zh-hans/").content.decode()  # a renamed village page

    village.township = "南镇"
    village.save()
    assert "<h3>南镇</h3>" in client.get("/zh-hans/").content.decode()  # its village moved to another township

    page.unpublish()
    assert "甲村（新）" not in client.get("/zh-hans/").content.decode()  # an unpublished one

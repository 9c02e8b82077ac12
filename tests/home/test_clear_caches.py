"""Writes that bypass signals (queryset.update(), raw SQL) leave cached pages stale until clear_portal_caches."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from notices.models import NoticeIndexPage


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_a_bulk_update_shows_stale_until_clear_portal_caches_then_fresh(client, village_page):
    index = NoticeIndexPage.objects.child_of(village_page).get()
    first = client.get(village_page.url)
    assert first["X-Page-Cache"] == "miss"
    assert f">{index.title}</a>" in first.content.decode()

    # An import's bulk write: no post_save, no page_published, so the page cache is not told.
    NoticeIndexPage.objects.filter(pk=index.pk).update(title="批量改名的村务公开", draft_title="批量改名的村务公开")
    stale = client.get(village_page.url)
    assert stale["X-Page-Cache"] == "hit"
    assert "批量改名的村务公开" not in stale.content.decode()

    out = io.StringIO()
    call_command("clear_portal_caches", stdout=out)
    assert out.getvalue().strip() == "Cleared: page cache, lookups, tree cache."
    fresh = client.get(village_page.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert ">批量改名的村务公开</a>" in fresh.content.decode()

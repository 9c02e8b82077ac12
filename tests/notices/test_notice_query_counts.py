"""The notice index, archive, a notice and its village page cost the same queries with 5 or 200 notices."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from notices.models import NoticeCategory, NoticePage

pytestmark = pytest.mark.slow


def _queries_for(client, url: str) -> int:
    client.get(url)  # warm per-process caches, as on a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _add_notices(index, count: int, start: int) -> None:
    """Many notices quickly: tree inserts without revisions (what is measured is reading, not publishing)."""
    categories = list(NoticeCategory.objects.all())
    today = datetime.date.today()
    for number in range(start, start + count):
        expired = number % 2 == 0
        day = today - datetime.timedelta(days=400 if expired else 1)
        index.add_child(
            instance=NoticePage(
                title=f"公告{number}",
                slug=f"n{number}",
                date=day,
                category=categories[number % len(categories)],
                pinned=number % 7 == 0,
                urgent=number % 11 == 0,
                posted_until=day + datetime.timedelta(days=5 if expired else 30),
                summary="摘要",
            )
        )


def test_notice_pages_queries_do_not_grow_with_notices(client, notice_index, village_page, without_locale_sync):
    _add_notices(notice_index, 5, 0)
    sample = NoticePage.objects.child_of(notice_index).first()
    archive = notice_index.url + "archive/"
    urls = [notice_index.url, archive, archive + "?year=2025&category=finance", village_page.url, sample.url]
    with_5 = {url: _queries_for(client, url) for url in urls}

    _add_notices(notice_index, 195, 5)
    assert Page.objects.type(NoticePage).count() == 200
    with_200 = {url: _queries_for(client, url) for url in urls}

    assert with_200 == with_5
    assert max(with_5.values()) <= 20, with_5

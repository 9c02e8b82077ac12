"""The consultation page lists its proposals a page at a time, in the same number of queries on every page."""

import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import listing
from consultations.listing import page_links, page_number
from consultations.models import Comment, FollowUp, Proposal

from .conftest import AFTER_CLOSE

pytestmark = pytest.mark.django_db
PER_PAGE = listing.PROPOSALS_PER_PAGE


@pytest.fixture
def proposals(consultation, make_resident):
    """45 proposals (three pages), each with a comment and a reply; supports rise with the number."""
    author = make_resident()
    made = Proposal.objects.bulk_create(
        [
            Proposal(page=consultation, author=author, title=f"提案{i:02d}", text="<p>x</p>", support_count=i)
            for i in range(45)
        ]
    )
    threads = Comment.objects.bulk_create(
        [Comment(page=consultation, author=author, text=f"评论{p.title}", proposal=p) for p in made]
    )
    Comment.objects.bulk_create(
        [Comment(page=consultation, author=author, text=f"回复{c.text}", parent=c) for c in threads]
    )
    FollowUp.objects.create(page=consultation, proposal=made[44], stage="decided", date=AFTER_CLOSE.date(), text="定了")
    return made


def _titles(html: str) -> list[str]:
    return re.findall(r"<h3>(提案\d\d)</h3>", html)


def test_each_page_shows_its_proposals_with_their_comments(client, consultation, proposals):
    first = client.get(consultation.url).content.decode()
    second = client.get(consultation.url, {"page": "2"}).content.decode()
    third = client.get(consultation.url, {"page": "3"}).content.decode()

    assert _titles(first) == [f"提案{i:02d}" for i in range(44, 44 - PER_PAGE, -1)]  # most supported first
    assert len(_titles(second)) == PER_PAGE and len(_titles(third)) == 45 - 2 * PER_PAGE
    assert set(_titles(first)) | set(_titles(second)) | set(_titles(third)) == {p.title for p in proposals}
    assert "评论提案44" in first and "回复评论提案44" in first and "评论提案00" not in first
    assert "回复评论提案00" in third and "定了" in first and "定了" not in third


def test_pagination_links_keep_the_order_and_mark_the_current_page(client, consultation, proposals):
    html = client.get(consultation.url, {"order": "newest", "page": "2"}).content.decode()

    assert 'href="?order=newest&amp;page=1#proposals"' in html  # previous and the first page
    assert 'href="?order=newest&amp;page=3#proposals" rel="next"' in html
    assert re.search(r'page=2#proposals" aria-current="page"', html)
    assert _titles(html)[0] == f"提案{44 - PER_PAGE:02d}"  # newest first: the highest numbers were made last


@pytest.mark.parametrize(("raw", "shown"), [("0", 1), ("-1", 1), ("abc", 1), ("", 1), ("99999999999999", 1), ("9", 3)])
def test_a_page_out_of_range_or_not_a_number_shows_the_nearest_page(client, consultation, proposals, raw, shown):
    response = client.get(consultation.url, {"page": raw})

    assert response.status_code == 200
    assert response.context["proposal_page"].number == shown


def test_no_proposals_is_one_page_without_links(client, consultation):
    response = client.get(consultation.url, {"page": "4"})

    assert response.status_code == 200 and response.context["proposal_page"].last == 1
    assert 'class="pagination"' not in response.content.decode()


def test_every_page_costs_the_same_queries_within_budget(client, consultation, proposals, cached_lookups):
    counts = []
    with time_machine.travel(AFTER_CLOSE, tick=False):
        client.get(consultation.url)  # warms the cached lookups and site root paths, as a running server has them
        for number in ("1", "2", "3"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(consultation.url, {"page": number}).status_code == 200
            counts.append(len(queries))
    cache.clear()
    assert counts[0] == counts[1] == counts[2] <= 12, counts


def test_page_links_show_the_ends_and_the_neighbours():
    assert page_links(1, 1) == [1]
    assert page_links(1, 3) == [1, 2, 3]
    assert page_links(5, 10) == [1, None, 4, 5, 6, None, 10]
    assert page_links(2, 10) == [1, 2, 3, None, 10]
    assert page_number("3") == 3 and page_number("３") == 1 and page_number(None) == 1

"""A people list (subsidy recipients) keeps its full values for the committee's editor only: the page, the API's
body, the search index and its snippets get the masked form."""

import datetime
import json

import pytest
from wagtail.models import Page

from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from search.models import SearchDocument

ID_NUMBER = "11010519491231002X"
MOBILE = "13812345678"
CARD = "4111111111111111"


@pytest.fixture
def subsidy_notice(village_page) -> NoticePage:
    index = NoticeIndexPage.objects.child_of(village_page).get()
    people = {
        "title": "低保名单",
        "people": [
            {"name": "王建华", "id_number": ID_NUMBER, "phone": MOBILE, "amount": "560.00", "reason": f"卡号{CARD}"},
        ],
    }
    notice = NoticePage(
        title="十月低保公示",
        slug="dibao-10",
        date=datetime.date.today(),
        category=NoticeCategory.objects.get(slug="affairs"),
        body=json.dumps([{"type": "people", "value": people}]),
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()  # allowed: the block masks on every output
    return notice


def assert_masked(text: str) -> None:
    for full in (ID_NUMBER, MOBILE, CARD, "王建华"):
        assert full not in text, full


def test_the_api_body_is_masked(client, subsidy_notice):
    detail = client.get(f"/api/v2/pages/{subsidy_notice.pk}/")
    assert detail.status_code == 200
    assert_masked(detail.content.decode())
    person = detail.json()["body"][0]["value"]["people"][0]
    assert person == {
        "name": "王*华",
        "id_number": "1101**********002X",
        "phone": "138****5678",
        "amount": "560.00",
        "reason": "卡号************1111",
    }
    listing = client.get("/api/v2/pages/", {"type": "notices.NoticePage", "fields": "*"})
    assert listing.status_code == 200 and "低保名单" in listing.content.decode()
    assert_masked(listing.content.decode())


def test_the_page_and_the_search_index_are_masked(client, subsidy_notice):
    page = Page.objects.get(pk=subsidy_notice.pk)
    html = client.get(page.url).content.decode()
    assert "1101**********002X" in html
    assert_masked(html)
    rows = SearchDocument.objects.filter(page_id=page.pk)
    assert rows.exists()
    for row in rows:
        assert_masked(f"{row.title} {row.body}")
    results = client.get("/zh-hans/search/", {"q": "低保"}).content.decode()
    assert_masked(results)

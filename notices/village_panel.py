"""The village page's notices panel: its latest notices, the link to all of them and their feeds."""

from typing import Any

from wagtail.models import Page

from home.feeds import feed_links
from home.models.sections import LISTING_FIELDS
from home.models.visibility import without_restricted
from home.registry import SectionOf

from .models import NoticeIndexPage, NoticePage


def village_notices(village_page: Page, section_of: SectionOf, request: Any) -> dict[str, Any]:
    notice_index = section_of(NoticeIndexPage)
    # The village's notices are its news: their feeds are advertised here as well as on the notice index.
    title = f"{village_page.title} · {notice_index.title}" if notice_index else ""
    return {
        "notice_index": notice_index,
        "latest_notices": without_restricted(NoticePage.objects.descendant_of(village_page).live())
        .order_by("-date", "-pk")
        .only(*LISTING_FIELDS)[:5],
        "feeds": feed_links(notice_index, NoticeIndexPage, title, request) if notice_index else [],
    }

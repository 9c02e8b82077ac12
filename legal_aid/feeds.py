"""RSS 2.0 and Atom feeds of legal-education articles, served by the index page's routes."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from portal.public_url import PublicLinksFeedMixin

FEED_LENGTH = 20


class LegalEducationRssFeed(PublicLinksFeedMixin, Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page) -> None:
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj) -> str:
        return obj.title

    def description(self, obj) -> str:
        return obj.search_description or obj.title

    def items(self, obj):
        return obj.get_listing()[:FEED_LENGTH]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_pubdate(self, item) -> datetime.datetime:
        return datetime.datetime.combine(item.date, datetime.time(8, 0))

    def item_categories(self, item) -> list[str]:
        return sorted(tag.name for tag in item.tags.all())


class LegalEducationAtomFeed(LegalEducationRssFeed):
    feed_type = Atom1Feed
    subtitle = LegalEducationRssFeed.description

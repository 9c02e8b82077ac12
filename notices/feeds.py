"""RSS and Atom feeds of a village's notices, served under its notice index page."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.public_url import PublicLinksFeedMixin

FEED_ITEMS = 30


class NoticeRssFeed(PublicLinksFeedMixin, Feed):
    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return f"{index.get_parent().title} · {index.title}"

    def description(self, index):
        return _("Public affairs notices of %(village)s") % {"village": index.get_parent().title}

    def items(self, index):
        return index.notices().order_by("-date", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class NoticeAtomFeed(NoticeRssFeed):
    feed_type = Atom1Feed
    subtitle = NoticeRssFeed.description

"""Which feeds a page advertises: `<link rel="alternate">` in its head and a visible "Subscribe" link.

A page type that serves feeds lists its feed routes in `feed_routes` (route names of its RoutablePageMixin
paths, e.g. notices' feed/rss/ and feed/atom/). The page itself advertises them, and so does a page they belong
to as well (the village page advertises its notices' feeds): its get_context puts `feed_links(...)` under
"feeds", which base.html's head and includes/feed_links.html show.
"""

from dataclasses import dataclass
from typing import Any

FORMATS = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
}


@dataclass(frozen=True)
class FeedLink:
    url: str
    title: str  # the link's title attribute: what a feed reader offers to subscribe to
    mime_type: str
    format: str  # RSS or Atom, as the visible link names it


def feed_links(page: Any, model: type | None = None, title: str = "", request: Any = None) -> list[FeedLink]:
    """The feeds of `page`, whose routes are those of `model` (by default the page's own class; a plain Page
    row of a feed-serving type, as a village page lists its sections, gives its type here)."""
    model = model or type(page)
    routes = getattr(model, "feed_routes", ())
    base = page.get_url(request) if page is not None else None
    if not routes or not base:
        return []
    resolver = model.get_resolver()
    title = title or page.title
    links = []
    for route in routes:
        mime_type, label = FORMATS[route]
        links.append(FeedLink(base + resolver.reverse(route).lstrip("/"), f"{title} ({label})", mime_type, label))
    return links

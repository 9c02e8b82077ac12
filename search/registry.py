"""What the site search looks through: a list of searchable types named in settings.SEARCH_TYPES.

Each entry is the dotted path of a `SearchType`; adding a domain (e.g. proposals) is one line there.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString


@dataclass
class Query:
    text: str  # as typed
    terms: list[str]  # after search.text.query_terms
    operator: str  # "and" first, "or" when nothing matched every word
    locale: Any  # wagtail Locale
    village: Any = None  # home.models.Village or None
    village_page: Any = None  # its VillagePage in this locale
    year: int | None = None
    request: Any = None
    limit: int = 20  # candidates a type; the ranking reorders them, the backend picked them


@dataclass
class Hit:
    """One search result. URL and text are worked out only for the hits shown: each costs time."""

    kind: str  # SearchType.key
    kind_label: str
    title: str
    page: Any = None  # the page this hit is on, if any
    anchor: str = ""  # e.g. "#article-12"
    request: Any = None
    fixed_url: str = ""
    fixed_text: str | None = None
    date: datetime.date | None = None
    village: str = ""
    path: str = ""  # page tree path, to name the village and drop restricted pages
    position: int = 0  # the backend's relevance order within its type
    title_terms: set[str] = field(default_factory=set)
    snippet: SafeString | str = ""
    note: str = ""  # e.g. "no longer posted"

    @property
    def url(self) -> str:
        if self.page is not None:
            return (self.page.get_url(self.request) or "") + self.anchor
        return self.fixed_url

    @cached_property
    def text(self) -> str:
        """The plain text the snippet is cut from."""
        if self.fixed_text is not None:
            return self.fixed_text
        from search.types import body_text

        return body_text(self.page) if self.page is not None else ""


@dataclass(frozen=True)
class SearchType:
    key: str
    label: Any  # lazy translation
    search: Callable[[Query], list[Hit]]


@cache
def search_types() -> tuple[SearchType, ...]:
    return tuple(import_string(path) for path in settings.SEARCH_TYPES)


def search_type_choices() -> list[tuple[str, Any]]:
    return [(t.key, t.label) for t in search_types()]

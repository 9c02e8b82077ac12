"""What the site search looks through: a list of searchable types named in settings.SEARCH_TYPES.

Each entry is the dotted path of a `SearchType`, which turns one object of its model into the rows
(`Document`) it contributes to the search index; adding a domain (e.g. proposals) is one line there.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString


@dataclass
class Query:
    text: str  # as typed
    terms: list[str]  # the words to highlight (search.planner.Plan.highlight_terms)
    operator: str  # "and" first, "or" when nothing matched every word
    locale: Any  # wagtail Locale
    village: Any = None  # home.models.Village or None
    year: int | None = None
    kinds: list[str] = field(default_factory=list)  # SearchType keys; empty for all
    request: Any = None
    plan: Any = None  # search.planner.Plan, made from `text` by search.engine.run


@dataclass
class Document:
    """One row of the search index, before the text is cut into words."""

    key: str  # "<type>:<pk>:<part>"
    kind: str
    page: Any  # the live page the result links to
    title: str
    body: str = ""
    context: str = ""  # matched but neither title nor text, e.g. the rules page's title for an article
    title_words: str | None = None  # what counts as title for matching and ranking, when not the title
    anchor: str = ""
    date: datetime.date | None = None
    expires: datetime.date | None = None
    villages: str | None = None  # None: the page's own village; else a SearchDocument.villages value
    group: str = ""  # rows sharing a group are capped in the results; blank: a row on its own


@dataclass
class Hit:
    """One search result, made from an index row for the page of results shown."""

    kind: str  # SearchType.key
    kind_label: str
    title: str
    url: str = ""
    text: str = ""  # the plain text the snippet is cut from
    date: datetime.date | None = None
    village: str = ""
    snippet: SafeString | str = ""
    note: str = ""  # e.g. "no longer posted"
    untranslated: bool = False  # shown in its original language on another language's tree


@dataclass(frozen=True)
class SearchType:
    """A kind of result: how its objects become index rows and when those rows change.

    `documents(obj, context)` returns the rows of one object (none when it must not be found: a draft,
    a withdrawn proposal). A type whose model is not a page names the page model its rows sit on
    (`host`) and how to list its objects on one such page (`on_page`), so publishing or unpublishing
    that page refreshes them too. `everything()` is what `update_index` goes through.
    """

    key: str
    label: Any  # lazy translation
    model: str  # "app_label.ModelName"
    documents: Callable[[Any, Any], list[Document]]
    everything: Callable[[], Iterable[Any]]
    host: str = ""  # "app_label.PageModel" for a type that is not a page itself
    on_page: Callable[[Any], Iterable[Any]] | None = None

    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.model)

    def is_page_type(self) -> bool:
        return not self.host

    def host_class(self):
        from django.apps import apps

        return apps.get_model(self.host) if self.host else self.model_class()

    def objects_on(self, page) -> list:
        """The objects of this type whose rows sit on `page` (a specific page instance)."""
        if not isinstance(page, self.host_class()):
            return []
        if self.on_page is None:
            return [page]
        return list(self.on_page(page))


@cache
def search_types() -> tuple[SearchType, ...]:
    return tuple(import_string(path) for path in settings.SEARCH_TYPES)


def search_type(key: str) -> SearchType | None:
    return next((t for t in search_types() if t.key == key), None)


def search_type_choices() -> list[tuple[str, Any]]:
    return [(t.key, t.label) for t in search_types()]

"""The admin explorer's page of children in a fixed number of queries, however many villages it lists.

Wagtail's explorer asks, for every row it shows, things that each cost queries: whether to offer "Add child
page" (Page.can_create_at counts the row's children of every type with a max_count_per_parent: four queries
per village page) and wagtail-localize's "Translate this page" / "Sync translated pages" buttons (three more,
search/translation_access.py). At the county home with 305 villages that was six queries for each of the 50
rows of a page.

The explorer's `construct_explorer_page_queryset` hook (home/wagtail_hooks.py) *arms* a memo for the parent it
lists, for that request only; the first row that asks loads the answer for every child of that parent in one
query (`for_listing`), and the next rows read it. Only rows that are children of the armed parent use it, and
only in the request that armed it (request_started and request_finished disarm), so a page created after the
listing was read is never judged by a stale count. Elsewhere (the editor, the create view, a shell) Wagtail
asks the database as before.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.core.signals import request_finished, request_started
from django.db.models import Count
from django.db.models.functions import Substr
from wagtail.models import Page


class _Listing(threading.local):
    parent_path: str | None = None
    parent_depth: int = 0
    memo: dict[str, Any] | None = None


_listing = _Listing()


def arm(parent: Page) -> None:
    """The explorer is listing `parent`'s children in this request."""
    _listing.parent_path, _listing.parent_depth, _listing.memo = parent.path, parent.depth, {}


def disarm(**kwargs) -> None:
    _listing.parent_path, _listing.parent_depth, _listing.memo = None, 0, None


def connect() -> None:
    request_started.connect(disarm, dispatch_uid="explorer_listing_started")
    request_finished.connect(disarm, dispatch_uid="explorer_listing_finished")


def listed(page: Page) -> bool:
    """Is `page` a row of the listing armed in this request?"""
    parent = _listing.parent_path
    return bool(parent and page.path and page.depth == _listing.parent_depth + 1 and page.path.startswith(parent))


def for_listing(name: str, load: Callable[[str, int], Any]) -> Any:
    """`load(parent_path, parent_depth)` once per armed listing and name; None when nothing is armed."""
    if _listing.memo is None or _listing.parent_path is None:
        return None
    if name not in _listing.memo:
        _listing.memo[name] = load(_listing.parent_path, _listing.parent_depth)
    return _listing.memo[name]


def _child_counts(parent_path: str, parent_depth: int) -> dict[tuple[str, int], int]:
    """{(row path, content type id): how many children of that type}, for every row of the listing."""
    rows = (
        Page.objects.filter(depth=parent_depth + 2, path__startswith=parent_path)
        .annotate(row=Substr("path", 1, (parent_depth + 1) * Page.steplen))
        .values("row", "content_type_id")
        .annotate(n=Count("id"))
        .values_list("row", "content_type_id", "n")
    )
    return {(row, content_type): n for row, content_type, n in rows}


def children_of_type(parent: Page, model: type[Page]) -> int | None:
    """parent.get_children().type(model).count() from the listing's memo, or None if `parent` is not a row."""
    if not listed(parent):
        return None
    counts = for_listing("child_counts", _child_counts)
    if counts is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    total = 0
    for (row, content_type_id), n in counts.items():
        if row == parent.path:
            found = ContentType.objects.get_for_id(content_type_id).model_class()  # cached by Django
            if found is not None and issubclass(found, model):  # .type() includes subclasses
                total += n
    return total


class ListedChildCountsMixin:
    """can_create_at reads a listed row's children from the explorer's memo instead of one count per type."""

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        count = children_of_type(parent, cls) if cls.max_count_per_parent is not None else None
        if count is None:
            return super().can_create_at(parent)
        # As Wagtail's Page.can_create_at, with the per-parent count from the memo.
        can_create = cls.is_creatable and cls.can_exist_under(parent)
        if cls.max_count is not None:
            can_create = can_create and cls.objects.count() < cls.max_count
        return can_create and count < cls.max_count_per_parent

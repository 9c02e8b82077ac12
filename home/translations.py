"""One record per thing, whatever language tree it is reached in (DESIGN.md "Voting integrity").

Every page exists in three trees (zh-hans, zh-hant, en): the zh-hans page, and in the other trees an alias of it
(wagtail-localize's tree synchronisation) or, once an editor translates it, a translation with the same
translation key. The things residents do on a page (ballots, proposals, supports, comments, questions to a
notice, follow-up) must not split along those trees: one consultation has one tally, whatever the language.

They all hang off the *record page*: the page of the translation group in the default locale, or, for a page
that exists only in other languages, the first of the group to be created (the lowest id; a translation or alias
is always made after its source). Services store records against it and pages read them from it; the models'
save() (home.translations.to_record_page) moves any record handed a copy onto it, so no path can split a tally.
"""

from typing import TypeVar

from django.conf import settings
from django.db import models
from wagtail.models import Locale, Page

P = TypeVar("P", bound=Page)


_default_ids: dict[str, int] = {}


def default_locale_id() -> int:
    """The default locale's id: made by a migration and never changed, so read once per process."""
    code = settings.LANGUAGE_CODE
    if code not in _default_ids:
        _default_ids[code] = Locale.get_default().pk
    return _default_ids[code]


def is_record_page(page: Page) -> bool:
    """True when records hang off this very page (no query for a page in the default locale)."""
    return page.pk is not None and record_page_id(page) == page.pk


def record_page_id(page: Page) -> int:
    """The id of the page that the translation group's records hang off; at most one query, none in zh-hans."""
    cached = page.__dict__.get("_record_page_id")
    if cached is not None:
        return cached
    default = default_locale_id()
    if page.locale_id == default:
        found = page.pk
    else:
        found = _from_route_translations(page, default)
        if found is None:
            found = _query_record_page_id(page, default)
    page.__dict__["_record_page_id"] = found
    return found


def _from_route_translations(page: Page, default: int) -> int | None:
    # home.routing hands the page its translations (for the language links) from the tree cache: no query.
    translations = getattr(page, "route_translations", None)
    if not translations:
        return None
    for candidate in translations:
        if candidate.locale_id == default:
            return candidate.pk
    return min(candidate.pk for candidate in translations)


def _query_record_page_id(page: Page, default: int) -> int:
    group = Page.objects.filter(translation_key=page.translation_key)
    ids = dict(group.values_list("locale_id", "pk").order_by("-pk"))  # lowest id last, so kept per locale
    if default in ids:
        return ids[default]
    return min([*ids.values(), page.pk])


def record_page(page: P) -> P:
    """The record page as the same specific type (the page itself when it is the record page)."""
    pk = record_page_id(page)
    if pk == page.pk:
        return page
    cached = page.__dict__.get("_record_page")
    if cached is None:
        cached = type(page).objects.get(pk=pk)
        page.__dict__["_record_page"] = cached
    return cached


def to_record_page(instance: models.Model, field: str) -> None:
    """For a model's save(): point `field` (a foreign key to a page type) at its record page.

    The lowest layer every path passes through (services, admin, commands, tests): a record handed the zh-hant
    or English copy of a consultation joins the zh-hans one instead of starting a second tally.
    """
    if getattr(instance, f"{field}_id") is None:
        return
    page = getattr(instance, field)
    if not is_record_page(page):
        setattr(instance, field, record_page(page))

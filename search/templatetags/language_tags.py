"""The notice on pages that are shown in the original language because nobody translated them yet."""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.filter
def is_untranslated(page) -> bool:
    """True for an alias in another language's tree: wagtail-localize mirrors untranslated pages as
    aliases of the Simplified page. Reads alias_of_id on the page: no query. Also true for a page that no copy in
    this language exists of, served from its source language's tree (home.routing.untranslated)."""
    if getattr(page, "shown_untranslated", False):
        return True
    return bool(getattr(page, "alias_of_id", None)) and translation.get_language() != settings.LANGUAGE_CODE

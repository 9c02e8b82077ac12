"""Template tags for the page chrome: language links, elder-mode switch, breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode
from wagtail.models import Page

from home import treecache

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the page's translation where there is one, else the same path in that language."""
    request = context["request"]
    page = context.get("page")
    translations: dict[str, Page] = {}
    if isinstance(page, Page):
        # home.routing hands them over from its cache; otherwise one query for what a link needs.
        candidates = getattr(page, "route_translations", None)
        for candidate in candidates if candidates is not None else treecache.translations_of(page):
            translations[candidate.locale.language_code] = candidate
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        url = target.get_url(request) if target is not None else None
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def elder_mode_url(context) -> str:
    """The link that flips elder mode and comes back to this page."""
    request = context["request"]
    state = "off" if context.get("elder_mode") else "on"
    return f"{reverse('elder_mode', args=[state])}?{urlencode({'next': request.get_full_path()})}"


@register.simple_tag
def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors below the tree root, in one query or none; the portal home is the first crumb."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    routed = getattr(page, "route_ancestors", None)  # set by home.routing when it read them to find the page
    if routed is not None:
        return routed
    return list(page.get_ancestors().filter(depth__gte=2))

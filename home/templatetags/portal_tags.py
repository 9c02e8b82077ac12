"""Template tags for the page chrome: language links, elder-mode switch, breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode
from wagtail.models import Page

from home import treecache

register = template.Library()


def _without_language(path: str) -> str:
    """The path below its language prefix: "/en/dongshan/notices/archive/" -> "dongshan/notices/archive/"."""
    first, _, rest = path.lstrip("/").partition("/")
    return rest if first in dict(settings.LANGUAGES) else path.lstrip("/")


def _sub_route(request, page: Page) -> str:
    """What the URL has below the page's own address: a RoutablePage's sub-route ("archive/", "versions/3/")."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    here, own = _without_language(request.path), _without_language(parts[2])
    return here[len(own) :] if here.startswith(own) else ""


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language to the same content: the page's translation (or alias) with the same sub-route and
    query string; where the page has no copy in that language, the source page's address in that language, which
    home.routing serves as the source page with the notice that it is not translated yet (docs/languages.md)."""
    request = context["request"]
    page = context.get("page")
    query = request.META.get("QUERY_STRING", "")
    translations: dict[str, Page] = {}
    rest = ""
    if isinstance(page, Page):
        # home.routing hands them over from its cache; otherwise one query for what a link needs.
        candidates = getattr(page, "route_translations", None)
        for candidate in candidates if candidates is not None else treecache.translations_of(page):
            translations[candidate.locale.language_code] = candidate
        rest = _sub_route(request, page)
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        url = target.get_url(request) if target is not None else None
        if url:
            url += _translated_tail(page, target, rest, query)
        else:
            source = translations.get(settings.LANGUAGE_CODE)
            source_url = source.get_url(request) if source is not None else None
            if source_url:
                url = translate_url(source_url + _translated_tail(page, source, rest, query), code)
            else:
                url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def _translated_tail(page: Page, target: Page, rest: str, query: str) -> str:
    """Sub-route and query string for the target copy: a page type whose sub-routes or filters name rows that each
    copy has its own of (the versions of the rules) maps them with `sub_route_in(target, rest, query)`."""
    mapper = getattr(page, "sub_route_in", None)
    if (rest or query) and target.pk != page.pk and mapper is not None:
        rest, query = mapper(target, rest, query)
    return rest + (f"?{query}" if query else "")


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

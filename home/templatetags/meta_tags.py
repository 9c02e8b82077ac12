"""The head's description and share metadata (includes/head_meta.html)."""

from django import template
from django.templatetags.static import static
from wagtail.models import Page

from home.descriptions import describe_text, mask_personal_data
from home.descriptions import page_description as describe_page
from portal.public_url import public_url

register = template.Library()

# WeChat and most chat apps ignore SVG in a link card: the share image is a PNG (300 px and more, square).
SHARE_IMAGE = "img/share.png"


@register.simple_tag(takes_context=True)
def page_description(context) -> str:
    """A view's own `meta_description`, else the page's (home.descriptions), else nothing."""
    own = context.get("meta_description")
    if own:
        return describe_text(str(own))
    page = context.get("page")
    return describe_page(page) if isinstance(page, Page) else ""


@register.simple_tag(takes_context=True)
def share_card(context) -> dict[str, str]:
    """What a link card shows (Open Graph for most apps, itemprop for WeChat's own crawler): computed once here.

    Absolute addresses from PORTAL_BASE_URL, because a card is read by a crawler outside the portal. The address
    is the one visited (a notice archive page is shared as itself, not as its index); the query is left out so a
    shared search or a page number with a phone number in it is never repeated to another app.
    """
    request = context.get("request")
    page = context.get("page")
    title = ""
    if isinstance(page, Page):
        title = page.seo_title or page.title
    title = mask_personal_data(str(context.get("meta_title") or title or context.get("site_name") or ""))
    return {
        "title": title,
        "url": public_url(request.path) if request is not None else "",
        "image": public_url(static(SHARE_IMAGE)),
        "type": "article" if getattr(page, "date", None) else "website",
    }

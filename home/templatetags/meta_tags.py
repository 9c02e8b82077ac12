"""The head's description and share metadata (includes/head_meta.html)."""

from django import template
from wagtail.models import Page

from home.descriptions import describe_text
from home.descriptions import page_description as describe_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_description(context) -> str:
    """A view's own `meta_description`, else the page's (home.descriptions), else nothing."""
    own = context.get("meta_description")
    if own:
        return describe_text(str(own))
    page = context.get("page")
    return describe_page(page) if isinstance(page, Page) else ""

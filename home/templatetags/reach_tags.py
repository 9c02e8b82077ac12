"""The page's short link and, for what is posted on the noticeboard, its print view (home.shortlinks)."""

from django import template
from django.urls import reverse

from home import printing, shortlinks

register = template.Library()


@register.inclusion_tag("home/includes/reach_links.html", takes_context=True)
def reach_links(context) -> dict[str, str]:
    """For `short_target` (a view's record, e.g. a meeting), else the page; nothing for a view without either."""
    obj = context.get("short_target") or context.get("page")
    code = shortlinks.code_for(obj) if obj is not None else None
    if not code:
        return {"short_url": ""}
    printable = printing.printable_for(getattr(obj, "specific", obj)) if obj is not None else None
    return {
        "short_url": shortlinks.short_url(obj),
        "print_url": reverse("print_sheet", args=[code]) if printable else "",
    }

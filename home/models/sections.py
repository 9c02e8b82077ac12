"""What a village page shows from its sections: the base lists the section pages, each feature app fills its own
panel (home.registry.register_village_panel from its AppConfig.ready)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from .. import registry
from .visibility import without_restricted

# What a link to a page needs ({% pageurl %}: the URL path, the tree position and the locale for the language
# prefix), and what includes/page_listing.html shows beside it.
LINK_FIELDS = ("title", "url_path", "path", "depth", "locale_id")
LISTING_FIELDS = (*LINK_FIELDS, "date", "summary")


def village_sections(village_page: Page, request: Any = None) -> dict[str, Any]:
    """The section pages under a village and each registered panel's entries, in a fixed number of queries."""
    # Tiles need only title and URL, so the sections stay generic pages: no query per page type, and only the
    # columns a link needs (a page row has some thirty).
    children = list(without_restricted(village_page.get_children().live()).only(*LINK_FIELDS, "content_type_id"))
    by_type = {child.content_type_id: child for child in children}

    def section_of(model: type[Page]) -> Page | None:
        return by_type.get(ContentType.objects.get_for_model(model).pk)

    panels = registry.village_panels()
    context: dict[str, Any] = {"sections": children, "contacts": list(village_page.contacts.all())}
    for panel in panels:
        context.update(panel.context(village_page, section_of, request))
    context["village_panels"] = [panel.template for panel in panels if panel.template]
    return context

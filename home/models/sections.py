"""What a village page shows from its sections; each later feature fills its own part."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from .visibility import without_restricted

# What a link to a page needs ({% pageurl %}: the URL path, the tree position and the locale for the language
# prefix), and what includes/page_listing.html shows beside it.
LINK_FIELDS = ("title", "url_path", "path", "depth", "locale_id")
LISTING_FIELDS = (*LINK_FIELDS, "date", "summary")


def village_sections(village_page: Page) -> dict[str, Any]:
    """The section pages under a village and the latest items of each, in a fixed number of queries."""
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from council.models import CouncilPage
    from grid.services import public_grid_workers
    from legal_aid.services import legal_services_for
    from notices.models import NoticeIndexPage, NoticePage
    from village_rules.models import VillageRulesPage

    # Tiles need only title and URL, so the sections stay generic pages: no query per page type, and only the
    # columns a link needs (a page row has some thirty).
    children = list(without_restricted(village_page.get_children().live()).only(*LINK_FIELDS, "content_type_id"))
    by_type = {child.content_type_id: child for child in children}

    def section(model: type[Page]) -> Page | None:
        return by_type.get(ContentType.objects.get_for_model(model).pk)

    return {
        "sections": children,
        "contacts": list(village_page.contacts.all()),
        "notice_index": section(NoticeIndexPage),
        "rules_page": section(VillageRulesPage),
        "consultation_index": section(ConsultationIndexPage),
        "council_page": section(CouncilPage),
        "legal_services": legal_services_for(village_page.village),
        "grid_workers": public_grid_workers(village_page.village),
        "latest_notices": without_restricted(NoticePage.objects.descendant_of(village_page).live())
        .order_by("-date", "-pk")
        .only(*LISTING_FIELDS)[:5],
        "open_consultations": without_restricted(ConsultationPage.objects.descendant_of(village_page).live())
        .exclude(results_open__lte=timezone.now())  # open = not yet in the results phase
        .order_by("-date", "-pk")
        .only(*LISTING_FIELDS)[:5],
    }

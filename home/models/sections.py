"""What a village page shows from its sections; each later feature fills its own part."""

from typing import Any

from wagtail.models import Page


def village_sections(village_page: Page) -> dict[str, Any]:
    """The section pages under a village and the latest items of each, in a fixed number of queries."""
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from council.models import CouncilPage
    from notices.models import NoticeIndexPage, NoticePage
    from village_rules.models import VillageRulesPage

    children = list(village_page.get_children().live().public().specific())
    sections = {type(page): page for page in children}
    return {
        "sections": children,
        "contacts": list(village_page.contacts.all()),
        "notice_index": sections.get(NoticeIndexPage),
        "rules_page": sections.get(VillageRulesPage),
        "consultation_index": sections.get(ConsultationIndexPage),
        "council_page": sections.get(CouncilPage),
        "latest_notices": NoticePage.objects.descendant_of(village_page).live().public().order_by("-date", "-pk")[:5],
        "open_consultations": (
            ConsultationPage.objects.descendant_of(village_page).live().public().order_by("-date", "-pk")[:5]
        ),
    }

"""The village page's consultations panel: the consultations still open."""

from typing import Any

from django.utils import timezone
from wagtail.models import Page

from home.models.sections import LISTING_FIELDS
from home.models.visibility import without_restricted
from home.registry import SectionOf

from .models import ConsultationIndexPage, ConsultationPage


def village_consultations(village_page: Page, section_of: SectionOf, request: Any) -> dict[str, Any]:
    return {
        "consultation_index": section_of(ConsultationIndexPage),
        "open_consultations": without_restricted(ConsultationPage.objects.descendant_of(village_page).live())
        .exclude(results_open__lte=timezone.now())  # open = not yet in the results phase
        .order_by("-date", "-pk")
        .only(*LISTING_FIELDS)[:5],
    }

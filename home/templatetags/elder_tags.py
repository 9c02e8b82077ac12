"""Elder mode's simplified navigation: the five things a villager does most, as big buttons, and a sixth, the
village's disclosure calendar and complaints, where the supervision app registers it.

Only rendered in elder mode (DOMAIN.md §6), so the few queries it costs are never paid in normal mode.
The village is the one the page belongs to, else the signed-in resident's own; without either, the
village links lead to the portal home, where the resident picks their village.
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home import registry

register = template.Library()


def _village_page(context: template.Context) -> Page | None:
    from home.models import VillagePage

    page = context.get("page")
    village_pages = VillagePage.objects.live().select_related("village")
    if isinstance(page, VillagePage):
        return page
    if isinstance(page, Page) and page.depth > 3:
        # The village page is the ancestor at depth 3 (root, portal home, village): its tree path is a prefix.
        found = village_pages.filter(path=page.path[: VillagePage.steplen * 3]).first()
        if found is not None:
            return found
    user = getattr(context.get("request"), "user", None)
    resident = getattr(user, "resident", None) if user is not None and user.is_authenticated else None
    if resident is not None:
        return village_pages.filter(village_id=resident.village_id, locale=Locale.get_active()).first()
    return None


@register.inclusion_tag("includes/elder_shortcuts.html", takes_context=True)
def elder_shortcuts(context: template.Context) -> dict:
    """Five links (six with supervision), always the same in the same order, so a resident learns where they are."""
    request = context["request"]
    language = context.get("LANGUAGE_CODE") or Locale.get_active().language_code
    home = f"/{language}/"
    village_page = _village_page(context)
    notices = consultations = home
    report = supervision = home
    notice_index, consultation_index = registry.page_type("notices"), registry.page_type("consultations")
    if village_page is not None:
        wanted = [model for model in (notice_index, consultation_index) if model is not None]
        for section in village_page.get_children().live().type(*wanted).specific() if wanted else []:
            if notice_index is not None and isinstance(section, notice_index):
                notices = section.get_url(request)
            else:
                consultations = section.get_url(request)
        report = registry.village_action_url("report", village_page.village) or home
        supervision = registry.village_action_url("supervision", village_page.village) or home
    directory_type = registry.page_type("legal_directory")
    directory = (
        directory_type.objects.live().filter(locale=Locale.get_active()).first() if directory_type is not None else None
    )
    user = request.user
    account = (
        (reverse("residents:profile"), _("My account"))
        if user.is_authenticated
        else (reverse("account_login"), _("Sign in"))
    )
    shortcuts = [
        (notices, _("Village notices")),
        (consultations, _("Have your say")),
        (report, _("Report a problem")),
        (directory.get_url(request) if directory else home, _("Legal help")),
        account,
    ]
    if registry.has_village_action("supervision"):
        # Last, so the five a resident already knows keep their places: the village's disclosure calendar, where
        # late or missing notices link to the complaint form (VCOL arts. 30–31).
        shortcuts.append((supervision, _("Check the village's accounts")))
    return {"shortcuts": shortcuts}

"""Admin: the village register as a snippet. Only county staff (model permissions) may edit it."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Village


class VillageViewSet(SnippetViewSet):
    model = Village
    icon = "home"
    menu_label = _("Villages")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "township", "code", "adult_villagers", "households", "representatives"]
    list_filter = ["township"]
    search_fields = ["name", "township", "code"]


register_snippet(VillageViewSet)

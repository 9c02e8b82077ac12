"""Admin: legal-aid contacts and legal-education series, edited by county staff (model permissions)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import LegalAidContact, LegalEducationSeries


class LegalAidContactViewSet(SnippetViewSet):
    model = LegalAidContact
    icon = "user"
    menu_label = _("Legal aid contacts")
    list_display = ["name", "kind", "phone", "reception_hours"]
    list_filter = ["kind", "villages"]
    search_fields = ["name", "address"]


class LegalEducationSeriesViewSet(SnippetViewSet):
    model = LegalEducationSeries
    icon = "folder-open-inverse"
    menu_label = _("Legal education series")
    list_display = ["name", "slug"]


class LegalServicesGroup(SnippetViewSetGroup):
    items = (LegalAidContactViewSet, LegalEducationSeriesViewSet)
    menu_icon = "help"
    menu_label = _("Legal services")
    menu_order = 210


register_snippet(LegalServicesGroup)

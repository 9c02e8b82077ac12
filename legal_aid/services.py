"""What the legal-services part of the portal reads for other pages: a village's adviser and the hotline."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from home.models import Village

from .models import LegalAidContact, LegalAidKind

NATIONAL_HOTLINE = "12348"


@dataclass(frozen=True)
class Hotline:
    name: str
    phone: str
    tel: str
    reception_hours: str = ""


def legal_services_for(village: Village) -> dict:
    """The village's legal advisers and the 12348 hotline, in one query.

    The hotline is the national public legal service number (DOMAIN.md §7): shown even when no contact is on file.
    One query, whatever the number of contacts: the village page has a query budget shared by every section."""
    contacts = list(
        LegalAidContact.objects.filter(
            Q(kind=LegalAidKind.VILLAGE_ADVISER, villages=village) | Q(kind=LegalAidKind.HOTLINE)
        )
        .distinct()
        .order_by("name", "pk")
    )
    advisers = [c for c in contacts if c.kind == LegalAidKind.VILLAGE_ADVISER]
    hotline = next((c for c in contacts if c.kind == LegalAidKind.HOTLINE), None) or Hotline(
        name=_("12348 public legal service hotline"), phone=NATIONAL_HOTLINE, tel=NATIONAL_HOTLINE
    )
    return {"advisers": advisers, "hotline": hotline}

"""The resident's own requests in their profile, in their data export, and what account deletion does to them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from residents.privacy import PrivacySection, register


def _requests(user):
    from .models import ResidentRequest

    return (
        ResidentRequest.objects.filter(resident__user=user)
        .select_related("category", "village")
        .order_by("-received_at", "-pk")
    )


def contributions(user) -> list[dict]:
    return [
        {
            "title": f"#{r.pk} {r.category.name} · {r.get_status_display()}",
            "url": reverse("grid:mine", kwargs={"pk": r.pk}),
        }
        for r in _requests(user)
    ]


def export(user) -> list[dict]:
    rows = []
    for r in _requests(user).prefetch_related("events"):
        rows.append(
            {
                "number": r.pk,
                "village": r.village.name,
                "category": r.category.name,
                "description": r.description,
                "place": r.place,
                "address": r.address,
                "show_publicly": r.show_publicly,
                "status": r.status,
                "rating": r.rating,
                "received_at": r.received_at.isoformat(),
                "timeline": [{"action": e.action, "at": e.at.isoformat(), "note": e.note} for e in r.events.all()],
            }
        )
    return rows


def anonymise(user) -> None:
    """Requests stay (they count in the assessment); what points to the person goes."""
    from .models import ResidentRequest

    ResidentRequest.objects.filter(resident__user=user).update(
        resident=None, contact_name="", contact_phone="", address="", show_publicly=False
    )
    ResidentRequest.objects.filter(filed_by=user).update(filed_by=None)


def register_section() -> None:
    register(
        PrivacySection(
            key="grid_requests",
            title=_("My requests to the village"),
            contributions=contributions,
            export=export,
            anonymise=anonymise,
            order=60,
        )
    )

"""The resident's proposals to the council in their profile and data export (PIPL arts. 44–47).

Nothing to anonymise: proposals point at the Resident, which survives account deletion with every
personal field blanked, so the council's record stays complete (VCOL art. 34).
"""

from django.utils.translation import gettext_lazy as _

from residents.privacy import PrivacySection, register


def _proposals(user):
    from .models import CouncilProposal

    resident = getattr(user, "resident", None)
    if resident is None:
        return CouncilProposal.objects.none()
    return CouncilProposal.objects.filter(submitted_by=resident)


def contributions(user) -> list[dict]:
    from .services import council_page_of

    proposals = list(_proposals(user))
    page = council_page_of(proposals[0].village) if proposals else None
    url = page.url if page else ""
    return [{"title": p.title, "url": url, "meta": p.get_status_display()} for p in proposals]


def export(user) -> list[dict]:
    return [
        {
            "title": proposal.title,
            "text": proposal.text,
            "status": proposal.status,
            "decline_reason": proposal.decline_reason,
            "submitted_at": proposal.submitted_at.isoformat(),
        }
        for proposal in _proposals(user)
    ]


def _signatures(user):
    from .models import DemandSignature

    resident = getattr(user, "resident", None)
    if resident is None:
        return DemandSignature.objects.none()
    return DemandSignature.objects.filter(resident=resident).select_related("demand")


def demand_contributions(user) -> list[dict]:
    from .demand_views import demand_url

    return [
        {"title": s.demand.title, "url": demand_url(s.demand), "meta": s.get_channel_display()}
        for s in _signatures(user).filter(withdrawn_at__isnull=True)
    ]


def demand_export(user) -> list[dict]:
    return [
        {
            "demand": s.demand.title,
            "kind": s.demand.kind,
            "channel": s.channel,
            "signed_at": s.signed_at.isoformat(),
            "withdrawn_at": s.withdrawn_at.isoformat() if s.withdrawn_at else None,
        }
        for s in _signatures(user)
    ]


def register_section() -> None:
    register(
        PrivacySection(
            key="council_proposals", title=_("My proposals to the council"), contributions=contributions, export=export
        )
    )
    # Signatures point at the Resident, which survives account deletion blanked: the count stays true.
    register(
        PrivacySection(
            key="council_demand_signatures",
            title=_("My signatures on demands for a meeting"),
            contributions=demand_contributions,
            export=demand_export,
        )
    )

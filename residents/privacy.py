"""Personal data: export everything the portal stores about a user, and delete the account.

Extension point for later apps (proposals, comments, ballots …): in their AppConfig.ready(), call

    from residents.privacy import register
    register(PrivacySection(
        key="proposals", title=_("My proposals"),
        contributions=lambda user: [{"title": p.title, "url": p.url} for p in ...],  # profile page
        export=lambda user: [...],                                                  # JSON export
        anonymise=lambda user: Proposal.objects.filter(author=user).update(author=None),
    ))

``anonymise`` runs inside the deletion's transaction, before the user row is deleted: keep the
contribution, drop what points to the person. Counted ballots stay counted (point them at the Resident,
which survives as "已注销用户" with every personal field blanked).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from .models import Resident, RollImport, VerificationEvent


@dataclass
class PrivacySection:
    key: str
    title: str
    export: Callable[[object], object] | None = None
    anonymise: Callable[[object], None] | None = None
    contributions: Callable[[object], list[dict]] | None = None
    order: int = 100
    extra: dict = field(default_factory=dict)


_sections: dict[str, PrivacySection] = {}


def register(section: PrivacySection) -> None:
    _sections[section.key] = section


def sections() -> list[PrivacySection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def _dt(value):
    return value.isoformat() if value else None


def user_sessions(user) -> list[Session]:
    """Database sessions that belong to this user (sessions live in the database, or are written through)."""
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        try:
            data = session.get_decoded()
        except Exception:  # noqa: S112  (a corrupt session belongs to nobody)
            continue
        if str(data.get("_auth_user_id")) == str(user.pk):
            found.append(session)
    return found


def export_user_data(user) -> dict:
    """Everything the portal stores about the user, as JSON-ready data."""
    data: dict = {
        "exported_at": _dt(timezone.now()),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _dt(user.date_joined),
            "last_login": _dt(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "has_password": user.has_usable_password(),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "sessions": [{"expires": _dt(s.expire_date)} for s in user_sessions(user)],
        "resident": None,
        "roll_imports_uploaded": [
            {"village": r.village.name, "at": _dt(r.created_at), "file": r.file_name}
            for r in RollImport.objects.filter(uploaded_by=user).select_related("village")
        ],
    }
    resident = Resident.objects.filter(user=user).select_related("village", "verified_by").first()
    if resident is not None:
        data["resident"] = {
            "village": resident.village.name,
            "township": resident.village.township,
            "household_number": resident.household_number,
            "real_name": resident.real_name,
            "display_name": resident.display_name,
            "phone": resident.phone,
            "phone_verified": resident.phone_verified,
            "is_representative": resident.is_representative,
            "is_council_member": resident.is_council_member,
            "verification": resident.verification,
            "verified_by": resident.verified_by.get_username() if resident.verified_by else None,
            "verified_at": _dt(resident.verified_at),
            "rejection_reason": resident.rejection_reason,
            "registered_through": resident.source,
            "registered_at": _dt(resident.created_at),
            "notify_by_email": resident.notify_by_email,
            "notify_by_sms": resident.notify_by_sms,
            "notify_in_inbox": resident.notify_in_inbox,
            "quiet_from": resident.quiet_from.isoformat() if resident.quiet_from else None,
            "quiet_until": resident.quiet_until.isoformat() if resident.quiet_until else None,
            "verification_history": [
                {
                    "action": e.action,
                    "by": e.by.get_username() if e.by else None,
                    "at": _dt(e.at),
                    "reason": e.reason,
                }
                for e in VerificationEvent.objects.filter(resident=resident).select_related("by")
            ],
        }
    for section in sections():
        if section.export is not None:
            data[section.key] = section.export(user)
    return data


@transaction.atomic
def delete_account(user) -> None:
    """Delete the account. Contributions stay, anonymised; the Resident row stays with no personal field so
    that counted ballots stay counted; everything else about the person goes."""
    for section in sections():
        if section.anonymise is not None:
            section.anonymise(user)
    resident = Resident.objects.filter(user=user).first()
    if resident is not None:
        VerificationEvent.objects.filter(resident=resident).delete()
        resident.user = None
        resident.real_name = ""
        resident.display_name = ""
        resident.household_number = ""
        resident.phone = ""
        resident.phone_verified = False
        resident.rejection_reason = ""
        resident.is_representative = False
        resident.is_council_member = False
        resident.notify_by_email = False
        resident.notify_by_sms = False
        resident.notify_in_inbox = False
        resident.quiet_from = resident.quiet_until = None
        resident.deleted_at = timezone.now()
        resident.save()
    for session in user_sessions(user):
        session.delete()
    # Cascades to e-mail addresses, allauth's codes and confirmations, group links and Wagtail's profile.
    user.delete()

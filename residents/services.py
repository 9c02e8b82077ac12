"""Actions that change a resident's standing. Each checks the permission it needs: a view cannot forget to."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import Village

from . import tasks
from .models import Resident, VerificationEvent
from .roles import sync_resident_groups


def _require(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this for a resident of another village."))


@transaction.atomic
def verify_resident(resident: Resident, by) -> Resident:
    _require(by, "residents.verify_resident", resident)
    if resident.claims_made.filter(status="pending").exists():
        # Verifying would make a second verified person of someone already on file (two ballots): decide the claim.
        raise ValidationError(_("This sign-up claims to be a resident already on file: confirm or reject the claim."))
    resident.verification = Resident.Verification.VERIFIED
    resident.verified_by = by
    resident.verified_at = timezone.now()
    resident.rejection_reason = ""
    resident.save(update_fields=["verification", "verified_by", "verified_at", "rejection_reason"])
    VerificationEvent.objects.create(resident=resident, action=VerificationEvent.Action.VERIFIED, by=by)
    sync_resident_groups(resident)
    tasks.tell_verification.enqueue(resident.pk)
    return resident


@transaction.atomic
def reject_resident(resident: Resident, by, reason: str) -> Resident:
    _require(by, "residents.verify_resident", resident)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason: the resident sees it and can put things right."))
    resident.verification = Resident.Verification.REJECTED
    resident.verified_by = by
    resident.verified_at = timezone.now()
    resident.rejection_reason = reason
    resident.save(update_fields=["verification", "verified_by", "verified_at", "rejection_reason"])
    VerificationEvent.objects.create(resident=resident, action=VerificationEvent.Action.REJECTED, by=by, reason=reason)
    sync_resident_groups(resident)
    tasks.tell_verification.enqueue(resident.pk)
    return resident


@transaction.atomic
def bulk_verify(residents, by) -> int:
    """Verify several residents at once; refuses the whole batch if any is outside the user's villages."""
    residents = list(residents)
    for resident in residents:
        _require(by, "residents.verify_resident", resident)
    for resident in residents:
        verify_resident(resident, by)
    return len(residents)


@transaction.atomic
def register_offline(
    *,
    village: Village,
    by,
    real_name: str,
    household_number: str,
    display_name: str = "",
    phone: str = "",
    is_representative: bool = False,
) -> Resident:
    """A resident with no login, registered at the village office (for paper ballots and walk-in requests)."""
    _require(by, "residents.register_offline", village)
    from .models import mask_name

    resident = Resident.objects.create(
        village=village,
        real_name=real_name.strip(),
        household_number=household_number.strip(),
        display_name=display_name.strip() or mask_name(real_name),
        phone=phone,
        is_representative=is_representative,
        source=Resident.Source.COUNTER,
        registered_by=by,
        verification=Resident.Verification.VERIFIED,
        verified_by=by,
        verified_at=timezone.now(),
    )
    VerificationEvent.objects.create(resident=resident, action=VerificationEvent.Action.REGISTERED, by=by)
    return resident


@transaction.atomic
def create_resident_for_signup(user, *, village, household_number, real_name, display_name, phone="") -> Resident:
    """Called by the sign-up form. Always a new, unverified record of the account's own.

    A sign-up that matches a record on file (office or roll, no login) is never linked to it: it only opens a
    claim (residents.claims) that the committee confirms, or that a code to the phone on file proves. The number
    typed stays on the new record unless another resident holds it (the claimed one: the claim keeps it).
    """
    from .claims import open_claim, record_claimed_by
    from .models import mask_name

    holder = Resident.objects.filter(phone=phone).first() if phone else None
    resident = Resident.objects.create(
        user=user,
        village=village,
        household_number=household_number,
        real_name=real_name,
        display_name=display_name or mask_name(real_name),
        phone="" if holder else phone,
        source=Resident.Source.SIGNUP,
        verification=Resident.Verification.UNVERIFIED,
    )
    claimed = record_claimed_by(village, household_number, real_name)
    if claimed is not None:
        open_claim(resident, claimed, phone)
    sync_resident_groups(resident)
    return resident


@transaction.atomic
def set_resident_roles(resident: Resident, by, *, is_representative: bool, is_council_member: bool) -> Resident:
    """Mark a resident as villager representative and/or council member (their village committee only)."""
    _require(by, "residents.set_resident_roles", resident)
    resident.is_representative = is_representative
    resident.is_council_member = is_council_member
    resident.save(update_fields=["is_representative", "is_council_member"])
    sync_resident_groups(resident)
    return resident

"""Sign-ups that match a resident already on record: a claim, never a takeover.

Neighbours know a villager's village, household number and name, so those three prove nothing. A sign-up that
matches a record registered at the office or imported from the roll (one with no login) gets its own unverified
record and a claim on the existing one; it sees nothing of that record (requests, address, participation) and the
record is never downgraded. The claim is confirmed by the village committee in its queue, or proved by the code
allauth texts to the number at sign-up when that number is the one already on file. Confirming moves the account
onto the record, which stays verified; rejecting leaves the sign-up a separate, unverified resident.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Resident, ResidentClaim, VerificationEvent
from .roles import sync_resident_groups


def record_claimed_by(village, household_number: str, real_name: str) -> Resident | None:
    """The offline record (no login, not deleted) a sign-up with these details would be claiming."""
    return (
        Resident.objects.filter(
            village=village,
            household_number=household_number,
            real_name=real_name,
            user__isnull=True,
            deleted_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def open_claim(claimant: Resident, record: Resident, phone: str = "") -> ResidentClaim:
    return ResidentClaim.objects.create(
        claimant=claimant, record=record, phone=phone if phone and phone == record.phone else ""
    )


def pending_claim(resident: Resident | None) -> ResidentClaim | None:
    if resident is None:
        return None
    return resident.claims_made.filter(status=ResidentClaim.Status.PENDING).select_related("record").first()


@transaction.atomic
def confirm_claim(claim: ResidentClaim, by=None, *, method: str = ResidentClaim.Method.COMMITTEE) -> Resident:
    """Move the claimant's account onto the claimed record. ``by`` is the committee member (None: a phone code)."""
    claim = ResidentClaim.objects.select_for_update().select_related("claimant", "record").get(pk=claim.pk)
    record, claimant = claim.record, claim.claimant
    if by is not None and not by.has_perm("residents.verify_resident", record):
        raise PermissionDenied(_("You may not do this for a resident of another village."))
    if claim.status != ResidentClaim.Status.PENDING:
        raise ValidationError(_("This claim has already been decided."))
    if record.user_id is not None or record.is_deleted:
        raise ValidationError(_("This record already has an account; the claim cannot be confirmed."))
    user = claimant.user
    # The account leaves its sign-up record first (one record per account), then joins the one on file.
    claimant.user = None
    claimant.save(update_fields=["user"])
    record.user = user
    if claimant.display_name:
        record.display_name = claimant.display_name
    record.save(update_fields=["user", "display_name"])
    claim.status, claim.method, claim.decided_by, claim.decided_at = (
        ResidentClaim.Status.CONFIRMED,
        method,
        by,
        (timezone.now()),
    )
    claim.save(update_fields=["status", "method", "decided_by", "decided_at"])
    VerificationEvent.objects.create(resident=record, action=VerificationEvent.Action.CLAIMED, by=by)
    # Other sign-ups claiming the same record are not that person.
    ResidentClaim.objects.filter(record=record, status=ResidentClaim.Status.PENDING).update(
        status=ResidentClaim.Status.REJECTED, decided_at=timezone.now(), reason=_("Another account was confirmed.")
    )
    # The empty sign-up record is kept, closed, as the trace of the claim (unverified, it took part in nothing).
    claimant.deleted_at = timezone.now()
    claimant.save(update_fields=["deleted_at"])
    sync_resident_groups(record)
    return record


@transaction.atomic
def reject_claim(claim: ResidentClaim, by, reason: str) -> ResidentClaim:
    if not by.has_perm("residents.verify_resident", claim.record):
        raise PermissionDenied(_("You may not do this for a resident of another village."))
    if claim.status != ResidentClaim.Status.PENDING:
        raise ValidationError(_("This claim has already been decided."))
    claim.status, claim.decided_by, claim.decided_at, claim.reason = (
        ResidentClaim.Status.REJECTED,
        by,
        timezone.now(),
        (reason or "").strip(),
    )
    claim.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return claim


def confirm_by_phone_code(user, phone: str) -> Resident | None:
    """allauth verified ``phone`` for ``user`` by a texted code: if that is the number on the claimed record, the
    person holding the phone on file has proved the claim."""
    resident = getattr(user, "resident", None)
    claim = pending_claim(resident)
    if claim is None or not claim.phone or claim.phone != phone or claim.record.phone != phone:
        return None
    return confirm_claim(claim, method=ResidentClaim.Method.PHONE_CODE)

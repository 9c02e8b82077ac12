"""Every change to a demand for a meeting: start, sign (online or on paper), withdraw, link the meeting called.

Signing and withdrawing lock the demand row (SELECT … FOR UPDATE on PostgreSQL), so the count, the threshold
check and "met" are decided one signature at a time and the committee is told exactly once. The unique
constraint on (demand, resident) is what keeps one signature per resident, whichever request gets there first.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import log_village_action
from home.models import Village
from residents.models import Resident

from . import demand_rules
from .models import DemandSignature, Meeting, MeetingDemand, VillageRegisterRecord
from .rules import can_demand_as_representative, can_demand_as_villager, can_enter_paper_signatures


class DemandError(ValidationError):
    """A request that cannot be done (already signed, already met …), with a message for the resident."""


def may_sign(user, village: Village, kind: str) -> bool:
    if demand_rules.by_representatives(kind):
        return can_demand_as_representative(user, village)
    return can_demand_as_villager(user, village)


def refusal(kind: str) -> str:
    if demand_rules.by_representatives(kind):
        return _("Only the villager representatives of this village can sign this demand.")
    return _("Only residents of this village verified by the village committee can sign this demand.")


def _resident_may_sign(resident: Resident, village: Village, kind: str) -> bool:
    """The same test for a resident who signs on paper (who may have no login)."""
    if resident.village_id != village.pk or not resident.is_verified or resident.is_deleted:
        return False
    return resident.is_representative or not demand_rules.by_representatives(kind)


def _base(village: Village, kind: str) -> tuple[int, object]:
    record = VillageRegisterRecord.as_of(village, timezone.localdate())
    if record is None:  # no history yet: the village's own figures
        return demand_rules.base_of(kind, village.adult_villagers, village.representatives), None
    return demand_rules.base_of(kind, record.adult_villagers, record.representatives), record.effective_on


def start_demand(user, village: Village, kind: str, title: str, reason: str = "") -> MeetingDemand:
    """A resident (or representative) starts a demand and is its first signatory."""
    if kind not in demand_rules.KINDS:
        raise DemandError(_("Choose which meeting to demand."))
    if not may_sign(user, village, kind):
        raise PermissionDenied(refusal(kind))
    base, as_of = _base(village, kind)
    if demand_rules.threshold(kind, base) is None:
        raise DemandError(demand_rules.threshold_text(kind, base))
    demand = MeetingDemand(
        village=village,
        kind=kind,
        title=title,
        reason=reason,
        started_by=user.resident,
        base=base,
        register_as_of=as_of,
    )
    demand.full_clean(exclude=["village", "started_by", "meeting"])
    with transaction.atomic():
        demand.save()
        _sign(demand, user.resident)
    return demand


def _locked(demand: MeetingDemand) -> MeetingDemand:
    return MeetingDemand.objects.select_for_update().get(pk=demand.pk)


def _sign(demand: MeetingDemand, resident: Resident, entered_by=None) -> DemandSignature:
    """Inside a transaction, with the demand locked or new."""
    channel = DemandSignature.Channel.PAPER if entered_by is not None else DemandSignature.Channel.ONLINE
    existing = DemandSignature.objects.filter(demand=demand, resident=resident).first()
    if existing is not None and existing.withdrawn_at is None:
        raise DemandError(_("This resident has already signed this demand; a signature counts once."))
    if existing is not None:
        existing.withdrawn_at = None
        existing.channel, existing.entered_by = channel, entered_by
        existing.save(update_fields=["withdrawn_at", "channel", "entered_by"])
        signature = existing
    else:
        try:
            with transaction.atomic():
                signature = DemandSignature.objects.create(
                    demand=demand, resident=resident, channel=channel, entered_by=entered_by
                )
        except IntegrityError as error:  # another request for the same resident won the race
            raise DemandError(_("This resident has already signed this demand; a signature counts once.")) from error
    if demand.met_at is None and demand_rules.is_met(demand.kind, demand.count(), demand.base):
        demand.met_at = timezone.now()
        demand.save(update_fields=["met_at"])
        transaction.on_commit(lambda: _tell_committee(demand.pk, demand.kind))
    return signature


def _tell_committee(demand_pk: int, kind: str = "") -> None:
    from .tasks import tell_committee_demand_met, tell_township_audit_demand_met

    # An audit is organised by the township or the county, not by the committee it may concern (VCOL art. 35).
    task = tell_township_audit_demand_met if demand_rules.is_audit(kind) else tell_committee_demand_met
    task.enqueue(demand_pk)


def sign(user, demand: MeetingDemand) -> DemandSignature:
    if not may_sign(user, demand.village, demand.kind):
        raise PermissionDenied(refusal(demand.kind))
    with transaction.atomic():
        demand = _locked(demand)
        if demand.met_at is not None:
            raise DemandError(_("This demand has already reached its threshold; no more signatures are needed."))
        return _sign(demand, user.resident)


def enter_paper_signature(staff, demand: MeetingDemand, resident: Resident) -> DemandSignature:
    """A signature on the paper sheet at the village office, typed in by staff (who is recorded)."""
    if not can_enter_paper_signatures(staff, demand.village):
        raise PermissionDenied(_("Only the committee of this village can enter paper signatures."))
    if not _resident_may_sign(resident, demand.village, demand.kind):
        raise DemandError(refusal(demand.kind))
    with transaction.atomic():
        demand = _locked(demand)
        if demand.met_at is not None:
            raise DemandError(_("This demand has already reached its threshold; no more signatures are needed."))
        signature = _sign(demand, resident, entered_by=staff)
        # Who typed it in and when, in the village's audit log (the resident's number, never their name).
        log_village_action(
            signature,
            "council.demand.paper_signature",
            demand.village,
            user=staff,
            title=f"#{signature.pk}",
            data={"note": demand.title, "resident": resident.pk},
        )
        return signature


def withdraw(user, demand: MeetingDemand) -> DemandSignature:
    """A resident takes back their signature, which is possible only until the threshold is met."""
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    with transaction.atomic():
        demand = _locked(demand)
        if demand.met_at is not None:
            raise DemandError(_("The threshold has been met; signatures can no longer be withdrawn."))
        signature = DemandSignature.objects.filter(demand=demand, resident=resident, withdrawn_at__isnull=True).first()
        if signature is None:
            raise DemandError(_("You have not signed this demand."))
        signature.withdrawn_at = timezone.now()
        signature.save(update_fields=["withdrawn_at"])
        return signature


def link_meeting(staff, demand: MeetingDemand, meeting: Meeting) -> MeetingDemand:
    """The committee records the meeting it called; the meeting notes that it was demanded."""
    if not can_enter_paper_signatures(staff, demand.village):
        raise PermissionDenied(_("Only the committee of this village can record its meetings."))
    if demand.is_audit:
        raise DemandError(_("A demand for an audit calls no meeting; the township or county organises the audit."))
    if demand.met_at is None:
        raise DemandError(_("Only a demand that reached its threshold is linked to a meeting."))
    if meeting.village_id != demand.village_id or meeting.kind != demand.meeting_kind:
        raise DemandError(_("Choose a meeting of this village of the kind that was demanded."))
    called_by = {
        demand_rules.ASSEMBLY_BY_VILLAGERS: Meeting.CalledBy.VILLAGERS_TENTH,
        demand_rules.ASSEMBLY_BY_REPRESENTATIVES: Meeting.CalledBy.REPRESENTATIVES_THIRD,
        demand_rules.REPRESENTATIVES_MEETING: Meeting.CalledBy.REPRESENTATIVES_FIFTH,
    }[demand.kind]
    with transaction.atomic():
        demand.meeting = meeting
        demand.save(update_fields=["meeting"])
        meeting.called_by = called_by
        meeting.demanded_by = _("%(count)d signatures: %(title)s") % {"count": demand.count(), "title": demand.title}
        meeting.save(update_fields=["called_by", "demanded_by"])
        log_village_action(demand, "council.demand.meeting", demand.village, user=staff, data={"meeting": str(meeting)})
    return demand

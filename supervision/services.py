"""Every action that changes the supervision committee or a complaint. Permission checks come first, then rules."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grid import deadlines
from grid.rules import supervision_group_name as township_group_name
from home.models import Village
from home.privacy.resident_text import public_text_problem
from notices import disclosure
from residents.models import Resident

from . import roles
from .models import COMPLAINT_MAX_LENGTH, Complaint, SupervisionMember
from .rules import can_answer, can_close, can_file_complaint, can_record_members

DEFAULT_REPLY_WORKING_DAYS = 20  # DOMAIN §4: the government replies to a complaint within 20 days (Zhejiang)
DEFAULT_REMIND_WORKING_DAYS = 3


def reply_working_days() -> int:
    return int(getattr(settings, "SUPERVISION_COMPLAINT_REPLY_WORKING_DAYS", DEFAULT_REPLY_WORKING_DAYS))


def remind_working_days() -> int:
    return int(getattr(settings, "SUPERVISION_COMPLAINT_REMIND_WORKING_DAYS", DEFAULT_REMIND_WORKING_DAYS))


# ---- the supervision committee (VCOL art. 32) ----


def sync_supervision_group(village: Village, day: datetime.date | None = None) -> None:
    """The group holds exactly the users of the members in office: who left loses the admin scope."""
    group = roles.supervision_group(village)
    members = SupervisionMember.objects.in_office(day).filter(village=village, resident__user__isnull=False)
    wanted = set(members.values_list("resident__user", flat=True))
    current = set(group.user_set.values_list("pk", flat=True))
    if current - wanted:
        group.user_set.remove(*(current - wanted))
    if wanted - current:
        group.user_set.add(*(wanted - current))


def add_member(
    user,
    village: Village,
    resident: Resident,
    chosen_by,
    term_starts_on: datetime.date,
    term_ends_on: datetime.date,
    role: str = SupervisionMember.Role.MEMBER,
    accounting_knowledge: bool = False,
) -> SupervisionMember:
    """Record a seat as the meeting chose it; refuses a committee member or a relative on the register."""
    if user is not None and not can_record_members(user, village):
        raise PermissionDenied(_("Only the township or the county records the supervision committee."))
    member = SupervisionMember(
        village=village,
        resident=resident,
        chosen_by=chosen_by,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        role=role,
        accounting_knowledge=accounting_knowledge,
        recorded_by=user,
    )
    member.full_clean()  # SupervisionMember.clean holds the art. 32 conflict rule
    with transaction.atomic():
        member.save()
        sync_supervision_group(village)
    return member


def end_membership(user, member: SupervisionMember, left_on: datetime.date) -> SupervisionMember:
    """A member leaves office early; the seat stays on record (archive, never delete)."""
    if user is not None and not can_record_members(user, member.village):
        raise PermissionDenied(_("Only the township or the county records the supervision committee."))
    if left_on < member.term_starts_on:
        raise ValidationError({"left_on": _("A member cannot leave before the term starts.")})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    sync_supervision_group(member.village)
    return member


# ---- complaints (VCOL art. 31) ----


def _township_user_ids(village: Village) -> set[int]:
    users = get_user_model().objects.filter(groups__name=township_group_name(village.township), is_active=True)
    return set(users.values_list("pk", flat=True))


def _committee_user_ids(village: Village) -> set[int]:
    if village.committee_group_id is None:
        return set()
    return set(village.committee_group.user_set.filter(is_active=True).values_list("pk", flat=True))


def _county_user_ids() -> set[int]:
    return set(get_user_model().objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True))


def _notify(user_ids: set[int], message: str, complaint: Complaint) -> None:
    from notifications.services import notify

    params = {"village": complaint.village.name, "number": complaint.pk, "due": complaint.due_at.date().isoformat()}
    notify(user_ids, message, params, url=f"/admin/supervision/complaints/{complaint.pk}/")


def _checked_text(text: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Please write what is wrong.")})
    # The same checks as all resident text: no full ID, mobile or card number, and a length cap (PIPL art. 6).
    if problem := public_text_problem(text, limit=COMPLAINT_MAX_LENGTH):
        raise ValidationError({field: problem})
    return text


def village_notices(village: Village):
    """The village's live notices in the default language tree, newest first: what an "untrue" complaint names."""
    from wagtail.models import Locale

    from home.models import VillagePage
    from notices.models import NoticePage

    page = VillagePage.objects.filter(village=village, locale=Locale.get_default()).first()
    if page is None:
        return NoticePage.objects.none()
    return NoticePage.objects.live().descendant_of(page).order_by("-date", "-pk")


def _notice_of_village(notice, village: Village) -> bool:
    return village_notices(village).filter(pk=notice.pk).exists()


def file_complaint(
    user, village: Village, kind: str, text: str, period: str = "", notice=None, now: datetime.datetime | None = None
) -> Complaint:
    """A verified resident's complaint (or any signed-in user's where the county allows it); it goes to the
    township with a deadline in working days."""
    if not can_file_complaint(user, village):
        raise PermissionDenied(_("Only a verified resident of this village can file a complaint here."))
    if notice is not None and not _notice_of_village(notice, village):
        raise ValidationError({"notice": _("Choose a notice of this village.")})
    now = now or timezone.now()
    period = (period or "").strip().upper()
    if period:
        try:
            period = disclosure.Period.from_key(period).key()
        except ValueError:
            raise ValidationError(
                {"period": _("Give the period as 2026-02 (a month) or 2026-Q1 (a quarter).")}
            ) from None
    complaint = Complaint(
        village=village,
        resident=getattr(user, "resident", None),
        filed_by=user,
        kind=kind,
        period=period,
        notice=notice,
        text=_checked_text(text, "text"),
        filed_at=now,
        # Working days on the official calendar with its 调休 make-up days (grid.deadlines, DOMAIN §4).
        due_at=deadlines.due(now, reply_working_days()),
    )
    complaint.full_clean()
    complaint.save()
    _notify(
        _township_user_ids(village) | _committee_user_ids(village),
        gettext_noop("New complaint no. %(number)s about the notices of %(village)s: reply due by %(due)s."),
        complaint,
    )
    return complaint


def answer_complaint(user, complaint: Complaint, text: str, now: datetime.datetime | None = None) -> Complaint:
    """The village committee (or the township) answers; the complaint stays open for the township's finding."""
    if not can_answer(user, complaint.village):
        raise PermissionDenied(_("Only the committee of this village or the township can answer this complaint."))
    if complaint.is_closed:
        raise ValidationError(_("This complaint is closed; its record is kept as it was."))
    complaint.answer = _checked_text(text, "answer")
    complaint.answered_at = now or timezone.now()
    complaint.answered_by = user
    complaint.status = Complaint.Status.ANSWERED
    complaint.save(update_fields=["answer", "answered_at", "answered_by", "status"])
    _notify(
        _township_user_ids(complaint.village),
        gettext_noop("The committee of %(village)s answered complaint no. %(number)s."),
        complaint,
    )
    return complaint


def close_complaint(
    user, complaint: Complaint, outcome: str, finding: str, now: datetime.datetime | None = None
) -> Complaint:
    """Only the township (or the county) closes a complaint, with its finding (VCOL art. 31): the committee the
    complaint is about answers it but never closes it, even if its clerk also holds other roles in the village."""
    if not can_close(user, complaint.village):
        raise PermissionDenied(_("Only the township closes a complaint, with its finding."))
    if complaint.is_closed:
        raise ValidationError(_("This complaint is closed already."))
    if outcome not in Complaint.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    complaint.finding = _checked_text(finding, "finding")
    complaint.outcome = outcome
    complaint.status = Complaint.Status.CLOSED
    complaint.closed_at = now or timezone.now()
    complaint.closed_by = user
    complaint.save(update_fields=["finding", "outcome", "status", "closed_at", "closed_by"])
    from notifications.services import notify

    filer = complaint.filed_by_id or (complaint.resident.user_id if complaint.resident_id else None)
    if filer:
        notify(
            {filer},
            gettext_noop("The township closed your complaint no. %(number)s about %(village)s with its finding."),
            {"number": complaint.pk, "village": complaint.village.name},
            url=f"/supervision/{complaint.village.code}/complaints/",
            sms=True,
        )
    return complaint


def remind_and_escalate(now: datetime.datetime | None = None) -> int:
    """The periodic job: remind the township a few working days before the deadline, escalate to the county once
    it has passed. Each happens once per complaint (reminded_at, escalated_at), so running it twice changes nothing."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    holidays, makeup = deadlines.configured_holidays(), deadlines.configured_makeup_days()
    done = 0
    for complaint in Complaint.objects.open().filter(escalated_at__isnull=True).select_related("village"):
        if now > complaint.due_at:
            with transaction.atomic():
                complaint.escalated_at = now
                complaint.save(update_fields=["escalated_at"])
            _notify(
                _county_user_ids() | _township_user_ids(complaint.village),
                gettext_noop(
                    "Complaint no. %(number)s about %(village)s was not closed by %(due)s: "
                    "it is escalated to the county."
                ),
                complaint,
            )
            done += 1
        elif complaint.reminded_at is None:
            due_day = timezone.localtime(complaint.due_at).date()
            if deadlines.working_days_between(today, due_day, holidays, makeup) <= remind_working_days():
                complaint.reminded_at = now
                complaint.save(update_fields=["reminded_at"])
                _notify(
                    _township_user_ids(complaint.village),
                    gettext_noop("Complaint no. %(number)s about %(village)s needs the township's finding by %(due)s."),
                    complaint,
                )
                done += 1
    return done

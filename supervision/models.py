"""The village affairs supervision committee (村务监督委员会) and residents' complaints about notices.

Archive, never delete (VCOL art. 34): members leave office by an end date, complaints are closed with a finding;
neither is ever removed, and what they point to is protected.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Meeting, Motion
from home.models import Village
from notices import disclosure
from residents.models import Resident

from . import conflicts

COMPLAINT_MAX_LENGTH = 2000  # characters: a complaint is a page; longer evidence goes to the township on paper


def committee_conflict(village: Village, resident: Resident) -> conflicts.Conflict | None:
    """VCOL art. 32 against the register: the village committee's members are the users of its committee group,
    their households are those of their resident records in this village."""
    group_id = village.committee_group_id
    if group_id is None:
        return None
    committee_users = set(get_user_model().objects.filter(groups__pk=group_id).values_list("pk", flat=True))
    households = set(
        Resident.objects.filter(village=village, user__in=committee_users)
        .exclude(household_number="")
        .values_list("household_number", flat=True)
    )
    return conflicts.conflict(resident.user_id, resident.household_number, committee_users, households)


def conflict_message(found: conflicts.Conflict) -> str:
    if found.reason == conflicts.COMMITTEE_MEMBER:
        return str(
            _(
                "A member of the village committee cannot sit on the supervision committee that oversees it "
                "(VCOL art. 32)."
            )
        )
    return str(
        _(
            "This resident is in the same household (%(household)s) as a member of the village committee: close "
            "relatives of committee members cannot sit on the supervision committee (VCOL art. 32)."
        )
        % {"household": found.household}
    )


class SupervisionMemberQuerySet(models.QuerySet):
    def in_office(self, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.filter(term_starts_on__lte=day, term_ends_on__gte=day).filter(
            models.Q(left_on__isnull=True) | models.Q(left_on__gt=day)
        )


class SupervisionMember(models.Model):
    """One person's seat on a village's supervision committee for one term, as the meeting's motion chose it."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair (主任)")
        MEMBER = "member", _("Member (委员)")

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="supervision_members", verbose_name=_("village")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="supervision_seats", verbose_name=_("resident")
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    # VCOL art. 32: chosen by the village assembly or the representatives' meeting, recorded against its motion.
    chosen_by = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="+", verbose_name=_("chosen by the motion")
    )
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"))
    left_on = models.DateField(_("left office on"), null=True, blank=True)
    # Art. 32 asks for members with accounting or management knowledge; shown, not enforced per person.
    accounting_knowledge = models.BooleanField(_("has accounting or management knowledge"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = SupervisionMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision committee member")
        verbose_name_plural = _("supervision committee members")
        ordering = ["village", "-term_starts_on", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["resident", "term_starts_on"], name="one_seat_per_resident_and_term"),
            models.CheckConstraint(
                condition=models.Q(term_ends_on__gte=models.F("term_starts_on")), name="supervision_term_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident.public_name} ({self.village.name} {self.term_starts_on:%Y})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.term_starts_on and self.term_ends_on and self.term_ends_on < self.term_starts_on:
            errors["term_ends_on"] = _("The term cannot end before it starts.")
        if self.resident_id and self.village_id:
            if self.resident.village_id != self.village_id:
                errors["resident"] = _("Only a villager of this village can be chosen.")
            elif not self.resident.is_verified:
                errors["resident"] = _("The resident must be verified by the register first.")
            elif found := committee_conflict(self.village, self.resident):
                errors["resident"] = conflict_message(found)
        if self.chosen_by_id and self.village_id:
            meeting = self.chosen_by.agenda_item.meeting
            if meeting.village_id != self.village_id:
                errors["chosen_by"] = _("The motion must be from a meeting of this village.")
            elif meeting.kind not in (Meeting.Kind.ASSEMBLY, Meeting.Kind.REPRESENTATIVES):
                errors["chosen_by"] = _(
                    "Only the village assembly or the representatives' meeting chooses the supervision committee "
                    "(VCOL art. 32)."
                )
            elif not self.chosen_by.passed:
                errors["chosen_by"] = _("The motion did not pass.")
        if errors:
            raise ValidationError(errors)


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Complaint.Status.CLOSED)


class Complaint(models.Model):
    """A resident's complaint to the township that a due notice is missing or a published one untrue (art. 31).

    It goes past the village committee, which may answer it but never close it; the township closes it with a
    finding. Who filed it is never shown in public: the public list shows what and when, not who.
    """

    class Kind(models.TextChoices):
        MISSING = "missing", _("A notice that is due is missing or late")
        UNTRUE = "untrue", _("A published notice is untrue")

    class Status(models.TextChoices):
        OPEN = "open", _("With the township")
        ANSWERED = "answered", _("Village committee has answered")
        CLOSED = "closed", _("Closed with a finding")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld: the committee is ordered to publish or correct")
        PARTLY = "partly", _("Partly upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("village"))
    # The filer's register record, when they have one: a signed-in user who is not a verified villager may file
    # where the county allows it (settings.SUPERVISION_COMPLAINTS_BY_SIGNED_IN_USERS), and may have none.
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints", editable=False
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    kind = models.CharField(_("what is wrong"), max_length=8, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=8, blank=True, help_text=_("2026-02 or 2026-Q1."))
    notice = models.ForeignKey(
        "notices.NoticePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("notice"),
    )
    # The length cap is in the column itself (a varchar on PostgreSQL), not only in the form.
    text = models.CharField(
        _("complaint"), max_length=COMPLAINT_MAX_LENGTH, validators=[MaxLengthValidator(COMPLAINT_MAX_LENGTH)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    due_at = models.DateTimeField(_("reply due by"))
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(_("escalated to the county at"), null=True, blank=True, editable=False)
    answer = models.TextField(_("village committee's answer"), blank=True, max_length=COMPLAINT_MAX_LENGTH)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    finding = models.TextField(_("township's finding"), blank=True, max_length=COMPLAINT_MAX_LENGTH)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint about a notice")
        verbose_name_plural = _("complaints about notices")
        ordering = ["-filed_at", "-pk"]
        indexes = [models.Index(fields=["village", "status"]), models.Index(fields=["status", "due_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | (~models.Q(outcome="") & models.Q(closed_at__isnull=False)),
                name="complaint_closed_with_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village.name} {self.get_kind_display()} {self.filed_at:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        if self.period:
            try:
                disclosure.Period.from_key(self.period)
            except ValueError:
                raise ValidationError(
                    {"period": _("Give the period as 2026-02 (a month) or 2026-Q1 (a quarter).")}
                ) from None
        if self.kind == self.Kind.MISSING and not self.period:
            raise ValidationError({"period": _("Say which period's notice is missing.")})

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        """Not closed by the reply deadline (or closed after it)."""
        return (self.closed_at or now or timezone.now()) > self.due_at


# Economic responsibility audit reports (经济责任审计, art. 35): a notice page type of its own, in its own module;
# the democratic evaluation (民主评议, art. 33) and the financial review's Wagtail task (民主理财), in theirs.
from .audit_models import AuditReportPage  # noqa: E402, F401
from .evaluation_models import EvaluatedPerson, Evaluation  # noqa: E402, F401
from .workflow import SupervisionReviewTask, SupervisionReviewTaskState  # noqa: E402, F401

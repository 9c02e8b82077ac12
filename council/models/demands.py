"""Residents' and representatives' demands for a meeting (VCOL arts. 21, 26) and their signatures.

The base (adults or representatives) is frozen from the register when the demand is started, as a meeting
freezes its figures: a later change of the register never moves the goalposts of a running demand.
One signature per resident and demand is a database constraint, whatever the channel (online or paper).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village
from home.privacy.resident_text import PUBLIC_TEXT_MAX_LENGTH, PublicTextValidator

from .. import demand_rules


class MeetingDemand(models.Model):
    class Kind(models.TextChoices):
        ASSEMBLY_BY_VILLAGERS = demand_rules.ASSEMBLY_BY_VILLAGERS, _("Village assembly, demanded by villagers")
        ASSEMBLY_BY_REPRESENTATIVES = (
            demand_rules.ASSEMBLY_BY_REPRESENTATIVES,
            _("Village assembly, demanded by representatives"),
        )
        REPRESENTATIVES_MEETING = demand_rules.REPRESENTATIVES_MEETING, _("Representatives' meeting")
        AUDIT_BY_VILLAGERS = demand_rules.AUDIT_BY_VILLAGERS, _("Audit of a matter, demanded by villagers")

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="meeting_demands")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("what the meeting is to discuss"), max_length=120, validators=[PublicTextValidator(120)])
    reason = models.TextField(
        _("reasons"),
        max_length=PUBLIC_TEXT_MAX_LENGTH,
        blank=True,
        validators=[PublicTextValidator(PUBLIC_TEXT_MAX_LENGTH)],
    )
    started_by = models.ForeignKey(
        "residents.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    base = models.PositiveIntegerField(_("on the register"), editable=False)
    register_as_of = models.DateField(_("register figures in force from"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    met_at = models.DateTimeField(_("threshold met at"), null=True, blank=True, editable=False)
    meeting = models.ForeignKey(
        "council.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
        verbose_name=_("meeting called"),
    )

    class Meta:
        verbose_name = _("demand for a meeting")
        verbose_name_plural = _("demands for a meeting")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def threshold(self) -> int | None:
        return demand_rules.threshold(self.kind, self.base)

    @property
    def is_met(self) -> bool:
        return self.met_at is not None

    @property
    def is_audit(self) -> bool:
        return demand_rules.is_audit(self.kind)

    @property
    def meeting_kind(self) -> str | None:
        from .meetings import Meeting

        if self.is_audit:  # an audit demand calls no meeting (VCOL art. 35)
            return None
        if self.kind == demand_rules.REPRESENTATIVES_MEETING:
            return Meeting.Kind.REPRESENTATIVES
        return Meeting.Kind.ASSEMBLY

    def count(self) -> int:
        return self.signatures.filter(withdrawn_at__isnull=True).count()


class DemandSignature(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper, entered by staff")

    demand = models.ForeignKey(MeetingDemand, on_delete=models.CASCADE, related_name="signatures")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="demand_signatures")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    # Who typed in a paper signature at the office; empty for a resident signing online.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    # A withdrawn signature is kept (withdrawn, not deleted) and signing again clears it: still one row.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["demand", "resident"], name="council_one_signature_per_resident")
        ]

    def __str__(self) -> str:
        return f"{self.demand_id}/{self.resident_id}"

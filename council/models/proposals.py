"""议事提案: a verified resident's proposal to the council, followed step by step."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village
from home.privacy.resident_text import PUBLIC_TEXT_MAX_LENGTH, PublicTextValidator


class CouncilProposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("On a meeting agenda")
        DECLINED = "declined", _("Declined")
        DECIDED = "decided", _("Decided")
        IMPLEMENTED = "implemented", _("Implemented")

    # Allowed next steps; services.advance_proposal refuses anything else.
    NEXT = {
        "submitted": ("accepted", "declined"),
        "accepted": ("decided",),
        "decided": ("implemented",),
        "declined": (),
        "implemented": (),
    }

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="council_proposals", verbose_name=_("village")
    )
    submitted_by = models.ForeignKey(
        "residents.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="council_proposals"
    )
    # Staff of the village committee who entered it at the office for the resident (council.assisted); None when
    # the resident sent it themselves. Shown on the public record.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        verbose_name=_("entered by staff"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=120, validators=[PublicTextValidator(120)])
    text = models.TextField(
        _("proposal"), max_length=PUBLIC_TEXT_MAX_LENGTH, validators=[PublicTextValidator(PUBLIC_TEXT_MAX_LENGTH)]
    )
    source_url = models.CharField(_("from consultation"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    agenda_item = models.ForeignKey(
        "council.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    # Staff text the submitter reads (and a notification carries): the rule of public text (docs/privacy.md).
    decline_reason = models.TextField(_("reason for declining"), blank=True, validators=[PublicTextValidator()])
    implementation_note = models.TextField(_("how it was implemented"), blank=True, validators=[PublicTextValidator()])
    submitted_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    implemented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposal to the council")
        verbose_name_plural = _("proposals to the council")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def motion(self):
        """The motion that decided it: the last one recorded on its agenda item."""
        if self.agenda_item_id is None:
            return None
        motions = list(self.agenda_item.motions.all())
        return motions[-1] if motions else None

"""Outcome follow-up (Decidim "accountability"): what the committee decided and how the work progresses.

An update belongs to a consultation, and optionally to one of its selected proposals. Updates are added,
never edited away, so the public page reads as a dated record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.privacy.resident_text import PublicTextValidator
from home.sanitizer import sanitize_html
from home.translations import to_record_page


class FollowUp(models.Model):
    class Stage(models.TextChoices):
        DECIDED = "decided", _("Decision")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    page = models.ForeignKey("consultations.ConsultationPage", on_delete=models.PROTECT, related_name="follow_ups")
    proposal = models.ForeignKey(
        "consultations.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    date = models.DateField(_("date"))
    # Written by the committee, shown on the consultation page; stored as sanitized HTML (the validator counts text).
    text = models.TextField(_("what was decided or done"), validators=[PublicTextValidator()])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.date}"

    def save(self, *args, **kwargs):
        to_record_page(self, "page")
        self.text = sanitize_html(self.text)
        super().save(*args, **kwargs)


class PhaseNotice(models.Model):
    """That followers were told a phase opened: phases follow from dates, so a periodic task announces them once."""

    page = models.ForeignKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=12)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "phase"], name="one_notice_per_phase")]

    def __str__(self) -> str:
        return f"{self.page_id}/{self.phase}"

    def save(self, *args, **kwargs):
        to_record_page(self, "page")
        super().save(*args, **kwargs)

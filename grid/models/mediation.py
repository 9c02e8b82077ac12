"""Dispute mediation (矛盾纠纷调解): the parties and every mediation session of a mediation request."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .requests import ResidentRequest


class MediationCase(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Ongoing")
        AGREED = "agreed", _("Agreement reached")
        FAILED = "failed", _("No agreement")

    request = models.OneToOneField(ResidentRequest, on_delete=models.CASCADE, related_name="mediation")
    subject = models.CharField(_("what the dispute is about"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    agreement = models.TextField(_("agreement"), blank=True)

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")

    def __str__(self) -> str:
        return self.subject


class MediationParty(models.Model):
    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("name"), max_length=40)
    role = models.CharField(_("role"), max_length=40, help_text=_("For example 申请人 or 被申请人."))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.role} {self.name}"


class MediationSession(models.Model):
    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    mediator = models.CharField(_("mediator"), max_length=60)
    summary = models.TextField(_("summary"))

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.mediator}"

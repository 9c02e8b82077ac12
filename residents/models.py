"""A resident's standing in their village. Sign-up, verification queue and privacy tools come with their issue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village


class Resident(models.Model):
    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Waiting for the village committee")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    # Null for residents registered at the counter who have no login (offline channel).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="resident"
    )
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="residents", verbose_name=_("village"))
    display_name = models.CharField(_("public display name"), max_length=40)
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [models.Index(fields=["village", "verification"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.village.name})"

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED

"""Where villagers get legal help: advisers, firms, the legal-aid centre, mediators, justice offices, 12348."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from home.models import Village

# Published numbers are office lines and hotlines, never a personal mobile in full (PIPL; DOMAIN.md §5).
MOBILE_NUMBER = r"1[3-9]\d{9}"
service_phone_validator = RegexValidator(
    regex=rf"^(?!.*(?<!\d){MOBILE_NUMBER}(?!\d))[0-9()\-\s]{{3,20}}$",
    message=_(
        "Enter an office landline or hotline such as 0376-7212 348 or 12348. "
        "Personal mobile numbers may not be published."
    ),
)


class LegalAidKind(models.TextChoices):
    VILLAGE_ADVISER = "village_adviser", _("village legal adviser")
    LAW_FIRM = "law_firm", _("law firm")
    LEGAL_AID_CENTRE = "legal_aid_centre", _("legal aid centre")
    MEDIATION = "mediation", _("people's mediation committee")
    JUSTICE_OFFICE = "justice_office", _("township justice office")
    HOTLINE = "hotline", _("12348 hotline")


class LegalAidContact(index.Indexed, models.Model):
    """One place or person that gives legal help. Serving no village in particular means the whole county."""

    kind = models.CharField(_("kind"), max_length=20, choices=LegalAidKind.choices)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20, validators=[service_phone_validator])
    address = models.CharField(_("address"), max_length=200, blank=True)
    reception_hours = models.CharField(_("reception hours"), max_length=200, blank=True)
    villages = models.ManyToManyField(
        Village,
        blank=True,
        related_name="legal_aid_contacts",
        verbose_name=_("villages served"),
        help_text=_("Leave empty for a service open to the whole county."),
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("address"),
        index.SearchField("reception_hours"),
        index.FilterField("kind"),
        index.RelatedFields("villages", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("legal aid contact")
        verbose_name_plural = _("legal aid contacts")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def tel(self) -> str:
        """The number as a tel: link wants it: digits only."""
        return "".join(ch for ch in self.phone if ch.isdigit())

    @property
    def serves_whole_county(self) -> bool:
        return not self.villages.all()

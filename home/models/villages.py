"""The village register: one row per village, the unit everything else belongs to."""

from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection
from wagtail.search import index


class Village(index.Indexed, models.Model):
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "Short name in lowercase letters and digits (usually pinyin), used in web addresses "
            "and account names, for example dongshan."
        ),
    )
    division_code = models.CharField(
        _("administrative division code"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{12}$", _("Enter the 12-digit statistical division code."))],
        help_text=_("The 12-digit code of the National Bureau of Statistics (统计用区划代码)."),
    )
    name = models.CharField(_("name"), max_length=60)
    township = models.CharField(_("township"), max_length=60)
    adult_villagers = models.PositiveIntegerField(
        _("adult villagers"), help_text=_("Villagers aged 18 or over on the register.")
    )
    households = models.PositiveIntegerField(_("households"))
    representatives = models.PositiveIntegerField(_("villager representatives"))
    register_updated_on = models.DateField(_("register figures as of"), null=True, blank=True)
    # When the village committee's term ends, so the next election is due (VCOL art. 11: five years a term). The
    # departure audit must be published before that election (VCOL art. 35; supervision.audit_rules).
    committee_term_ends_on = models.DateField(
        _("committee term ends on"),
        null=True,
        blank=True,
        help_text=_("The day the present village committee's term ends (换届): the next election is held by then."),
    )

    # Set up by home.services.provision_village, never edited by hand.
    committee_group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="village"
    )
    collection = models.ForeignKey(
        Collection, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("township"),
        index.FilterField("code"),
    ]

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["division_code"],
                condition=~models.Q(division_code=""),
                name="village_division_code_unique",
            ),
            models.UniqueConstraint(fields=["township", "name"], name="village_name_unique_in_township"),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.name}"

    @property
    def committee_group_name(self) -> str:
        return f"村委会 {self.name} ({self.code})"

"""The council of a village: its charter thresholds, its terms and the members of each term."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from home.models import Village

from .. import quorum


class Council(models.Model):
    village = models.OneToOneField(Village, on_delete=models.CASCADE, related_name="council", verbose_name=_("village"))
    name = models.CharField(_("name"), max_length=60, default="村民理事会")
    # The charter sets the council's own thresholds (not statutory); defaults follow the villager-group rule.
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=3)
    majority_numerator = models.PositiveSmallIntegerField(_("majority: numerator"), default=1)
    majority_denominator = models.PositiveSmallIntegerField(_("majority: denominator"), default=2)
    # Typical charters set up the supervisors (监事) to watch the council: they attend (列席) without a vote
    # and are not counted for its quorum. A charter that seats them as voting members says so here.
    supervisors_vote = models.BooleanField(
        _("supervisors vote"),
        default=False,
        help_text=_(
            "Tick only if the charter gives the supervisors (监事) a vote. Then they also count for the quorum."
        ),
    )

    class Meta:
        verbose_name = _("villager council")
        verbose_name_plural = _("villager councils")

    def __str__(self) -> str:
        return f"{self.village.name} {self.name}"

    def clean(self) -> None:
        try:
            self.rule()
        except ValueError as error:
            raise ValidationError(_("A threshold is a fraction between 0 and 1, for example 2/3.")) from error

    def rule(self) -> quorum.CouncilRule:
        return quorum.CouncilRule(
            quorum=quorum.Fraction(self.quorum_numerator, self.quorum_denominator),
            majority=quorum.Fraction(self.majority_numerator, self.majority_denominator),
        )

    def term_on(self, date: datetime.date) -> "CouncilTerm | None":
        return self.terms.filter(starts_on__lte=date, ends_on__gte=date).order_by("-starts_on").first()


class CouncilTerm(ClusterableModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="terms", verbose_name=_("council"))
    name = models.CharField(_("name"), max_length=40, help_text=_("For example 第二届."))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))

    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        InlinePanel("members", heading=_("Members"), label=_("Member")),
    ]

    class Meta:
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on}–{self.ends_on})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A term ends after it starts.")})


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair (理事长)")
        VICE_CHAIR = "vice_chair", _("Vice chair (副理事长)")
        MEMBER = "member", _("Member (理事)")
        SUPERVISOR = "supervisor", _("Supervisor (监事)")

    term = ParentalKey(CouncilTerm, on_delete=models.CASCADE, related_name="members", verbose_name=_("term"))
    # The public roster name; it is what the page and the API show, never the resident's real name.
    name = models.CharField(_("name"), max_length=40)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
        verbose_name=_("resident"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # council/wagtail_hooks.py adds the resident chooser, which lists the editor's villages only; the term
    # form refuses a resident of another village.
    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"

    def votes(self, council: Council) -> bool:
        """Supervisors watch the council; they vote and count for its quorum only if the charter says so."""
        return self.role != self.Role.SUPERVISOR or council.supervisors_vote

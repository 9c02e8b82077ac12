"""Democratic evaluation (民主评议, VCOL art. 33): the yearly evaluation of a village and the persons rated in it.

The ballot itself is a consultation (consultations.ConsultationPage with one secret single-choice question per
person, options 称职 / 基本称职 / 不称职): online votes and staff-entered paper ballots go through the
consultation ballot machinery, so its guarantees hold unchanged (one Participation per resident and question,
decided by the database; a secret ballot leaves only the box's totals; paper batches record who entered how
many). These rows add what the law adds: which person each question rates, in which year, hosted by whom, and
the counts frozen when the supervision committee closes the count. Archive, never delete (art. 34): PROTECT.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Village
from residents.models import Resident

from . import evaluation_rules


class Evaluation(models.Model):
    """One village's democratic evaluation of one year."""

    class Body(models.TextChoices):
        ASSEMBLY = "assembly", _("Village assembly (村民会议)")
        REPRESENTATIVES = "representatives", _("Villager representatives' meeting (村民代表会议)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open: ballots are being cast")
        CLOSED = "closed", _("Counted, not yet published")
        PUBLISHED = "published", _("Results published")

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    body = models.CharField(_("who rates"), max_length=16, choices=Body.choices)
    # The secret ballot: a consultation of the village (voting phase = the meeting), never deleted while this is.
    ballot = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("ballot")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Frozen at closing: those entitled to rate (the consultation's audience then) and the ballots counted.
    eligible = models.PositiveIntegerField(null=True, blank=True)
    ballots = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("democratic evaluation")
        verbose_name_plural = _("democratic evaluations")
        ordering = ["village", "-year"]
        constraints = [
            # At least once a year (art. 33); once is what the portal records, so a year's results are one set.
            models.UniqueConstraint(fields=["village", "year"], name="one_evaluation_per_village_and_year"),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(closed_at__isnull=False), name="evaluation_closed_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village.name} {self.year}"

    @property
    def is_held(self) -> bool:
        return self.status != self.Status.OPEN


class EvaluatedPerson(models.Model):
    """One person rated in one evaluation, with the question that rates them and, once closed, the counts."""

    class Post(models.TextChoices):
        COMMITTEE = "committee", _("Village committee member")
        STAFF = "staff", _("Staff paid from collective funds")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="persons")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("resident")
    )
    post = models.CharField(_("post"), max_length=10, choices=Post.choices)
    question = models.OneToOneField("consultations.Question", on_delete=models.PROTECT, related_name="+")
    # The question's options, one per rating (the box counts by option id).
    competent_option = models.ForeignKey("consultations.Option", on_delete=models.PROTECT, related_name="+")
    basic_option = models.ForeignKey("consultations.Option", on_delete=models.PROTECT, related_name="+")
    not_competent_option = models.ForeignKey("consultations.Option", on_delete=models.PROTECT, related_name="+")
    # Frozen from the ballot box when the count is closed (null while open).
    competent = models.PositiveIntegerField(null=True, blank=True)
    basic = models.PositiveIntegerField(null=True, blank=True)
    not_competent = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("person evaluated")
        verbose_name_plural = _("persons evaluated")
        ordering = ["evaluation", "post", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "resident"], name="one_rating_per_person")]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.resident.public_name}"

    @property
    def tally(self) -> evaluation_rules.Tally | None:
        if self.competent is None:
            return None
        return evaluation_rules.Tally(self.competent, self.basic or 0, self.not_competent or 0)

    def option_ids(self) -> dict[str, int]:
        return {
            evaluation_rules.COMPETENT: self.competent_option_id,
            evaluation_rules.BASICALLY_COMPETENT: self.basic_option_id,
            evaluation_rules.NOT_COMPETENT: self.not_competent_option_id,
        }

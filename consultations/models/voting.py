"""Questions, options, participations and ballots (DESIGN.md "Voting integrity").

One participation per resident per question, enforced by a unique constraint. A secret ballot row carries no
voter reference (a check constraint says so); the participation row records that the resident voted. Nothing
counted is deleted: every foreign key into a ballot or participation is PROTECT, and a changed open-ballot vote
keeps the old ballot as superseded.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from .. import tally


class Question(Orderable, ClusterableModel):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes / no / abstain")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")

    class Mode(models.TextChoices):
        OPEN = "open", _("Open ballot (the committee sees who voted what)")
        SECRET = "secret", _("Secret ballot")

    class Rule(models.TextChoices):
        SIMPLE_MAJORITY = tally.SIMPLE_MAJORITY, _("Simple majority of votes cast")
        ASSEMBLY = tally.ASSEMBLY, _("Village assembly: more than half take part, more than half of them agree")
        REPRESENTATIVES = (
            tally.REPRESENTATIVES,
            _("Representatives' meeting: two thirds take part, more than half of them agree"),
        )
        VILLAGER_GROUP = tally.VILLAGER_GROUP, _("Villager group: two thirds take part, more than half of them agree")

    page = ParentalKey("consultations.ConsultationPage", on_delete=models.PROTECT, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.YES_NO)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"), default=1, help_text=_("For multiple choice only.")
    )
    mode = models.CharField(_("ballot"), max_length=10, choices=Mode.choices, default=Mode.SECRET)
    rule = models.CharField(_("rule applied"), max_length=20, choices=Rule.choices, default=Rule.SIMPLE_MAJORITY)
    # Frozen when voting closes, so that later verifications do not change a published turnout.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    eligible_at_close = models.PositiveIntegerField(_("eligible at closing"), null=True, blank=True, editable=False)
    # For the household alternatives of DOMAIN §2 (assembly, villager group): households among the eligible.
    eligible_households_at_close = models.PositiveIntegerField(
        _("eligible households at closing"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("max_choices"),
        FieldPanel("mode"),
        FieldPanel("rule"),
        InlinePanel("options", heading=_("Options (not needed for yes / no)"), label=_("option")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def is_secret(self) -> bool:
        return self.mode == self.Mode.SECRET

    @property
    def choice_limit(self) -> int:
        return max(1, self.max_choices) if self.kind == self.Kind.MULTIPLE else 1


class Option(Orderable):
    class Role(models.TextChoices):
        PLAIN = "", _("Option")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    question = ParentalKey(Question, on_delete=models.PROTECT, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.PLAIN, blank=True, editable=False)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "role"], condition=~models.Q(role=""), name="option_one_role_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot entered by staff")


class Participation(models.Model):
    """That a resident took part in a question: the one row per resident that makes a double vote impossible."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="participations")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="participations")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["question", "resident"], name="one_participation_per_resident"),
            models.CheckConstraint(
                condition=models.Q(channel="online", entered_by__isnull=True)
                | models.Q(channel="paper", entered_by__isnull=False),
                name="participation_paper_has_clerk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.resident_id}"


class Ballot(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="ballots")
    receipt = models.CharField(_("receipt code"), max_length=12, unique=True)
    secret = models.BooleanField(editable=False)
    # Only an open ballot names its voter; the check constraint below makes that a database fact.
    resident = models.ForeignKey(
        "residents.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="open_ballots"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A changed open-ballot vote stays in the table, marked replaced and no longer counted: nothing is deleted.
    replaced = models.BooleanField(_("replaced by a later vote"), default=False)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by", editable=False
    )
    created_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(secret=True, resident__isnull=True) | models.Q(secret=False, resident__isnull=False),
                name="secret_ballot_has_no_voter",
            ),
            models.UniqueConstraint(
                fields=["question", "resident"],
                condition=models.Q(replaced=False, resident__isnull=False),
                name="one_current_open_ballot",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="choices")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="one_choice_per_option")]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.option_id}"

"""Questions and their options: the structure of a ballot, shared by the three language trees.

A question is part of the consultation page's content (an inline panel), so wagtail-localize copies it into the
zh-hant and English trees with the page: as part of an alias, or as a translation whose words (the question and
the option labels) an editor translates. Copies share the source's translation key. Only the copies in the
record page (home.translations) are counted: ballots and participations point at those and nowhere else
(Participation.save and the services map any copy onto them), so a copy can be replaced by the next alias update
or translation sync without touching a vote. Structure is synchronised, never translated: kind, ballot mode,
rule and number of choices are the source's in every tree (DOMAIN §10: one question, one tally).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import translations

from .. import tally


class Question(TranslatableMixin, Orderable, ClusterableModel):
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

    # CASCADE: deleting an alias or a translation takes its copies along; a counted question is PROTECTed by its
    # participations, so a page with votes cannot be deleted at all.
    page = ParentalKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question text"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.YES_NO)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"), default=1, help_text=_("For multiple choice only.")
    )
    mode = models.CharField(_("ballot"), max_length=10, choices=Mode.choices, default=Mode.SECRET)
    rule = models.CharField(_("rule applied"), max_length=20, choices=Rule.choices, default=Rule.SIMPLE_MAJORITY)
    # Frozen when voting closes (on the record page's question), so that later verifications do not change a
    # published turnout.
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
    # Words are translated; the ballot's structure is the source's in every language, and no translator can
    # override it (wagtail-localize would otherwise offer to).
    translatable_fields = [
        TranslatableField("text"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("max_choices", overridable=False),
        SynchronizedField("mode", overridable=False),
        SynchronizedField("rule", overridable=False),
        TranslatableField("options"),
    ]
    # What a ballot counts on: changing any of these after the first vote would change what was counted.
    STRUCTURE = ("kind", "max_choices", "mode", "rule")

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        unique_together = [("translation_key", "locale")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        if self.page_id is not None:
            self.locale_id = self.page.locale_id  # a copy's locale is its page's, however it was made
        super().save(*args, **kwargs)

    @property
    def shown_text(self) -> str:
        """The question in the words of the page it is shown on (set by consultations.views), else as written."""
        return self.__dict__.get("_shown_text") or self.text

    @shown_text.setter
    def shown_text(self, value: str) -> None:
        self.__dict__["_shown_text"] = value

    @property
    def is_secret(self) -> bool:
        return self.mode == self.Mode.SECRET

    @property
    def choice_limit(self) -> int:
        return max(1, self.max_choices) if self.kind == self.Kind.MULTIPLE else 1

    def record_question(self) -> "Question":
        """The copy that is counted: this question's twin on the record page (itself when it is there)."""
        if translations.is_record_page(self.page):
            return self
        return Question.objects.get(
            page_id=translations.record_page_id(self.page), translation_key=self.translation_key
        )


class Option(TranslatableMixin, Orderable):
    class Role(models.TextChoices):
        PLAIN = "", _("Option")
        # In context: a plain "Yes" / "No" is Wagtail's too (filters, "has child pages"), where 赞成 is wrong.
        YES = "yes", pgettext_lazy("ballot option", "Yes")
        NO = "no", pgettext_lazy("ballot option", "No")
        ABSTAIN = "abstain", pgettext_lazy("ballot option", "Abstain")

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("label"), max_length=200)
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.PLAIN, blank=True, editable=False)

    panels = [FieldPanel("label")]
    translatable_fields = [TranslatableField("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        unique_together = [("translation_key", "locale")]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "role"], condition=~models.Q(role=""), name="option_one_role_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        if self.question_id is not None:
            self.locale_id = self.question.locale_id
        super().save(*args, **kwargs)

    @property
    def shown_label(self) -> str:
        """A yes/no option reads in the visitor's language whatever label was stored; others in the words of the
        page they are shown on (consultations.views sets translated_label), else as written."""
        if self.role:
            return str(self.Role(self.role).label)
        return self.__dict__.get("translated_label") or self.label


# The three options of a yes/no question, made with the question (ConsultationPage.clean) so they are part of
# the page's content and its revisions, never created behind the editor's back.
YES_NO_OPTIONS = ((Option.Role.YES, "赞成"), (Option.Role.NO, "反对"), (Option.Role.ABSTAIN, "弃权"))


def reidentify(page) -> None:
    """Give the page's questions and options in memory the ids of their stored rows, matched by translation key.

    Wagtail keeps a child added in the editor in its revision without the id the publish gave it, so the next
    edit (which starts from that revision) would delete the stored question and create it again, new id and all:
    with ballots pointing at it, that was a server error on every edit. Same key, same page: same row.
    """
    if page.pk is None:
        return
    stored = {q.translation_key: q for q in Question.objects.filter(page_id=page.pk).prefetch_related("options")}
    for question in page.questions.all():
        match = stored.get(question.translation_key)
        if match is None:
            continue
        if question.pk is None:
            question.pk = match.pk
        stored_options = {option.translation_key: option.pk for option in match.options.all()}
        for option in question.options.all():
            if option.pk is None and option.translation_key in stored_options:
                option.pk = stored_options[option.translation_key]


def complete_options(question: Question) -> None:
    """Give a yes/no question its three fixed options in memory (saved with the page), and take them off a
    question of another kind. Fixed options already stored are the ones kept, so that an older revision (saved
    before they were stored, or with copies of them) publishes without replacing options that ballots count."""
    options = list(question.options.all())
    if question.kind != Question.Kind.YES_NO:
        if any(option.role for option in options):
            question.options = [option for option in options if not option.role]
        return
    stored = {}
    if question.pk is not None:
        stored = {option.role: option for option in Option.objects.filter(question_id=question.pk).exclude(role="")}
    kept = [option for option in options if not option.role or option.pk is not None or option.role not in stored]
    present = {option.role for option in kept if option.role}
    for order, (role, label) in enumerate(YES_NO_OPTIONS):
        if role not in present:
            kept.append(stored.get(role) or Option(role=role, label=label, sort_order=order))
    if kept != options:
        question.options = kept


def refuse_deleting_counted_options(sender, instance: Option, **kwargs) -> None:
    """pre_delete: an option a ballot box counts is never deleted, however the delete comes (a cascade from its
    question or page, a queryset, the shell). Open ballots' choices are PROTECTed by their foreign key; secret
    ballots are only totals in the box, so this is their protection."""
    from django.db.models.deletion import ProtectedError

    from .ballots import BallotBox

    box = BallotBox.objects.filter(question_id=instance.question_id).only("counts").first()
    if box is not None and box.votes_for(instance.pk):
        raise ProtectedError(f"Option {instance.pk} has counted votes and is kept.", {instance})

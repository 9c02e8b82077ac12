"""The consultation pages: an index per village, and a consultation with its phases and audience."""

import datetime
from functools import cached_property

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail_localize.fields import SynchronizedField

from home import translations
from home.models import ArticlePage, IndexPage
from home.models.visibility import without_restricted

from .. import locks, phases
from ..forms import ConsultationPageForm


def village_of_path(path: str, url_path: str):
    """The Village whose village page is an ancestor of the page at this tree path, or None. Kept in the tree
    cache (home.treecache, in the scope of the page's URL: retired when a page or the village of that village
    changes); one indexed query when it is off."""
    from home.models import Village
    from home.scopes import scope_of_url_path
    from home.treecache import remember

    steplen = ArticlePage.steplen
    ancestors = [path[:end] for end in range(steplen, len(path), steplen)]
    return remember(
        "village-of",
        (path,),
        lambda: Village.objects.filter(pages__path__in=ancestors).first(),
        scope=scope_of_url_path(url_path),
    )


class ConsultationIndexPage(IndexPage):
    parent_page_types = ["home.VillagePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation index page")

    def get_listing(self):
        return without_restricted(ConsultationPage.objects.child_of(self).live()).order_by("-date", "-pk")


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("Verified residents of the village")
    REPRESENTATIVES = "representatives", _("Villager representatives only")
    COUNCIL = "council", _("Villager council members only")


class ConsultationPage(ArticlePage):
    # Blank means the default audience (verified residents), so forms that leave it out still validate.
    audience = models.CharField(
        _("who takes part"), max_length=20, choices=Audience.choices, default=Audience.RESIDENTS, blank=True
    )
    information_opens = models.DateTimeField(_("information phase opens"), null=True, blank=True)
    proposals_open = models.DateTimeField(_("proposals phase opens"), null=True, blank=True)
    deliberation_opens = models.DateTimeField(_("deliberation phase opens"), null=True, blank=True)
    voting_opens = models.DateTimeField(_("voting phase opens"), null=True, blank=True)
    results_open = models.DateTimeField(
        _("results phase opens"), null=True, blank=True, help_text=_("Voting closes at this moment.")
    )
    live_results = models.BooleanField(
        _("show results while voting is open"), default=False, help_text=_("Otherwise results appear after closing.")
    )

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []
    route_with_village = True  # home.treecache keeps the village with the page
    base_form_class = ConsultationPageForm

    content_panels = ArticlePage.content_panels + [
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("information_opens"),
                FieldPanel("proposals_open"),
                FieldPanel("deliberation_opens"),
                FieldPanel("voting_opens"),
                FieldPanel("results_open"),
            ],
            heading=_("Phases (leave a date empty to skip that phase)"),
        ),
        FieldPanel("live_results"),
        InlinePanel("questions", heading=_("Questions for the voting phase"), label=_("question")),
    ]
    # Who takes part and when are the consultation's, not a language's: the same in every tree, and no translator
    # can override them (one consultation, one vote).
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "audience",
            "information_opens",
            "proposals_open",
            "deliberation_opens",
            "voting_opens",
            "results_open",
            "live_results",
        )
    ]
    api_fields = ArticlePage.api_fields + [
        APIField("audience"),
        APIField("information_opens"),
        APIField("proposals_open"),
        APIField("deliberation_opens"),
        APIField("voting_opens"),
        APIField("results_open"),
        APIField("phase"),
    ]

    class Meta:
        verbose_name = _("consultation")

    @cached_property
    def village(self):
        """The page's village, what every permission is scoped to: from home.routing's copy, the tree cache, or
        one query on the page's ancestors' paths (a string from the page row: no tree walk, no content types)."""
        if getattr(self, "route_village", None) is not None:  # home.routing's cached copy
            return self.route_village
        return village_of_path(self.path, self.url_path)

    @property
    def records(self) -> "ConsultationPage":
        """The page whose questions, ballots, proposals and comments this page shows (home.translations)."""
        records = translations.record_page(self)
        if records is not self and "village" in self.__dict__:
            records.__dict__.setdefault("village", self.village)  # every tree's copy is the same village's
        return records

    def phase_openings(self) -> dict[str, datetime.datetime | None]:
        return {
            "information": self.information_opens,
            "proposals": self.proposals_open,
            "deliberation": self.deliberation_opens,
            "voting": self.voting_opens,
            "results": self.results_open,
        }

    def phase_at(self, now: datetime.datetime | None = None) -> str | None:
        return phases.current_phase(self.phase_openings(), now or timezone.now())

    @property
    def phase(self) -> str | None:
        return self.phase_at()

    def voting_closes(self) -> datetime.datetime | None:
        return phases.phase_end(self.phase_openings(), "voting")

    def clean(self) -> None:
        super().clean()
        from .questions import complete_options, reidentify

        reidentify(self)
        for question in self.questions.all():
            complete_options(question)
        if self.pk is not None and translations.is_record_page(self):
            errors = self.locked_changes()
            if errors:
                raise ValidationError(errors)

    def locked_changes(self, now: datetime.datetime | None = None) -> dict[str, list[str]]:
        """What this (unsaved) state would change of what was counted: field or NON_FIELD_ERRORS → messages."""
        from .ballots import Participation
        from .questions import Question

        now = now or timezone.now()
        stored_page = ConsultationPage.objects.filter(pk=self.pk).first()
        if stored_page is None:
            return {}
        if locks.held_from_the_start(self.pk):
            counted = set(Question.objects.filter(page_id=self.pk).values_list("pk", flat=True))
        else:
            counted = set(
                Participation.objects.filter(question__page_id=self.pk).values_list("question_id", flat=True).distinct()
            )
        errors: dict[str, list[str]] = {}
        if counted:
            sent = {question.pk: question for question in self.questions.all() if question.pk}
            for stored in Question.objects.filter(pk__in=counted).prefetch_related("options"):
                frozen = locks.StoredQuestion(
                    pk=stored.pk,
                    text=stored.text,
                    structure=locks.structure_of(stored),
                    options=locks.options_of(stored),
                )
                if message := locks.question_changes(frozen, sent.get(stored.pk)):
                    errors.setdefault(NON_FIELD_ERRORS, []).append(message)
        dates = locks.date_changes(stored_page.phase_openings(), self.phase_openings(), counted=bool(counted), now=now)
        for field, message in dates.items():
            errors.setdefault(field, []).append(message)
        return errors

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.consultation_context(self, request))
        return context

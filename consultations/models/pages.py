"""The consultation pages: an index per village, and a consultation with its phases and audience."""

import datetime
from functools import cached_property

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField

from home.models import ArticlePage, IndexPage
from home.models.visibility import without_restricted

from .. import phases
from ..forms import ConsultationPageForm


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
        # The village page is the grandparent; its village is what every permission is scoped to.
        from home.models import VillagePage

        if getattr(self, "route_village", None) is not None:  # home.routing's cached copy
            return self.route_village
        parent = VillagePage.objects.ancestor_of(self).select_related("village").first()
        return parent.village if parent else None

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

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.consultation_context(self, request))
        return context

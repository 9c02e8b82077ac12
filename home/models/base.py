"""Abstract page types that the apps' pages build on: an index with an introduction, an article with a body."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from notices.guard import PersonalDataGuardForm

from .visibility import without_restricted


class IndexPage(Page):
    """A page that introduces and lists its children."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    base_form_class = PersonalDataGuardForm

    class Meta:
        abstract = True

    def get_listing(self):
        """Live children in the order editors set, ready for a template to iterate without extra queries."""
        return without_restricted(self.get_children().live()).specific().select_related("locale")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing()
        return context


class ArticlePage(Page):
    """A dated page with a short summary and a body of blocks."""

    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(
        _("summary"), blank=True, max_length=300, help_text=_("One or two plain sentences shown in lists.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [APIField("date"), APIField("summary"), APIField("body")]
    base_form_class = PersonalDataGuardForm

    class Meta:
        abstract = True

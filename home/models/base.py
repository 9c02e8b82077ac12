"""Abstract page types that the apps' pages build on: an index with an introduction, an article with a body."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.explorer import ListedChildCountsMixin
from home.permissions import NeverPublishedDeletableMixin
from home.privacy.guard import PersonalDataGuardForm
from home.slugs import pinyin_slug, unique_slug

from .visibility import without_restricted


class SlugFromTitleMixin(ListedChildCountsMixin, NeverPublishedDeletableMixin):
    """Every page of the portal gets its slug from its title in pinyin, once, unique among its siblings.

    Wagtail would slugify the title with Django's ASCII slugify, which keeps only the digits of a Chinese title
    ("202611") or nothing, and then refuse to publish with the error on a tab the clerk never opened. The slug
    is set in both of Wagtail's cleaning paths (full_clean on publish and save, minimal_clean on a draft or
    autosave) before Wagtail looks at it, so no save can fail for want of a slug. The admin shows it read-only.
    Every portal page also shares the rule on deleting drafts (home.permissions) through this mixin.
    """

    def _parent_for_slug(self):
        if self.path:
            return self.get_parent()
        return getattr(self, "_cached_parent_obj", None)

    def ensure_slug(self) -> None:
        if self.slug:
            return
        parent = self._parent_for_slug()
        if parent is None:
            return  # Page.save() cleans again once treebeard has given the page its place
        base = pinyin_slug(self.title or "") or self._meta.model_name
        siblings = parent.get_children()
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        self.slug = unique_slug(base, siblings)

    def full_clean(self, *args, **kwargs):
        self.ensure_slug()
        return super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.ensure_slug()
        return super().minimal_clean()


# The slug shown, not typed: it is made from the title when the page is first saved (SlugFromTitleMixin).
PORTAL_PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "slug",
                read_only=True,
                help_text=_("Made from the title in pinyin when the page is first saved, and kept after that."),
            ),
            FieldPanel("seo_title"),
            FieldPanel("search_description"),
        ],
        _("For search engines"),
    ),
    FieldPanel("show_in_menus"),
]


class IndexPage(SlugFromTitleMixin, Page):
    """A page that introduces and lists its children."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = PORTAL_PROMOTE_PANELS
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


class ArticlePage(SlugFromTitleMixin, Page):
    """A dated page with a short summary and a body of blocks."""

    date = models.DateField(_("date"), default=datetime.date.today)
    summary = models.TextField(
        _("summary"), blank=True, max_length=300, help_text=_("One or two plain sentences shown in lists.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    promote_panels = PORTAL_PROMOTE_PANELS
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [APIField("date"), APIField("summary"), APIField("body")]
    base_form_class = PersonalDataGuardForm

    class Meta:
        abstract = True

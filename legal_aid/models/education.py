"""普法: legal-education articles with tags, series, reading time, related articles and an optional quiz."""

import math
from typing import Any

from django.db import models
from django.utils.cache import add_never_cache_headers
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.models import ArticlePage, IndexPage
from home.models.visibility import without_restricted

from ..blocks import QuizBlock
from ..quiz import SUBMITTED_FIELD, score_quiz

# A comfortable reading pace for Chinese text on a phone, slower than the 400–500 of practised readers.
CHINESE_CHARS_PER_MINUTE = 300
RELATED_COUNT = 3


def reading_minutes(text: str) -> int:
    """Whole minutes to read the text, at least one."""
    characters = sum(1 for ch in text if not ch.isspace())
    return max(1, math.ceil(characters / CHINESE_CHARS_PER_MINUTE))


class LegalEducationSeries(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        verbose_name = _("legal education series")
        verbose_name_plural = _("legal education series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LegalEducationPageTag(TaggedItemBase):
    content_object = ParentalKey("legal_aid.LegalEducationPage", on_delete=models.CASCADE, related_name="tagged_items")


class SeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalEducationSeries
        fields = ["name", "slug", "description"]


class TagsField(serializers.Field):
    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class LegalEducationIndexPage(RoutablePageMixin, IndexPage):
    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["legal_aid.LegalEducationPage"]
    max_count_per_parent = 1
    feed_routes = ("rss", "atom")  # advertised here (home.feeds)

    class Meta:
        verbose_name = _("legal education index page")

    def get_listing(self):
        return (
            without_restricted(LegalEducationPage.objects.child_of(self).live())
            .select_related("series")
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from home.feeds import feed_links

        context = super().get_context(request, *args, **kwargs)
        listing = context["listing"]
        tag, series_slug = request.GET.get("tag", "")[:100], request.GET.get("series", "")[:60]
        if tag:
            listing = listing.filter(tags__name=tag).distinct()
        if series_slug:
            listing = listing.filter(series__slug=series_slug)
        context.update(listing=listing, tag=tag, series_slug=series_slug, feeds=feed_links(self, request=request))
        context["all_series"] = list(LegalEducationSeries.objects.filter(pages__in=self.get_listing()).distinct())
        return context

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import LegalEducationRssFeed

        return LegalEducationRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from ..feeds import LegalEducationAtomFeed

        return LegalEducationAtomFeed(self)(request)


class LegalEducationPage(RoutablePageMixin, ArticlePage):
    series = models.ForeignKey(
        LegalEducationSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        verbose_name=_("series"),
    )
    tags = ClusterTaggableManager(through=LegalEducationPageTag, blank=True, verbose_name=_("tags"))
    quiz = StreamField(
        QuizBlock(),
        blank=True,
        verbose_name=_("quiz"),
        help_text=_("Optional questions for readers to check what they learned. No login is needed to answer."),
    )

    content_panels = ArticlePage.content_panels + [FieldPanel("series"), FieldPanel("tags"), FieldPanel("quiz")]
    search_fields = ArticlePage.search_fields + [
        index.SearchField("quiz"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("series", [index.SearchField("name")]),
    ]
    api_fields = ArticlePage.api_fields + [
        APIField("series", serializer=SeriesSerializer()),
        APIField("tags", serializer=TagsField()),
        APIField("reading_time"),
        APIField("quiz"),
    ]

    parent_page_types = ["legal_aid.LegalEducationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal education article")

    @property
    def plain_text(self) -> str:
        parts = [self.summary]
        for block in self.body:
            if block.block_type in ("paragraph", "heading"):
                parts.append(strip_tags(str(block.value.source if hasattr(block.value, "source") else block.value)))
        return "\n".join(parts)

    @property
    def reading_time(self) -> int:
        """Minutes, from the length of the text (CHINESE_CHARS_PER_MINUTE)."""
        return reading_minutes(self.plain_text)

    def quiz_questions(self) -> list[dict[str, Any]]:
        return [
            {
                "question": block.value["question"],
                "choices": [{"text": c["text"], "correct": c["correct"]} for c in block.value["choices"]],
                "explanation": block.value["explanation"],
            }
            for block in self.quiz
        ]

    def related_articles(self) -> list["LegalEducationPage"]:
        """Other live articles of the same series first, then those sharing a tag, newest first."""
        siblings = without_restricted(LegalEducationPage.objects.live().sibling_of(self, inclusive=False))
        tag_ids = [tag.pk for tag in self.tags.all()]
        related = siblings.filter(models.Q(series_id=self.series_id) if self.series_id else models.Q(pk__in=[]))
        related = list(related.order_by("-date", "-pk")[:RELATED_COUNT])
        if len(related) < RELATED_COUNT and tag_ids:
            more = (
                siblings.filter(tagged_items__tag_id__in=tag_ids)
                .exclude(pk__in=[page.pk for page in related])
                .distinct()
                .order_by("-date", "-pk")
            )
            related += list(more[: RELATED_COUNT - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            related_articles=self.related_articles(),
            questions=self.quiz_questions(),
            quiz_url=self.url + self.reverse_subpage("quiz") if self.url else "",
        )
        return context

    @path("quiz/", name="quiz")
    def quiz_view(self, request):
        """Scores a submitted quiz, no login needed, nothing stored. The form is sent with GET (answers in the
        query string) so that the article carries no CSRF token and anonymous views of it come from the page
        cache; a POST from a form loaded before that change is still scored. Not sent from the form: the article."""
        answers = request.POST if request.method == "POST" else request.GET
        if not self.quiz or (request.method != "POST" and SUBMITTED_FIELD not in answers):
            return self.render(request)  # the quiz address visited, or shared with a tracking parameter
        result = score_quiz(self.quiz_questions(), answers)
        response = self.render(request, context_overrides={"quiz_result": result})
        if result.tampered:
            response.status_code = 400
        # One visitor's answers: not worth a place in the page cache or a proxy's.
        add_never_cache_headers(response)
        return response

"""村规民约: the rules in force and their revisions. The revision procedure comes with its issue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import ArticlePage, IndexPage


class VillageRulesPage(IndexPage):
    """The village rules in force, with the revisions below it."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("rules in force"))

    content_panels = IndexPage.content_panels + [FieldPanel("body")]
    search_fields = IndexPage.search_fields + [index.SearchField("body")]
    api_fields = IndexPage.api_fields + [APIField("body")]

    parent_page_types = ["home.VillagePage"]
    subpage_types = ["village_rules.RuleRevisionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("village rules page")

    def get_listing(self):
        return RuleRevisionPage.objects.child_of(self).live().public().order_by("-date", "-pk")


class RuleRevisionPage(ArticlePage):
    """One revision of the rules: what changed and why."""

    parent_page_types = ["village_rules.VillageRulesPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("rules revision")

"""村民理事会: the council's public page. Members, meetings, motions and quorum come with their issue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import IndexPage


class CouncilPage(IndexPage):
    charter = StreamField(BodyBlock(), blank=True, verbose_name=_("charter"))

    content_panels = IndexPage.content_panels + [FieldPanel("charter")]
    search_fields = IndexPage.search_fields + [index.SearchField("charter")]
    api_fields = IndexPage.api_fields + [APIField("charter")]

    parent_page_types = ["home.VillagePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("villager council page")

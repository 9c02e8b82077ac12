"""法律服务: county-wide legal-aid directory and legal education (普法). Structured contacts come with their issue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import ArticlePage, IndexPage


class LegalAidDirectoryPage(IndexPage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = IndexPage.content_panels + [FieldPanel("body")]
    search_fields = IndexPage.search_fields + [index.SearchField("body")]
    api_fields = IndexPage.api_fields + [APIField("body")]

    parent_page_types = ["home.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal aid directory page")


class LegalEducationIndexPage(IndexPage):
    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["legal_aid.LegalEducationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal education index page")

    def get_listing(self):
        return LegalEducationPage.objects.child_of(self).live().public().order_by("-date", "-pk")


class LegalEducationPage(ArticlePage):
    parent_page_types = ["legal_aid.LegalEducationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal education article")

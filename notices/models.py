"""村务公开: a village's notices. Categories, periods, disclosure tables and archive come with their issue."""

from django.utils.translation import gettext_lazy as _

from home.models import ArticlePage, IndexPage


class NoticeIndexPage(IndexPage):
    parent_page_types = ["home.VillagePage"]
    subpage_types = ["notices.NoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("notice index page")

    def get_listing(self):
        return NoticePage.objects.child_of(self).live().public().order_by("-date", "-pk")


class NoticePage(ArticlePage):
    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("notice")

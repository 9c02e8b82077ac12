"""征求意见: consultations. Phases, proposals, supports, comments and ballots come with their issue."""

from django.utils.translation import gettext_lazy as _

from home.models import ArticlePage, IndexPage


class ConsultationIndexPage(IndexPage):
    parent_page_types = ["home.VillagePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation index page")

    def get_listing(self):
        return ConsultationPage.objects.child_of(self).live().public().order_by("-date", "-pk")


class ConsultationPage(ArticlePage):
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("consultation")

"""村民理事会: the council's public page, with its meetings as sub-pages (RoutablePageMixin)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import IndexPage


class RecordField(serializers.Field):
    """Roster, meetings and motions with their results (council/api.py); read only."""

    def to_representation(self, page):
        from ..api import council_record

        return council_record(page)


class CouncilPage(RoutablePageMixin, IndexPage):
    charter = StreamField(BodyBlock(), blank=True, verbose_name=_("charter"))

    content_panels = IndexPage.content_panels + [FieldPanel("charter")]
    search_fields = IndexPage.search_fields + [index.SearchField("charter")]
    api_fields = IndexPage.api_fields + [APIField("charter"), APIField("record", serializer=RecordField(source="*"))]

    parent_page_types = ["home.VillagePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    route_with_village = True  # home.treecache keeps the village with the page

    class Meta:
        verbose_name = _("villager council page")

    @property
    def village(self):
        from home.models import VillagePage

        if not hasattr(self, "_village"):
            self._village = getattr(self, "route_village", None) or (  # home.routing's cached copy
                VillagePage.objects.ancestor_of(self).select_related("village").get().village
            )
        return self._village

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        route = getattr(request, "routable_resolver_match", None)
        if route is None or route.url_name == "index":
            context.update(views.council_context(self, request))
        return context

    @path("", name="index")
    def index(self, request):
        return self.render(request)

    @path("meetings/<int:pk>/", name="meeting")
    def meeting(self, request, pk: int):
        from .. import views

        return views.meeting_detail(self, request, pk)

    @path("export/<str:what>/", name="export")
    def export(self, request, what: str):
        from .. import views

        return views.export_csv(self, request, what)

    @path("propose/", name="propose")
    def propose(self, request):
        from .. import views

        return views.propose(self, request)

    # Demands for a meeting (VCOL arts. 21, 26): council/demand_views.py.
    @path("demands/", name="demands")
    def demands(self, request):
        from .. import demand_views

        return demand_views.demands_index(self, request)

    @path("demands/<int:pk>/", name="demand")
    def demand(self, request, pk: int):
        from .. import demand_views

        return demand_views.demand_detail(self, request, pk)

    @path("demands/<int:pk>/sign/", name="demand_sign")
    def demand_sign(self, request, pk: int):
        from .. import demand_views

        return demand_views.demand_sign(self, request, pk)

    @path("demands/<int:pk>/withdraw/", name="demand_withdraw")
    def demand_withdraw(self, request, pk: int):
        from .. import demand_views

        return demand_views.demand_withdraw(self, request, pk)

"""Admin menu and URLs for the request workbench."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_lists import RelatedIndexView, RelatedViewSetMixin

from . import admin_views
from .models import Grid, GridWorker, MediationCase, MediationParty, MediationSession, RequestCategory
from .rules import handled_villages

urlpatterns = [
    path("", admin_views.workbench, name="workbench"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("new/", admin_views.file_on_behalf, name="file"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("requests/", include((urlpatterns, "grid_admin"), namespace="grid_admin"))]


class WorkbenchMenuItem(MenuItem):
    def is_shown(self, request):
        return handled_villages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_workbench_menu_item():
    return WorkbenchMenuItem(_("Resident requests"), reverse("grid_admin:workbench"), icon_name="help", order=220)


class GridViewSet(RelatedViewSetMixin, ModelViewSet):
    model = Grid
    index_view_class = RelatedIndexView
    list_select_related = ("village",)
    icon = "table"
    menu_label = _("Grids")
    form_fields = ["village", "name", "area", "sort_order"]
    list_display = ["name", "village", "area"]
    list_filter = ["village"]


class GridWorkerViewSet(RelatedViewSetMixin, ModelViewSet):
    model = GridWorker
    index_view_class = RelatedIndexView
    list_select_related = ("grid__village",)
    icon = "user"
    menu_label = _("Grid workers")
    form_fields = ["grid", "name", "work_phone", "user"]
    list_display = ["name", "grid", "work_phone"]


class RequestCategoryViewSet(ModelViewSet):
    model = RequestCategory
    icon = "tag"
    menu_label = _("Request categories")
    form_fields = [
        "code", "name", "description", "platform", "accept_days", "resolve_days", "is_mediation", "keywords",
        "sort_order",
    ]  # fmt: skip
    list_display = ["name", "platform", "accept_days", "resolve_days"]


class MediationCaseViewSet(ModelViewSet):
    model = MediationCase
    icon = "group"
    menu_label = _("Mediation cases")
    form_fields = ["request", "subject", "outcome", "agreement"]  # usually made by filing a mediation request
    list_display = ["subject", "outcome"]
    copy_view_enabled = False


class MediationPartyViewSet(RelatedViewSetMixin, ModelViewSet):
    model = MediationParty
    index_view_class = RelatedIndexView
    list_select_related = ("case",)
    icon = "user"
    menu_label = _("Mediation parties")
    form_fields = ["case", "name", "role"]
    list_display = ["name", "role", "case"]


class MediationSessionViewSet(RelatedViewSetMixin, ModelViewSet):
    model = MediationSession
    index_view_class = RelatedIndexView
    list_select_related = ("case",)
    icon = "date"
    menu_label = _("Mediation sessions")
    form_fields = ["case", "held_on", "mediator", "summary"]
    list_display = ["held_on", "mediator", "case"]


class GridSetupGroup(ViewSetGroup):
    """County set-up: grids, grid workers and the request categories with their platform and deadlines."""

    menu_label = _("Grid set-up")
    menu_icon = "table"
    menu_order = 230
    items = (
        GridViewSet("grids"),
        GridWorkerViewSet("grid_workers"),
        RequestCategoryViewSet("request_categories"),
        MediationCaseViewSet("mediation_cases"),
        MediationPartyViewSet("mediation_parties"),
        MediationSessionViewSet("mediation_sessions"),
    )


@hooks.register("register_admin_viewset")
def register_grid_setup():
    return GridSetupGroup()

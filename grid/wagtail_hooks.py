"""Admin menu and URLs for the request workbench."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
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

"""Admin menu and URLs for the committee's resident screens."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .rules import committee_villages

app_name = "residents_admin"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/approve/", admin_views.approve, name="approve"),
    path("<int:pk>/reject/", admin_views.reject, name="reject"),
    path("<int:pk>/roles/", admin_views.set_roles, name="set_roles"),
    path("approve/", admin_views.bulk_approve, name="bulk_approve"),
    path("roll/", admin_views.roll_import, name="roll_import"),
    path("roll/<int:pk>/", admin_views.roll_import_status, name="roll_import_status"),
    path("register/", admin_views.register, name="register"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("residents/", include((urlpatterns, "residents_admin"), namespace="residents_admin"))]


class CommitteeMenuItem(MenuItem):
    def is_shown(self, request):
        return committee_villages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return CommitteeMenuItem(_("Residents"), reverse("residents_admin:queue"), icon_name="group", order=210)

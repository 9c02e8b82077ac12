"""Admin: the delivery reports of broadcasts, for the village committee (its village) and the county (all)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from residents.rules import menu_group_names

from . import admin_views

COMMITTEE_PREFIX = "村委会 "  # home.models.Village.committee_group_name; the screens scope with notifications.rules


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("broadcasts/", admin_views.broadcast_list, name="notifications_broadcasts"),
        path("broadcasts/<int:pk>/", admin_views.broadcast_report, name="notifications_broadcast"),
    ]


class BroadcastsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or any(n.startswith(COMMITTEE_PREFIX) for n in menu_group_names(request))


@hooks.register("register_admin_menu_item")
def register_broadcasts_menu_item():
    return BroadcastsMenuItem(_("Broadcasts"), reverse("notifications_broadcasts"), icon_name="mail", order=218)

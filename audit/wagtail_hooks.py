"""The audit log in the Wagtail admin: action labels, the report URL and its menu item (committee only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from residents.rules import committee_villages

from . import views
from .log import ACTIONS


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("audit/", views.audit_report, name="audit_report")]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return committee_villages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Audit log"), reverse("audit_report"), icon_name="history", order=230)

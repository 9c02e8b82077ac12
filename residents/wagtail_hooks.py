"""Admin menu and URLs for the committee's resident screens; accounts that signed records are not deleted."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, onboarding_views, roles
from .rules import committee_villages, menu_group_names

app_name = "residents_admin"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/approve/", admin_views.approve, name="approve"),
    path("<int:pk>/reject/", admin_views.reject, name="reject"),
    path("<int:pk>/roles/", admin_views.set_roles, name="set_roles"),
    path("approve/", admin_views.bulk_approve, name="bulk_approve"),
    path("claims/<int:pk>/", admin_views.decide_claim, name="decide_claim"),
    path("roll/", admin_views.roll_import, name="roll_import"),
    path("roll/<int:pk>/", admin_views.roll_import_status, name="roll_import_status"),
    path("register/", admin_views.register, name="register"),
    path("onboarding/", onboarding_views.upload, name="onboarding"),
    path("onboarding/confirm/", onboarding_views.confirm, name="onboarding_confirm"),
    path("onboarding/done/", onboarding_views.done, name="onboarding_done"),
    path("onboarding/done/passwords.csv", onboarding_views.credentials_csv, name="onboarding_passwords_csv"),
    path("onboarding/done/forget/", onboarding_views.forget, name="onboarding_forget"),
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


class OnboardingMenuItem(MenuItem):
    def is_shown(self, request):
        # The same as the residents.onboard_villages rule, from the request's group names (no query per page).
        return request.user.is_superuser or roles.COUNTY_EDITOR in menu_group_names(request)


@hooks.register("register_settings_menu_item")
def register_onboarding_menu_item():
    return OnboardingMenuItem(_("Onboard villages"), reverse("residents_admin:onboarding"), icon_name="site", order=650)


def _kept_records(user) -> bool:
    """Would deleting the account break records that must stay (paper ballots entered, moderation, reports)?"""
    collector = Collector(using=router.db_for_write(type(user)))
    try:
        collector.collect([user])
    except (ProtectedError, RestrictedError):
        return True
    return False


def _refuse_user_deletion(request: HttpRequest, user) -> HttpResponse:
    messages.error(
        request,
        _(
            "“%(user)s” cannot be deleted: ballots, moderation and reports recorded with this account must stay "
            "attributable. Deactivate the account instead: untick “Active” on its page."
        )
        % {"user": user.get_username()},
    )
    return redirect("wagtailusers_users:edit", user.pk)


@hooks.register("before_delete_user")
def keep_accounts_with_records(request: HttpRequest, user) -> HttpResponse | None:
    """Wagtail's delete view would end in a server error on the database's protection: say why instead."""
    return _refuse_user_deletion(request, user) if _kept_records(user) else None


@hooks.register("before_bulk_action")
def keep_accounts_with_records_in_bulk(request: HttpRequest, action_type: str, objects, action_class_instance):
    if action_type != "delete" or get_user_model() not in action_class_instance.models:
        return None
    kept = next((user for user in objects if _kept_records(user)), None)
    return _refuse_user_deletion(request, kept) if kept is not None else None

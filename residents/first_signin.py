"""The first sign-in with a password the county issued goes to "change password" before anything else.

A committee account made by the onboarding import (residents.onboarding) has a password printed on a sheet that
passed through the county office and the township: until its holder sets their own, every page sends them to
allauth's password change (which asks for the old password and applies the staff password rules). After that the
staff rules carry on as for any staff account: portal.staff_security asks for an authenticator app before the
admin.

The check is made once at sign-in (one query, while the sign-in writes the session anyway) and its pass kept in
the session, so a page view costs nothing more; only an account still on its one-time password is checked again
on each request. A session cannot outlive a new one-time password: Django ties the session to the password hash,
so issuing one signs the account out everywhere.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import OneTimePassword

CHECKED_KEY = "_portal_password_own"
# What a holder of a one-time password may still reach: the change itself, signing out, and files.
_ALWAYS = ("/static/", "/media/", "/healthz", "/favicon.ico", "/robots.txt")


def _issued_hash(user) -> str | None:
    """The hash the one-time password had, while the account still has it; the row is dropped once it has not."""
    issued = OneTimePassword.objects.filter(user_id=user.pk).values_list("password_hash", flat=True).first()
    if issued is not None and issued != user.password:
        # Someone set a password since (the holder, or an administrator in the user editor): done with it.
        OneTimePassword.objects.filter(user_id=user.pk).delete()
        return None
    return issued


@receiver(user_logged_in, dispatch_uid="first_password_check")
def check_at_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[CHECKED_KEY] = _issued_hash(user) is None


class FirstPasswordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.session.get(CHECKED_KEY):
            return self.get_response(request)
        if _issued_hash(user) is None:
            request.session[CHECKED_KEY] = True
            return self.get_response(request)
        change, logout = reverse("account_change_password"), reverse("account_logout")
        if request.path in (change, logout) or request.path.startswith(_ALWAYS):
            return self.get_response(request)
        messages.warning(
            request, _("You signed in with a one-time password from the county. Choose your own password first.")
        )
        return HttpResponseRedirect(change)

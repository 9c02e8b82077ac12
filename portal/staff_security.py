"""Staff accounts: a second factor before the admin, and sign-out after a spell of inactivity.

- A staff account (residents.mfa.is_staff_account) without an authenticator app is sent to set one up
  (allauth's TOTP page) before any admin page, when MFA_REQUIRED_FOR_STAFF is on. Once it has one, allauth asks
  for the code at every sign-in, on every sign-in address (they all go through allauth, residents.views).
- A staff session ends after STAFF_SESSION_IDLE_MINUTES without a request (30 by default): a committee office
  computer left signed in is not an open door. Residents keep the ordinary session (SESSION_COOKIE_AGE).

Whether the account is staff is worked out when it signs in and kept in the session (a page view costs nothing
more); on admin pages it is asked afresh.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from residents.mfa import has_totp, is_staff_account, mfa_required

STAFF_KEY = "_portal_staff"
LAST_SEEN_KEY = "_portal_staff_last_seen"
# Writing the session on every request would be a database write per page view: once a minute is enough.
REFRESH_SECONDS = 60


@receiver(user_logged_in)
def remember_staff(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[STAFF_KEY] = is_staff_account(user)
        request.session[LAST_SEEN_KEY] = int(time.time())


def idle_seconds() -> int:
    return getattr(settings, "STAFF_SESSION_IDLE_MINUTES", 30) * 60


class StaffSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        in_admin = request.path.startswith("/admin/")
        staff = is_staff_account(user) if in_admin else request.session.get(STAFF_KEY, False)
        if staff:
            if response := self._expired(request):
                return response
            if in_admin and mfa_required(user) and not has_totp(user):
                messages.warning(
                    request,
                    _("Accounts that work in the admin need two-factor sign-in. Set up an authenticator app first."),
                )
                return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.path})}")
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest) -> HttpResponseBase | None:
        now = int(time.time())
        last = request.session.get(LAST_SEEN_KEY)
        if last is not None and now - last > idle_seconds():
            logout(request)
            messages.info(
                request,
                _("You were signed out after %(minutes)d minutes without activity.")
                % {"minutes": idle_seconds() // 60},
            )
            return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
        if last is None or now - last >= REFRESH_SECONDS:
            request.session[LAST_SEEN_KEY] = now
            request.session[STAFF_KEY] = True
            request.session.set_expiry(idle_seconds())  # the cookie and the stored session end with it too
        return None

"""Signed-in requests load the user and their resident row in one query (docs/voting.md, "The ballot path").

Nearly every signed-in request asks for ``request.user.resident`` (the participation gate, the header's standing,
the services' checks), which Django loads in a second query after the user's. The backends here join it to the
user in ``get_user``; a user without a resident (staff) gets the same "no resident" as before.

Django stores the path of the backend that signed a session in, and signs out a session whose path is no longer
in settings.AUTHENTICATION_BACKENDS. Sessions signed in before this change name Django's or allauth's backend:
``AuthenticationMiddleware`` below renames those paths to the ones here when the session's user is first asked
for (the session is written once, then carries the new path), so nobody is signed out by the upgrade. The old
paths are not listed as backends: a listed backend also checks passwords, and a failed sign-in would then be
hashed twice.
"""

from allauth.account import auth_backends as allauth_backends
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, backends
from django.contrib.auth import middleware as auth_middleware
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from portal.prepared import Prepared

# Compiled once per thread (portal.prepared): it runs on every signed-in request.
_USER = Prepared(lambda user_id: auth.get_user_model()._default_manager.select_related("resident").filter(pk=user_id))


class _WithResident:
    def get_user(self, user_id):
        try:
            user_id = auth.get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = _USER(user_id=user_id)
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_WithResident, backends.ModelBackend):
    """Django's ModelBackend, the user's resident joined."""


class AuthenticationBackend(_WithResident, allauth_backends.AuthenticationBackend):
    """allauth's backend (sign-in by phone number or user name), the user's resident joined."""


RENAMED = {
    "django.contrib.auth.backends.ModelBackend": f"{__name__}.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": f"{__name__}.AuthenticationBackend",
}


def get_user(request: HttpRequest):
    """Django's get_user, after renaming a session's backend path of before this module (see above)."""
    if not hasattr(request, "_cached_user"):
        stored = request.session.get(BACKEND_SESSION_KEY)
        if stored in RENAMED and stored not in settings.AUTHENTICATION_BACKENDS:
            request.session[BACKEND_SESSION_KEY] = RENAMED[stored]
        request._cached_user = auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with the renaming above (the portal runs under WSGI: request.auser is Django's own)."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))

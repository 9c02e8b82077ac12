"""Two-factor sign-in (TOTP and recovery codes, allauth's MFA app) for everyone who works in the admin.

等保 2.0 level 3 asks for two factors for administrators. Accounts that can open the Wagtail admin (superusers,
county editors, village committees, grid workers, township supervisors) must have an authenticator app set up
when ``MFA_REQUIRED_FOR_STAFF`` is on (the default): portal.staff_security sends them to set it up before any
admin page, and allauth then asks for the code at every sign-in. Residents may turn it on; nobody makes them.
"""

import io

import segno
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        # segno (pure Python, already a kept library) instead of allauth's optional qrcode dependency.
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True)
        return buffer.getvalue().decode()


def is_staff_account(user) -> bool:
    """Someone who works in the admin: the accounts the staff policies (MFA, idle expiry, passwords) cover."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def mfa_required(user) -> bool:
    return getattr(settings, "MFA_REQUIRED_FOR_STAFF", True) and is_staff_account(user)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()

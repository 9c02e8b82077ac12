"""The demo's staff accounts get an authenticator already set up, with one published secret.

Two-factor sign-in is required for every account that works in the admin, in the demo too (a county trying the
portal should see what its staff will see). So that `make run` works at once, every demo staff account shares the
secret below: add it to any authenticator app (Google Authenticator, Microsoft Authenticator, 腾讯身份验证器 …), or
run ``python manage.py demo_totp`` for the current six-digit code. A real county never runs seed_demo; its staff set
up their own authenticator at their first sign-in (docs/security.md).
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import encrypt
from django.contrib.auth import get_user_model

from .demo import DEMO_TOTP_SECRET
from .mfa import is_staff_account


def demo_staff():
    return [user for user in get_user_model().objects.order_by("username") if is_staff_account(user)]


def seed(log) -> None:
    for user in demo_staff():
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}}
        )
        RecoveryCodes.activate(user)
    log(f"two-factor sign-in for the staff accounts: secret {DEMO_TOTP_SECRET} (manage.py demo_totp prints the code)")

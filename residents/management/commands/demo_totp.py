"""Print the current two-factor code of the demo's staff accounts (their shared, published demo secret)."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from residents.demo import DEMO_TOTP_SECRET
from residents.demo_mfa import demo_staff


class Command(BaseCommand):
    help = "Show the six-digit sign-in code of the demo staff accounts (seed_demo's demo secret; demo only)."

    def handle(self, *args, **options) -> None:
        now = int(time.time())
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // 30))
        names = ", ".join(user.get_username() for user in demo_staff()) or "(run seed_demo first)"
        self.stdout.write(f"Code {code}, valid for {30 - now % 30} more seconds, for: {names}")
        self.stdout.write(f"Or add the secret {DEMO_TOTP_SECRET} to an authenticator app.")

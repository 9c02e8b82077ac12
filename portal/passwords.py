"""A stricter password rule for staff accounts, on top of the ones every account has (AUTH_PASSWORD_VALIDATORS:
not similar to the account name or e-mail, not a common password, not all digits).

Staff here means anyone who works in the admin (residents.mfa.is_staff_account), and every place a password is
set for one: the admin's user forms and its own password change (the request is under /admin/), allauth's change,
set and reset forms for a staff account, and the management commands (no request: createsuperuser,
changepassword), which only administrators run.
"""

from allauth.core import context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from residents.mfa import is_staff_account


def _staff_path() -> bool:
    request = context.request
    return request is None or request.path.startswith("/admin/")


class StaffPasswordValidator:
    def __init__(self, min_length: int | None = None) -> None:
        self.min_length = min_length

    @property
    def length(self) -> int:
        return self.min_length or getattr(settings, "STAFF_PASSWORD_MIN_LENGTH", 12)

    def validate(self, password: str, user=None) -> None:
        staff = _staff_path() or (user is not None and user.pk is not None and is_staff_account(user))
        if staff and len(password) < self.length:
            raise ValidationError(
                ngettext(
                    "Accounts that work in the admin need a password of at least %(length)d character.",
                    "Accounts that work in the admin need a password of at least %(length)d characters.",
                    self.length,
                )
                % {"length": self.length},
                code="staff_password_too_short",
            )

    def get_help_text(self) -> str:
        return _("Accounts that work in the admin need at least %(length)d characters.") % {"length": self.length}

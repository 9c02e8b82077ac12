"""allauth adapter: phone numbers live on the Resident, codes go through the pluggable SMS sender."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.ratelimit import client_ip

from .models import Resident
from .phones import ChinaPhoneField, normalise_phone
from .sms import CODE, send_sms


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "That e-mail address and password do not match an account. Check both, or reset your password."
        ),
        "phone_password_mismatch": _(
            "That mobile number and password do not match an account. Check both, or reset your password."
        ),
        "username_password_mismatch": _(
            "That account name and password do not match. Check both, or reset your password."
        ),
        "incorrect_code": _("That code is wrong or has expired. Ask for a new code and try again."),
        "invalid_or_expired_key": _("This link is wrong or has expired. Ask for a new one."),
        "invalid_password_reset": _("This password reset link is wrong or has expired. Ask for a new one."),
        "unknown_email": _("No account uses this e-mail address. Check it, or sign up."),
        "unknown_phone": _("No account uses this mobile number. Check it, or sign up."),
        "phone_taken": _("Another account already uses this mobile number."),
        "too_many_login_attempts": _(
            "Too many wrong attempts. Wait a few minutes and try again, or reset your password."
        ),
        "rate_limited": _("Too many requests in a short time. Wait a few minutes and try again."),
    }

    def get_client_ip(self, request) -> str:
        # Behind nginx every request comes from 127.0.0.1: allauth's limits per address would be one county-wide
        # bucket. The portal's own limiter trusts X-Real-IP from the configured proxies; allauth uses the same.
        return client_ip(request) or super().get_client_ip(request)

    def phone_form_field(self, **kwargs):
        # allauth passes its own label ("Phone"); villagers know it as 手机号.
        kwargs["label"] = _("Mobile number")
        kwargs.setdefault("help_text", _("For example 138 1234 5678."))
        field = ChinaPhoneField(**kwargs)
        field.widget.attrs["placeholder"] = "138 1234 5678"
        field.widget.attrs["inputmode"] = "tel"
        return field

    def clean_phone(self, phone: str) -> str:
        return normalise_phone(phone)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        message = gettext("Your Village Commons code is %(code)s. Do not share it.") % {"code": code}
        send_sms(phone, message, kind=CODE, params={"code": code})

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(phone, gettext("Someone asked for a sign-in code for this number, but no account uses it."))

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(phone, gettext("Someone tried to sign up with this number, which already has an account."))

    def set_phone(self, user, phone: str, verified: bool) -> None:
        resident = getattr(user, "resident", None)
        if resident is None:
            # Sign-up: the Resident is created right after this by the sign-up form, which reads the phone.
            user._pending_phone = (normalise_phone(phone), verified)
            return
        resident.phone = normalise_phone(phone)
        resident.phone_verified = verified
        resident.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        resident = getattr(user, "resident", None)
        if resident is not None and resident.phone:
            return resident.phone, resident.phone_verified
        pending = getattr(user, "_pending_phone", None)
        return pending

    def set_phone_verified(self, user, phone: str) -> None:
        from .claims import confirm_by_phone_code

        phone = normalise_phone(phone)
        Resident.objects.filter(user=user, phone=phone).update(phone_verified=True)
        resident = getattr(user, "resident", None)
        if resident is not None:
            resident.phone_verified = True
        # The code went to the number on a record this sign-up claims: whoever holds that phone is that resident.
        record = confirm_by_phone_code(user, phone)
        if record is not None:
            Resident.objects.filter(pk=record.pk).update(phone_verified=True)
            user.refresh_from_db()

    def get_user_by_phone(self, phone: str):
        resident = (
            Resident.objects.select_related("user")
            .filter(phone=normalise_phone(phone), user__isnull=False, deleted_at__isnull=True)
            .first()
        )
        return resident.user if resident else None

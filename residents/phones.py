"""Mobile numbers: residents type 138 1234 5678; we store E.164 (+8613812345678)."""

import re

from allauth.account.fields import PhoneField

_CN_MOBILE = re.compile(r"^1\d{10}$")


def normalise_phone(value: str) -> str:
    value = (value or "").strip().replace(" ", "").replace("-", "")
    if value.startswith("0086"):
        value = "+86" + value[4:]
    if _CN_MOBILE.match(value):
        value = "+86" + value
    return value


class ChinaPhoneField(PhoneField):
    """allauth's phone field that also accepts an 11-digit mainland number without +86."""

    def to_python(self, value):
        return normalise_phone(super().to_python(value))

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Village

from .models import NAME_MAX_LENGTH, Resident, mask_name, single_line
from .phones import ChinaPhoneField
from .services import create_resident_for_signup


class NameField(forms.CharField):
    """A person's name: one line, trimmed, at most 40 characters (checked after the line breaks are gone)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", NAME_MAX_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value):
        return single_line(super().to_python(value))


class ResidentSignupForm(forms.Form):
    """allauth builds its sign-up form on this one (ACCOUNT_SIGNUP_FORM_CLASS): village and household come
    first, the account fields (mobile, e-mail, password) follow."""

    village = forms.ModelChoiceField(
        label=_("Your village"), queryset=Village.objects.order_by("township", "name"), empty_label=_("Choose…")
    )
    household_number = forms.CharField(
        label=_("Household number"),
        max_length=20,
        help_text=_("As in your household register (户口簿). Ask the village committee if you do not know it."),
    )
    real_name = NameField(label=_("Real name"), help_text=_("Seen only by your village committee, to verify you."))
    display_name = NameField(
        label=_("Name shown on the portal"),
        required=False,
        help_text=_("Leave empty to show your name with the second character hidden, like 王*英."),
    )

    field_order = ["village", "household_number", "real_name", "display_name"]

    def clean(self):
        cleaned = super().clean()
        has_both_fields = "phone" in self.fields and "email" in self.fields
        if has_both_fields and not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise forms.ValidationError(_("Give a mobile number or an e-mail address, so that you can sign in."))
        phone = cleaned.get("phone")
        if phone and self._phone_held_by_someone_else(phone, cleaned):
            # Said nowhere (ACCOUNT_PREVENT_ENUMERATION): allauth makes no account and texts that number
            # "someone tried to sign up with this number", exactly as for a number that has an account.
            self.account_already_exists = True
        return cleaned

    @staticmethod
    def _phone_held_by_someone_else(phone: str, cleaned: dict) -> bool:
        """The number is on a record on file that this sign-up is not claiming (a claimed record's own number
        is how the claim is proved: the code goes to that phone)."""
        from .claims import record_claimed_by

        holder = Resident.objects.filter(phone=phone).first()
        if holder is None or holder.user_id is not None:  # an account's number: allauth's own check handles it
            return False
        claimed = record_claimed_by(
            cleaned.get("village"),
            (cleaned.get("household_number") or "").strip(),
            single_line(cleaned.get("real_name") or ""),
        )
        return claimed is None or claimed.pk != holder.pk

    def signup(self, request, user) -> None:
        data = self.cleaned_data
        pending = getattr(user, "_pending_phone", None)
        create_resident_for_signup(
            user,
            village=data["village"],
            household_number=data["household_number"].strip(),
            real_name=data["real_name"].strip(),
            display_name=data.get("display_name", "").strip() or mask_name(data["real_name"]),
            phone=pending[0] if pending else "",
        )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the resident sees it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_(
            "Say what is wrong and how to put it right, e.g. “Household number not on the roll: bring "
            "your 户口簿 to the village office.”"
        ),
    )


class RollUploadForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    file = forms.FileField(
        label=_("Household roll (CSV)"),
        help_text=_(
            "Columns: 户号, 姓名, and optionally 手机号 and 村民代表 (是/否). UTF-8 or GBK, as Excel or WPS saves it."
        ),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        if villages.count() == 1:
            self.fields["village"].initial = villages.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class OfflineResidentForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    real_name = NameField(label=_("Real name"))
    household_number = forms.CharField(label=_("Household number"), max_length=20)
    display_name = NameField(label=_("Name shown on the portal"), required=False)
    phone = ChinaPhoneField(label=_("Mobile number (optional)"), required=False)
    is_representative = forms.BooleanField(label=_("Villager representative (村民代表)"), required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        if villages.count() == 1:
            self.fields["village"].initial = villages.first()

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if phone and Resident.objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("Another resident already uses this mobile number."))
        return phone


class ProfileForm(forms.ModelForm):
    """Name, the channels announcements come by, and quiet hours. A plain form: <input type="time"> where the
    browser has it, and a text box that takes 22:00 where it has not (no script either way)."""

    class Meta:
        model = Resident
        fields = ["display_name", "notify_in_inbox", "notify_by_email", "notify_by_sms", "quiet_from", "quiet_until"]
        field_classes = {"display_name": NameField}
        widgets = {
            "quiet_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_from"), cleaned.get("quiet_until")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both ends of the quiet hours, or neither."))
        if start is not None and start == end:
            raise forms.ValidationError(_("Quiet hours must end at another time than they start."))
        return cleaned


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        help_text=_("Your proposals and comments stay, shown as “Deleted user”; counted votes stay counted."),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in {"DELETE", "注销", "註銷"}:
            raise forms.ValidationError(_("Type DELETE (or 注销) to confirm."))
        return value

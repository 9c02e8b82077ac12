from django import forms
from django.utils.translation import gettext_lazy as _

from home.privacy.resident_text import validate_public_text
from home.resident_photos import ACCEPT, clean_photo
from residents.models import Resident

from . import workflow
from .models import PLATFORM_CHOICES, Grid, RequestCategory, ResidentRequest
from .models.requests import DESCRIPTION_MAX_LENGTH


class RequestForm(forms.ModelForm):
    """A resident's own request."""

    # A plain file field: the photo is sniffed, capped and re-encoded by home.resident_photos (Django's image
    # field would decode a decompression bomb first and answer only "not a valid image").
    photo = forms.FileField(label=_("photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    class Meta:
        model = ResidentRequest
        fields = ["category", "grid", "description", "place", "address", "photo", "show_publicly"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.village = village
        self.fields["category"].queryset = RequestCategory.objects.all()
        self.fields["grid"].queryset = Grid.objects.filter(village=village)
        self.fields["grid"].required = False
        self.fields["description"].help_text = _(
            "Say what happened and where. Please do not write ID or bank card numbers."
        )
        # Shown in public when the resident allows it, and in Open311: no full number, no endless text.
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX_LENGTH
        self.fields["description"].validators.append(validate_public_text)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or not hasattr(photo, "content_type"):  # none chosen
            return photo
        return clean_photo(photo)


class OnBehalfForm(RequestForm):
    """Village staff file a walk-in or phone request for a resident."""

    resident = forms.ModelChoiceField(queryset=Resident.objects.none(), required=False, label=_("resident"))

    class Meta(RequestForm.Meta):
        fields = ["channel", "resident", "contact_name", "contact_phone", *RequestForm.Meta.fields]

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, village=village, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(village=village, deleted_at__isnull=True)
        self.fields["channel"].choices = [
            c for c in ResidentRequest.Channel.choices if c[0] != ResidentRequest.Channel.ONLINE
        ]

    def clean(self):
        data = super().clean()
        if not data.get("resident") and not data.get("contact_name"):
            raise forms.ValidationError(_("Choose the resident or write down the name of the person."))
        return data


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, t.label) for a, t in workflow.TRANSITIONS.items()])
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    platform = forms.ChoiceField(label=_("platform"), choices=[("", "—"), *PLATFORM_CHOICES], required=False)
    department = forms.CharField(label=_("department"), max_length=100, required=False)


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How satisfied are you?"), choices=workflow.RATING_CHOICES, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything to add? (needed if you are not satisfied)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

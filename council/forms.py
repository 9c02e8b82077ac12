from django import forms
from django.utils.translation import gettext_lazy as _


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    text = forms.CharField(
        label=_("Your proposal"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("What should the council discuss, and why? Leave out ID and phone numbers."),
    )

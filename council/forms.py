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


class DemandForm(forms.Form):
    """Start a demand: the kinds offered are those the resident may sign (representatives get all three)."""

    kind = forms.ChoiceField(label=_("Which meeting"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("What the meeting is to discuss"), max_length=120)
    reason = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
        help_text=_("Why the meeting is needed. Leave out ID and phone numbers."),
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0][0]

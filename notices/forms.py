from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the committee's answer. Leave out ID, phone and bank card numbers."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=pgettext_lazy("resident question", "Answer"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )

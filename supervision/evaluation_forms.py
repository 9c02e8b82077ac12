"""Forms of the democratic evaluation's admin (民主评议, VCOL art. 33): opening one, and a voter's paper ballot."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residents.models import Resident

from . import evaluation_rules
from .evaluation_models import Evaluation


class _PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Resident) -> str:
        return obj.real_name or obj.display_name


class OpenEvaluationForm(forms.Form):
    year = forms.IntegerField(label=_("Year evaluated"), min_value=2000, max_value=2100)
    body = forms.ChoiceField(label=_("Who rates"), choices=Evaluation.Body.choices, widget=forms.RadioSelect)
    opens = forms.DateTimeField(label=_("Voting opens"), help_text=_("For example 2026-12-20 09:00."))
    closes = forms.DateTimeField(label=_("Voting closes"), help_text=_("The end of the meeting."))
    committee = _PersonChoice(
        label=_("Village committee members"),
        queryset=Resident.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("From the village committee's accounts on the register."),
    )
    # Names typed, not a list of the register: a village has thousands of verified residents.
    staff = forms.CharField(
        label=_("Staff paid from collective funds"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Their names as on the register, one per line."),
    )

    def __init__(self, *args, committee, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committee
        self.village = village
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)
            self.initial.setdefault("committee", list(committee.values_list("pk", flat=True)))

    def clean_staff(self) -> list[Resident]:
        """Each name must be exactly one verified resident of the village (two of the same name: say which)."""
        found, problems = [], []
        register = Resident.objects.filter(
            village=self.village, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
        )
        for name in dict.fromkeys(line.strip() for line in self.cleaned_data["staff"].splitlines()):
            if not name:
                continue
            matches = list(register.filter(real_name=name)[:2])
            if len(matches) == 1:
                found.append(matches[0])
            else:
                problems.append(name)
        if problems:
            raise forms.ValidationError(
                _("Not found on the register, or more than one resident has this name: %(names)s")
                % {"names": "、".join(problems)}
            )
        return found


RATING_CHOICES = [
    ("", _("Not marked")),
    (evaluation_rules.COMPETENT, _("Competent (称职)")),
    (evaluation_rules.BASICALLY_COMPETENT, _("Basically competent (基本称职)")),
    (evaluation_rules.NOT_COMPETENT, _("Not competent (不称职)")),
]


class PaperBallotForm(forms.Form):
    """One voter's paper ballot as marked: a rating per person, or none where the paper leaves it blank."""

    voter = forms.ModelChoiceField(label=_("Voter (resident number)"), queryset=Resident.objects.none())

    def __init__(self, *args, evaluation: Evaluation, persons, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].queryset = voters
        self.fields["voter"].widget = forms.NumberInput()
        self.persons = list(persons)
        for person in self.persons:
            self.fields[f"rating-{person.pk}"] = forms.ChoiceField(
                label=person.resident.public_name, choices=RATING_CHOICES, required=False
            )

    def ratings(self) -> dict:
        return {person: self.cleaned_data.get(f"rating-{person.pk}") for person in self.persons}

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.models import Meeting, Motion
from residents.models import Resident

from .models import COMPLAINT_MAX_LENGTH, Complaint, SupervisionMember, committee_conflict, conflict_message


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is wrong"), choices=Complaint.Kind.choices, widget=forms.RadioSelect)
    period = forms.CharField(
        label=_("Period of the notice"),
        max_length=8,
        required=False,
        help_text=_("For example 2026-02 for February's finances, or 2026-Q1 for the first quarter."),
    )
    notice = forms.ModelChoiceField(
        queryset=None,
        label=_("Which notice is untrue"),
        required=False,
        help_text=_("For a complaint that a published notice is untrue: choose the notice."),
    )
    text = forms.CharField(
        label=_("Your complaint"),
        max_length=COMPLAINT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The township receives it, not the village committee. Your name is never shown in public; please do "
            "not write ID or phone numbers."
        ),
    )

    def __init__(self, *args, notices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from notices.models import NoticePage

        field = self.fields["notice"]
        field.queryset = notices if notices is not None else NoticePage.objects.none()
        field.label_from_instance = lambda notice: f"{notice.date:%Y-%m-%d} {notice.title}"

    def clean(self):
        data = super().clean()
        if data.get("kind") == Complaint.Kind.UNTRUE and not data.get("notice") and self.fields["notice"].queryset:
            self.add_error("notice", _("Choose the notice you say is untrue."))
        return data


class AuditDemandForm(forms.Form):
    """Villagers demand an audit of a matter (VCOL art. 35 (六)); counted as council's demands are."""

    title = forms.CharField(label=_("The matter to be audited"), max_length=120)
    reason = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
        help_text=_("Why the matter should be audited. Leave out ID and phone numbers."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=COMPLAINT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Complaint.Outcome.choices, widget=forms.RadioSelect)
    finding = forms.CharField(
        label=_("Finding"), max_length=COMPLAINT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )


class MemberForm(forms.ModelForm):
    """The admin form for a seat; the art. 32 conflict is refused on the resident field with its reason."""

    class Meta:
        model = SupervisionMember
        fields = ["resident", "role", "chosen_by", "term_starts_on", "term_ends_on", "accounting_knowledge"]
        widgets = {
            "term_starts_on": forms.DateInput(attrs={"type": "date"}),
            "term_ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, village, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.village = village
        self.instance.village = village
        self.fields["resident"].queryset = Resident.objects.filter(
            village=village, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
        ).order_by("household_number", "display_name")
        self.fields["resident"].label_from_instance = lambda r: (
            f"{r.real_name or r.display_name} · {r.household_number}"
        )
        self.fields["chosen_by"].queryset = (
            Motion.objects.filter(
                agenda_item__meeting__village=village,
                agenda_item__meeting__kind__in=[Meeting.Kind.ASSEMBLY, Meeting.Kind.REPRESENTATIVES],
                passed=True,
            )
            .select_related("agenda_item__meeting")
            .order_by("-agenda_item__meeting__date")
        )
        self.fields["chosen_by"].label_from_instance = lambda m: (
            f"{m.agenda_item.meeting.date:%Y-%m-%d} {m.agenda_item.meeting.title}: {m.text[:40]}"
        )

    def clean_resident(self):
        resident = self.cleaned_data["resident"]
        # Checked here too so that the clerk reads the reason on the field at once (VCOL art. 32).
        if found := committee_conflict(self.village, resident):
            raise ValidationError(conflict_message(found))
        return resident

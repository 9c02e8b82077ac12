"""Admin forms and the permission policy that keep a committee inside its own village."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.base import BasePermissionPolicy

from home import document_checks
from home.models import Village
from residents.models import Resident
from residents.rules import committee_villages

from . import quorum, services
from .models import Meeting, RollCallVote


class VillagePolicy(BasePermissionPolicy):
    """Committee members manage the records of their own villages; only county administrators delete.

    ``village_path`` is the lookup from the model to its Village (VCOL art. 34: records are archived,
    so a committee never deletes).
    """

    def __init__(self, model, village_path: str):
        super().__init__(model)
        self.village_path = village_path

    def _village_of(self, instance) -> Village | None:
        obj = instance
        for part in self.village_path.split("__"):
            obj = getattr(obj, part, None)
        return obj

    def user_has_permission(self, user, action):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return action != "delete" and committee_villages(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        village_pk = getattr(self._village_of(instance), "pk", None)
        return user.is_superuser or committee_villages(user).filter(pk=village_pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return self.model._default_manager.none()
        if user.is_superuser:
            return self.model._default_manager.all()
        return self.model._default_manager.filter(**{f"{self.village_path}__in": committee_villages(user)})

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if actions == ["delete"]:
            return users.filter(is_superuser=True)
        return users.filter(Q(is_superuser=True) | Q(groups__village__isnull=False)).distinct()


class VillageScopedForm(WagtailAdminModelForm):
    """Choices of village, council, term and resident limited to the editor's villages."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        villages = committee_villages(for_user) if for_user is not None else Village.objects.none()
        if "village" in self.fields:
            field = self.fields["village"]
            field.queryset = villages
            # Village is a snippet, so Wagtail offered its chooser, which lists every village of the county: a
            # plain list of the editor's own villages instead, chosen already when there is only one.
            field.widget = forms.Select(choices=field.choices)
            if self.instance.pk is None and len(field.queryset) == 1:
                self.initial.setdefault("village", field.queryset[0].pk)
        if "council" in self.fields:
            for village in villages:
                services.council_of(village)
            self.fields["council"].queryset = self.fields["council"].queryset.filter(village__in=villages)
        if "granted_by" in self.fields:
            self.fields["granted_by"].queryset = self.fields["granted_by"].queryset.filter(village__in=villages)
        members = self.formsets.get("members") if hasattr(self, "formsets") else None
        if members is not None:
            for form in [*members.forms, members.empty_form]:
                if "resident" in form.fields:
                    form.fields["resident"].queryset = Resident.objects.filter(village__in=villages)


class CouncilTermForm(VillageScopedForm):
    def clean(self):
        cleaned = super().clean()
        council = cleaned.get("council")
        if council is None:
            return cleaned
        for form in self.formsets["members"].forms:
            member = form.instance
            if member.pk and form.is_valid() and form.cleaned_data.get("DELETE"):
                if RollCallVote.objects.filter(member=member).exists():
                    self.add_error(
                        None,
                        _(
                            "%(name)s cannot be removed from the term: their roll-call votes are recorded, and the "
                            "record is kept (Village Committees Organisation Law, art. 34)."
                        )
                        % {"name": member.name},
                    )
                continue
            resident = form.cleaned_data.get("resident") if form.is_valid() else None
            if resident is not None and resident.village_id != council.village_id:
                form.add_error(
                    "resident",
                    _(
                        "%(resident)s lives in another village; a member can be linked only to a resident of "
                        "%(village)s."
                    )
                    % {"resident": resident, "village": council.village.name},
                )
        return cleaned


class MeetingForm(VillageScopedForm):
    def _check_attendance_count(self, cleaned: dict) -> None:
        """A council meeting's count present cannot be lower than the voting members ticked on its sheet."""
        village, date, present = cleaned.get("village"), cleaned.get("date"), cleaned.get("present_persons")
        attendance = self.formsets.get("attendance")
        if cleaned.get("kind") != quorum.COUNCIL or not village or not date or present is None or not attendance:
            return
        council = services.council_of(village)
        term = council.term_on(date)
        voters = {member.name for member in term.members.all() if member.votes(council)} if term else set()
        ticked = {
            form.cleaned_data["name"].strip()
            for form in attendance.forms
            if form.is_valid()
            and form.cleaned_data.get("present")
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("name")
        }
        on_sheet = len(ticked & voters)
        if on_sheet > present:
            self.add_error(
                "present_persons",
                _(
                    "The attendance sheet lists %(sheet)d voting members present, more than the %(present)d "
                    "entered here."
                )
                % {"sheet": on_sheet, "present": present},
            )

    def _ask_for_missing_register_figures(self, cleaned: dict) -> None:
        """A base of zero is a figure never entered, and a quorum without a base cannot be judged: ask for it.

        A villager group's figures are typed on this form; the other kinds take theirs from the village register
        (or, for a council, its voting members on the meeting date), which must be completed first.
        """
        kind, village, date = cleaned.get("kind"), cleaned.get("village"), cleaned.get("date")
        if kind not in quorum.KINDS or village is None or date is None:
            return
        if kind == quorum.GROUP:
            for name, message in (
                ("eligible_adults", _("Enter the number of adults on the group's roll: the quorum is judged by it.")),
                (
                    "eligible_households",
                    _("Enter the number of households on the group's roll: the quorum is judged by it."),
                ),
            ):
                if not cleaned.get(name):
                    self.add_error(name, message)
            return
        if self.instance.pk is not None:
            return  # the figures were frozen when the meeting was first recorded
        probe = Meeting(village=village, kind=kind, date=date)
        services.freeze_register(probe)
        missing = quorum.missing_bases(kind, probe.eligible)
        messages = {
            "adults": _("The register of %(village)s has no number of adult villagers in force on %(date)s."),
            "households": _("The register of %(village)s has no number of households in force on %(date)s."),
            "representatives": _("The register of %(village)s has no number of representatives in force on %(date)s."),
            "members": _("%(village)s has no voting council members on record on %(date)s."),
        }
        for base in missing:
            self.add_error(
                None,
                _("%(missing)s Enter it first: without it the meeting's quorum cannot be judged.")
                % {"missing": messages[base] % {"village": village.name, "date": date.isoformat()}},
            )

    def _check_attachments(self) -> None:
        """A meeting's attachments are linked from the public council page as soon as it is saved (a meeting has no
        publish step), so each gets the checks a notice's attachments get when the notice is published
        (home.document_checks): the document's title, file name and text, whatever its collection (a private one is
        not checked at upload, and its "login" restriction lets every resident open it), and the shown title."""
        attachments = self.formsets.get("attachments")
        for form in attachments.forms if attachments is not None else []:
            if not form.is_valid() or form.cleaned_data.get("DELETE") or not form.cleaned_data.get("document"):
                continue
            try:
                document_checks.check_title(form.cleaned_data.get("title", ""))
            except forms.ValidationError as problem:
                form.add_error("title", problem)
            document = form.cleaned_data["document"]
            scan = document_checks.cached_scans([document])[document.pk]
            problem = document_checks.document_problem(document, scan)
            if problem is not None:
                form.add_error("document", problem)

    def clean(self):
        cleaned = super().clean()
        self._check_attendance_count(cleaned)
        self._check_attachments()
        self._ask_for_missing_register_figures(cleaned)
        agenda = self.formsets.get("agenda")
        for form in agenda.forms if agenda is not None else []:
            item = form.instance
            if item.pk is None or not form.is_valid() or not form.cleaned_data.get("DELETE"):
                continue
            if item.motions.exists() or item.proposals.exists():
                # Votes and proposals are archived (VCOL art. 34): the item stays, and what was typed is kept.
                self.add_error(
                    None,
                    _(
                        "The agenda item “%(title)s” cannot be removed: a vote or a resident's proposal is "
                        "recorded on it, and the record is kept (Village Committees Organisation Law, art. 34). "
                        "Change its title instead, or add a new item."
                    )
                    % {"title": item.title},
                )
        return cleaned

    def save(self, commit=True):
        meeting = self.instance
        if meeting.pk is None:
            services.freeze_register(meeting)
        elif meeting.kind != quorum.GROUP:
            # Frozen when first recorded: an edit never re-reads or overwrites the register figures.
            for name in ("eligible_adults", "eligible_households"):
                setattr(meeting, name, self.initial.get(name, getattr(meeting, name)))
        saved = super().save(commit=commit)
        if commit:
            services.link_attendance(saved)
        return saved

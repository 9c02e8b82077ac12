"""The consultation page's editor form: refuses to remove questions or options that ballots point to.

Ballots, participations and ballot choices are PROTECT (nothing counted is deleted), so removing such a
question in the page editor would end in a ProtectedError (HTTP 500). The editor sees a message instead.
"""

from django.utils.translation import gettext as _

from notices.guard import PersonalDataGuardForm


def _deleted(formset) -> list:
    return [form for form in formset.forms if formset.can_delete and formset._should_delete_form(form)]


class ConsultationPageForm(PersonalDataGuardForm):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        questions = self.formsets.get("questions")
        if questions is None or not hasattr(questions, "cleaned_data"):
            return valid
        return self._keep_counted(questions) and valid

    def _keep_counted(self, questions) -> bool:
        from .models import BallotChoice, Participation

        ok = True
        for form in questions.forms:
            question = form.instance
            if question.pk is None:
                continue
            if form in _deleted(questions):
                if Participation.objects.filter(question=question).exists():
                    form.add_error(
                        None,
                        _("“%(question)s” has ballots and cannot be removed: counted votes are never deleted.")
                        % {"question": question.text},
                    )
                    ok = False
                continue
            options = form.formsets.get("options") if hasattr(form, "formsets") else None
            for option_form in _deleted(options) if options is not None else []:
                option = option_form.instance
                if option.pk and BallotChoice.objects.filter(option=option).exists():
                    option_form.add_error(
                        None,
                        _("The option “%(option)s” has votes and cannot be removed.") % {"option": option.label},
                    )
                    ok = False
        return ok

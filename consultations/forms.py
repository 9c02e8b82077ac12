"""The consultation page's editor form: says what can no longer change once votes were cast.

The rules are the page's (ConsultationPage.locked_changes, run again by the model's clean() on every save,
whatever the path). Here they are checked on the page as the editor's form would save it, questions and options
included, so that the editor reads the message next to what they changed instead of a server error, and keeps
everything they typed.
"""

from home import translations
from home.privacy.guard import PersonalDataGuardForm


class ConsultationPageForm(PersonalDataGuardForm):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid or self.instance.pk is None:
            return valid
        page = self.save(commit=False)  # what Wagtail saves next: the page with its questions in memory
        if not translations.is_record_page(page):
            return valid  # a translation's questions are words over the record page's ballot
        errors = page.locked_changes()
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return not errors

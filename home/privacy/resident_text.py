"""What residents write in public (comments, proposals, questions, rule comments, requests, council proposals):
no full ID, mobile or card number, and no more than a page of text.

Three places hold the rule, so that no path skips it:
- the model field: `validators=[PublicTextValidator(limit)]` (and `max_length` on plain-text fields), so every
  ModelForm, the Wagtail admin and `full_clean()` refuse such text;
- the service that creates or edits the record asks public_text_problem() and raises its own error with the
  message, so a form, the API, Open311 or a management command gets the same refusal (a 4xx, never a 500);
- the form field (validate_public_text) shows it next to the field.
Text stored before this check is not refused when the record is saved again (moderation must still hide it);
it is masked where it is shown (home.privacy.detect.mask_all; templates use the |mask_numbers filter).
"""

import html

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .detect import contains_personal_data

PUBLIC_TEXT_MAX_LENGTH = 4000  # characters: a long comment is two pages; a 1 MB one is refused


def personal_number_message() -> str:
    return _("Please do not write phone numbers in public places: the village committee can see them in your profile.")


def too_long_message(limit: int) -> str:
    return _("Please keep it under %(limit)d characters.") % {"limit": limit}


def public_text_problem(*texts: str, limit: int = PUBLIC_TEXT_MAX_LENGTH) -> str | None:
    """The message for the resident when one of the texts may not be published as written, else None."""
    for text in texts:
        if len(text or "") > limit:
            return too_long_message(limit)
    for text in texts:
        if contains_personal_data(text or ""):
            return personal_number_message()
    return None


def validate_public_text(value: str) -> None:
    """A form field validator: the same check, as a field error."""
    if problem := public_text_problem(value):
        raise ValidationError(problem, code="public_text")


@deconstructible
class PublicTextValidator:
    """The model field validator. Some fields store the resident's text as sanitized HTML (`<p>…</p>`, `&amp;`):
    the length counted is that of the text the resident wrote, so a record that was within the cap stays valid."""

    code = "public_text"

    def __init__(self, limit: int = PUBLIC_TEXT_MAX_LENGTH):
        self.limit = limit

    def __call__(self, value: str) -> None:
        written = html.unescape(strip_tags(value or "")) if "<" in (value or "") else (value or "")
        if len(written) > self.limit:
            raise ValidationError(too_long_message(self.limit), code=self.code)
        if contains_personal_data(value or ""):
            raise ValidationError(personal_number_message(), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicTextValidator) and other.limit == self.limit

    def __hash__(self) -> int:
        return hash(self.limit)

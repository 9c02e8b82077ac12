"""What residents write in public (comments, proposals, questions, rule comments, requests, council proposals):
no full ID, mobile or card number, and no more than a page of text.

The service of each feature asks public_text_problem() and raises its own error with the message, so the
resident sees it in the form they wrote in (a 4xx, never a 500). Text stored before this check is masked
where it is shown (home.privacy.detect.mask_all; templates use the |mask_numbers filter of privacy_tags).
"""

from django.core.exceptions import ValidationError
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

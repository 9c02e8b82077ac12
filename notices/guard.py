"""The personal-data guard: no page is published with a full ID, mobile or bank-card number in it.

Every page type's admin form derives from PersonalDataGuardForm (home/models sets it as
base_form_class), so the refusal is a field error in the editor's own form, naming the field and
showing the offending text masked. Drafts may still be saved: the committee may be halfway through
masking a list, and a draft is never public. Not covered: the bulk "publish" action of the page
explorer and scheduled publishing of an older draft, which publish revisions without a form.
"""

from collections.abc import Iterator
from typing import Any

from django.forms import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from .personal_data import Finding, find_personal_data

KIND_LABELS = {
    "id": lambda: _("resident ID number"),
    "mobile": lambda: _("mobile phone number"),
    "card": lambda: _("bank card number"),
}

# Blocks that mask what they show when rendering, so full numbers in them are fine to publish.
SELF_MASKING_BLOCKS = {"people"}


def texts_in(value: Any) -> Iterator[str]:
    """Every piece of text inside a form value: strings, rich text, and a stream's raw data walked deeply."""
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        yield strip_tags(value) if "<" in value else value
    elif isinstance(value, RichText):
        yield strip_tags(value.source)
    elif isinstance(value, StreamValue):
        for item in value.raw_data:
            if isinstance(item, dict) and item.get("type") in SELF_MASKING_BLOCKS:
                continue
            yield from texts_in(item.get("value") if isinstance(item, dict) else item)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("type", "id"):
                yield from texts_in(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from texts_in(inner)
    elif hasattr(value, "get_prep_value") and not hasattr(value, "_meta"):
        # Struct and list values of blocks nested inside a stream.
        yield from texts_in(value.get_prep_value())


def findings_in(value: Any) -> list[Finding]:
    return [finding for text in texts_in(value) for finding in find_personal_data(text)]


def refusal_message(findings: list[Finding]) -> str:
    shown = "; ".join(f"{KIND_LABELS[f.kind]()} {f.masked}" for f in findings[:3])
    return _(
        "This cannot be published: it contains personal data in full (%(found)s). "
        "Mask it, e.g. 4201**********1234 or 138****5678, or use a people list block, which masks by itself."
    ) % {"found": shown}


# Submitting to a moderation workflow counts: its approval publishes the very revision submitted.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


def is_publishing(data: Any) -> bool:
    return bool(data) and any(data.get(action) for action in PUBLISHING_ACTIONS)


def _refuse_in(form: Any) -> bool:
    refused = False
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        findings = findings_in(value)
        if findings and name in form.fields:
            form.add_error(name, ValidationError(refusal_message(findings), code="personal_data"))
            refused = True
    return refused


class PersonalDataGuardForm(WagtailAdminPageForm):
    def is_valid(self) -> bool:
        # After the whole form and its inline formsets are cleaned, so their values are final.
        valid = super().is_valid()
        if not valid or not is_publishing(self.data):
            return valid
        refused = _refuse_in(self)
        for formset in self.formsets.values():
            for form in formset.forms:
                refused = _refuse_in(form) or refused
        return not refused

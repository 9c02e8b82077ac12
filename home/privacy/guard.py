"""The personal-data guard: nothing is published with a full ID, mobile or bank-card number in it.

Three layers, one rule (home.privacy.detect):
- the editor's form (PersonalDataGuardForm, every page type's base_form_class) shows the refusal as a field
  error next to the field, with the number masked; drafts may still be saved, a draft is never public;
- below every route, Wagtail's PublishRevisionAction refuses a revision whose content holds a full number
  (install(), from home.apps). Every path that makes a revision live goes through it: the editor's Publish,
  the page explorer's bulk publish, a workflow's approval ("approve and publish", after an edit too),
  scheduled publishing of an older revision, the translation editor and the translations' sync
  (wagtail-localize publishes the new revision), snippets, management commands. Copying a page with
  "publish copies" makes the copy live without that action, so CopyPageAction refuses it first.
- the model-level invariant (check_live_save, a pre_save receiver): a live page is never written with a full
  number, even by page.save() without a revision (a management command, a shell edit, a script).
The refusal is a PersonalDataRefused (a ValidationError) naming the masked numbers in the active language;
in the admin, home.privacy.middleware rolls the request back and turns it into an error message.
Scheduled publishing logs the refusal and unschedules the revision instead, so the other pages still go live.

Feature apps put their own publication rules at the same layers with register_publish_check (the supervision
committee's review of financial notices, issue 24): each refuses with a PublishRefused, handled as above.
"""

import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from .detect import Finding, find_personal_data

logger = logging.getLogger(__name__)

KIND_LABELS = {
    "id": lambda: _("resident ID number"),
    "mobile": lambda: _("mobile phone number"),
    "card": lambda: _("bank card number"),
}

# Blocks that mask what they show (on the page, in the API and the search index), so full numbers in them
# are fine to publish.
SELF_MASKING_BLOCKS = {"people"}
# Fields of a page that hold no text of the page's own, or are derived from its title.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "translation_key", "path", "content_type"}
SCHEDULED = "wagtail.publish.scheduled"
_IN_TRANSLATION_WRITER: ContextVar[bool] = ContextVar("in_translation_writer", default=False)


class PublishRefused(ValidationError):
    """Publishing refused by a rule of the publish layer. str() is the message for the user."""

    def __str__(self) -> str:
        return self.message


class PersonalDataRefused(PublishRefused):
    """Publishing refused: the content holds a full personal number."""

    def __init__(self, findings: list[Finding], message: str | None = None):
        self.findings = findings
        super().__init__(message or refusal_message(findings), code="personal_data")


@dataclass(frozen=True)
class PublishCheck:
    """A feature app's rule at the publish layer. Each callable raises PublishRefused to refuse.

    on_publish(obj, revision): a revision is about to be made live (or scheduled); obj is its content. For a page
    copied live, revision is None: the copy would be live with no revision of its own yet.
    on_live_save(instance, update_fields): a live page row is about to be written (any route, revisions or not).
    """

    name: str
    on_publish: Callable[[Any, Any], None]
    on_live_save: Callable[[Any, Any], None] | None = None


_checks: dict[str, PublishCheck] = {}


def register_publish_check(check: PublishCheck) -> None:
    """From a feature app's ready(); registering the same name again replaces it."""
    _checks[check.name] = check


def run_publish_checks(obj: Any, revision: Any) -> None:
    for check in list(_checks.values()):
        check.on_publish(obj, revision)


def run_live_save_checks(instance: Any, update_fields: Any) -> None:
    for check in list(_checks.values()):
        if check.on_live_save is not None:
            check.on_live_save(instance, update_fields)


def texts_in(value: Any) -> Iterator[str]:
    """Every piece of text inside a value: strings, rich text (markup kept: the detector reads it), and a
    stream's raw data walked deeply."""
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, RichText):
        yield value.source
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


def _text_fields(instance: models.Model) -> Iterator[Any]:
    from wagtail.fields import StreamField

    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.is_relation:
            continue
        if isinstance(field, models.CharField | models.TextField | StreamField | models.JSONField):
            yield field.value_from_object(instance)


def findings_in_object(instance: models.Model) -> list[Finding]:
    """Every full number in a page's (or snippet's) text fields, streams and inline child objects."""
    from modelcluster.models import get_all_child_relations

    values = list(_text_fields(instance))
    for relation in get_all_child_relations(instance):
        name = relation.get_accessor_name()
        if name == "wagtail_admin_comments":  # the editors' own comments are never public
            continue
        for child in getattr(instance, name).all():
            values.extend(_text_fields(child))
    return findings_in(values)


def refusal_message(findings: list[Finding]) -> str:
    shown = "; ".join(f"{KIND_LABELS[f.kind]()} {f.masked}" for f in findings[:3])
    return _(
        "This cannot be published: it contains personal data in full (%(found)s). "
        "Mask it, e.g. 4201**********1234 or 138****5678, or use a people list block, which masks by itself."
    ) % {"found": shown}


def refuse_if_personal_data(instance: models.Model) -> None:
    """The content's own text, then every document it links (title, file name and the file's text)."""
    findings = findings_in_object(instance)
    if findings:
        raise PersonalDataRefused(findings)
    # Looked up on the module each time, so a test can take this one check away.
    globals()["refuse_linked_documents"](instance)


def refuse_linked_documents(instance: models.Model) -> None:
    """A document in a private collection is not checked at upload; linked from a page, its title and address
    are public with the page, so it is checked here (the scan cached by file hash, see home.document_checks)."""
    from home.document_checks import linked_document_problems

    problems = linked_document_problems(instance)
    if problems:
        raise PersonalDataRefused([], _("This cannot be published: %(problems)s") % {"problems": " ".join(problems)})


# -- below every route ---------------------------------------------------------------------------------------


def _guarded_execute(original):
    def execute(self, skip_permission_checks=False):
        try:
            refuse_if_personal_data(self.object)
            run_publish_checks(self.object, self.revision)
        except PublishRefused as refusal:
            if self.log_action != SCHEDULED:
                raise
            # publish_scheduled publishes one revision after another: refuse this one, keep the others going.
            type(self.revision).objects.filter(pk=self.revision.pk).update(approved_go_live_at=None)
            logger.warning("Scheduled publishing of %r refused: %s", self.object, refusal)
            return None
        return original(self, skip_permission_checks=skip_permission_checks)

    execute.personal_data_guard = True
    execute.unguarded = original  # tests/test_leak.py removes each guard in turn to show it is load-bearing
    return execute


def _guarded_copy_check(original):
    def check(self, skip_permission_checks=False):
        original(self, skip_permission_checks=skip_permission_checks)
        if not self.keep_live:
            return
        pages = [self.page] + (list(self.page.get_descendants()) if self.recursive else [])
        for page in pages:
            if page.live:
                # The copy's live revision is made from the latest revision, the draft included.
                content = page.specific.get_latest_revision_as_object()
                refuse_if_personal_data(content)
                run_publish_checks(content, None)

    check.personal_data_guard = True
    check.unguarded = original
    return check


def _guarded_translation(original):
    """wagtail-localize writes a translation's content into its page row (then publishes a revision after the
    commit): when that page is live, the row is public at once, so the content is checked before the commit."""

    def create_or_update_translation(self, locale, *args, **kwargs):
        from django.db import transaction

        with transaction.atomic():
            # wagtail-localize reads any ValidationError out of its save as field errors (error_dict), so the
            # live-save invariant leaves this write to the check right below, in the same transaction.
            token = _IN_TRANSLATION_WRITER.set(True)
            try:
                translation, created = original(self, locale, *args, **kwargs)
            finally:
                _IN_TRANSLATION_WRITER.reset(token)
            if getattr(translation, "live", False):
                refuse_if_personal_data(translation)
        return translation, created

    create_or_update_translation.personal_data_guard = True
    create_or_update_translation.unguarded = original
    return create_or_update_translation


def check_live_save(instance: models.Model, update_fields) -> None:
    """The model-level invariant: a live page is never written with a full number, whatever wrote it (a
    management command or a shell calling page.save() without a revision, a data migration, a script).

    Only the fields being written are read: Wagtail's save_revision writes the page row with update_fields that
    hold no content (latest revision, draft title...), while the draft content sits in the object in memory.
    """
    if update_fields is None:
        refuse_if_personal_data(instance)
        return
    concrete = {field.name: field for field in instance._meta.concrete_fields}
    values = [
        concrete[name].value_from_object(instance)
        for name in update_fields
        if name in concrete and name not in SKIPPED_FIELDS and not concrete[name].is_relation
    ]
    findings = findings_in(values)
    if findings:
        raise PersonalDataRefused(findings)


def _refuse_live_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    from wagtail.models import Page

    if raw or not isinstance(instance, Page) or not instance.live or _IN_TRANSLATION_WRITER.get():
        return
    # Looked up on the module each time, so a test can take this one guard away.
    globals()["check_live_save"](instance, update_fields)
    run_live_save_checks(instance, update_fields)


def install() -> None:
    """Put the guard into Wagtail's publish and copy actions and wagtail-localize's translation writer (once;
    from home.apps.HomeConfig.ready)."""
    from wagtail.actions.copy_page import CopyPageAction
    from wagtail.actions.publish_revision import PublishRevisionAction
    from wagtail_localize.models import TranslationSource

    if not getattr(TranslationSource.create_or_update_translation, "personal_data_guard", False):
        TranslationSource.create_or_update_translation = _guarded_translation(
            TranslationSource.create_or_update_translation
        )

    if not getattr(PublishRevisionAction.execute, "personal_data_guard", False):
        PublishRevisionAction.execute = _guarded_execute(PublishRevisionAction.execute)
    if not getattr(CopyPageAction.check, "personal_data_guard", False):
        CopyPageAction.check = _guarded_copy_check(CopyPageAction.check)
    from django.db.models.signals import pre_save

    pre_save.connect(_refuse_live_save, dispatch_uid="personal_data_live_save")


# -- the editor's form ---------------------------------------------------------------------------------------

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

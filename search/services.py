"""Actions of the search app that change state: Traditional Chinese pages made and kept in step by OpenCC."""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.edit_translation import apply_machine_translation

from search.translator import SOURCE, TARGET, OpenCCTranslator


def _translator() -> OpenCCTranslator:
    return OpenCCTranslator({})


@transaction.atomic
def translate_to_traditional(page: Page, user) -> Page:
    """One action for an editor: the zh-hant version of a Simplified page, converted and published.

    Replaces the zh-hant alias with a real translation (wagtail-localize's own submission), fills every
    string with OpenCC and publishes. Raises PermissionDenied if `user` may not edit the zh-hant page.
    """
    page = page.specific
    target = Locale.objects.get(language_code=TARGET)
    creator = TranslationCreator(user, [target])
    creator.create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=target)
    return _machine_translate_and_publish(translation, user)


def _machine_translate_and_publish(translation: Translation, user) -> Page:
    apply_machine_translation(translation.id, user, _translator())
    translation.save_target(user=user, publish=True)
    return translation.get_target_instance()


def sync_traditional(page: Page, user) -> Page | None:
    """After the Simplified source changed: update the source strings, convert the new ones, publish.

    Strings a person already translated in zh-hant are kept (only untranslated strings are converted).
    Returns the zh-hant page, or None when the page has no zh-hant translation (an alias follows the
    source by itself).
    """
    if page.locale.language_code != SOURCE:
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale__language_code=TARGET, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return None
    with transaction.atomic():
        source: TranslationSource = translation.source
        source.update_from_db()
        return _machine_translate_and_publish(translation, user)

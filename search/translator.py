"""A wagtail-localize machine translator that writes Traditional Chinese from Simplified with OpenCC.

Offline and exact for script conversion (no service, no key); it offers nothing for English, which
editors translate by hand. Selected by WAGTAILLOCALIZE_MACHINE_TRANSLATOR in settings.
"""

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from search.text import to_traditional

SOURCE, TARGET = "zh-hans", "zh-hant"


class OpenCCTranslator(BaseMachineTranslator):
    display_name = _("OpenCC (Simplified → Traditional Chinese)")

    def translate(self, source_locale, target_locale, strings):
        # The strings are inline HTML with attributes stripped: OpenCC touches only Chinese characters,
        # so tags pass through unchanged.
        return {string: StringValue(to_traditional(string.data)) for string in strings}

    def can_translate(self, source_locale, target_locale) -> bool:
        return source_locale.language_code == SOURCE and target_locale.language_code == TARGET

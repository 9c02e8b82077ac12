"""Languages: complete catalogues, and a page translated end to end with wagtail-localize."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
CATALOGUES = ["zh_Hans", "zh_Hant", "en"]


@pytest.mark.parametrize("language", CATALOGUES)
def test_catalogue_is_complete_and_compiled(language):
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    catalogue = polib.pofile(str(po_path))

    assert catalogue.percent_translated() == 100, [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries()
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo_path))}
    assert compiled == {entry.msgid: entry.msgstr for entry in catalogue.translated_entries()}, (
        "the .mo file is stale: run make messages"
    )


def test_catalogues_hold_the_same_messages():
    msgids = [
        {e.msgid for e in polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))} for lang in CATALOGUES
    ]
    assert msgids[0] == msgids[1] == msgids[2]


def test_page_translated_end_to_end_with_wagtail_localize(translated_trees, admin_client, village_page):
    english = Locale.objects.get(language_code="en")
    village_page.intro = "<p>东山村位于柳溪镇东部。</p>"
    village_page.office_hours = "周一至周五"
    village_page.save_revision().publish()

    # An editor asks for an English translation in the admin.
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[village_page.pk]), {"locales": [english.pk]}
    )
    assert response.status_code == 302
    source = TranslationSource.objects.get_for_instance(village_page)
    translation = Translation.objects.get(source=source, target_locale=english)

    # The translator fills in every segment; wagtail-localize writes and publishes the English page.
    english_text = {
        "东山村": "Dongshan Village",
        "东山村位于柳溪镇东部。": "Dongshan lies in the east of Liuxi town.",
        "周一至周五": "Monday to Friday",
    }
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            data=english_text.get(segment.string.data, segment.string.data),
        )
    translation.save_target(user=None, publish=True)

    english_page = village_page.get_translation(english)
    assert english_page.alias_of_id is None, "the synchronised alias became a real translation"
    html = admin_client.get(english_page.url).content.decode()
    assert english_page.url == "/en/dongshan/"
    assert "Dongshan Village" in html and "Dongshan lies in the east" in html and "Monday to Friday" in html
    assert '<html lang="en"' in html
    # The Chinese page is untouched and its language switcher now points at the English page.
    chinese = admin_client.get(village_page.url).content.decode()
    assert "东山村位于柳溪镇东部" in chinese and 'href="/en/dongshan/"' in chinese

"""Finance amounts are the same in every language (issue 16): they are not translatable segments, a translated
table shows the source's Decimal totals, and a stored translation with an unreadable amount does not 500."""

import importlib

import pytest
from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from notices.models import NoticeCategory, NoticePage
from tests.notices.conftest import finance_value
from tests.notices.test_notice_pages import FINANCE_ROWS

TOTALS = ('finance-income-total">48620.10<', 'finance-expenditure-total">21800.30<', 'finance-balance">27819.80<')


@pytest.fixture
def finance_notice(translated_trees, make_notice):
    return make_notice(
        title="十月财务公开",
        category=NoticeCategory.objects.get(slug="finance"),
        body=[("finance", finance_value(FINANCE_ROWS, opening="1000.00"))],
    )


def translate_everything(page: NoticePage, language: str, text) -> NoticePage:
    """The English translation with every segment a translator can type into filled by text(source string)."""
    locale = Locale.objects.get(language_code=language)
    TranslationCreator(None, [locale]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)
    translation.source.update_from_db()  # the source's latest content, as a sync does
    segments = StringSegment.objects.filter(source=translation.source).select_related("string", "context")
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": segment.string.data if segment.context.path == "slug" else text(segment.string.data)},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    target = translation.get_target_instance().specific
    assert target.live
    return target


def test_amounts_vouchers_and_the_opening_balance_are_not_segments(finance_notice):
    english = translate_everything(finance_notice, "en", lambda source: f"EN {source}")

    segments = set(
        StringSegment.objects.filter(source__object_id=finance_notice.translation_key).values_list(
            "string__data", flat=True
        )
    )
    assert "上级转移支付" in segments and "十月收支" in segments  # words are translated
    assert not segments & {"30000.00", "18,620.10", "1000.00", "V1", "V2"}
    row = english.body[0].value["rows"][1]
    assert (row["item"], row["amount"], row["voucher"]) == ("EN 土地租金", "18,620.10", "V2")


def test_a_translated_finance_table_shows_the_source_totals(client, finance_notice):
    # Even a translator who types a number into every box cannot change a figure.
    english = translate_everything(finance_notice, "en", lambda source: "99,999.99")

    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/")
    for total in TOTALS:
        assert total in html
    table = client.get(f"/api/v2/pages/{english.pk}/").json()["finance"][0]
    assert (table["income"], table["expenditure"], table["balance"]) == ("48620.10", "21800.30", "27819.80")

    # ... and a corrected source amount reaches the translation on the next sync.
    value = finance_value([*FINANCE_ROWS[:-1], ("expenditure", "办公费", "0.30", "办公")], opening="1000.00")
    finance_notice.body = [("finance", value)]
    finance_notice.save_revision().publish()
    english = translate_everything(NoticePage.objects.get(pk=finance_notice.pk), "en", lambda source: "1.00")
    assert 'finance-expenditure-total">21800.40<' in client.get(english.url).content.decode()


def test_a_stored_unreadable_amount_shows_no_figures_and_no_500(client, finance_notice):
    english = translate_everything(finance_notice, "en", lambda source: f"EN {source}")
    # As an English copy was stored before amounts stopped being segments: a translator typed words.
    value = finance_value([("income", "Rent", "eighteen thousand", "Assets")])
    NoticePage.objects.filter(pk=english.pk).update(body=[("finance", value)])

    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "finance-unreadable" in html and "finance-balance" not in html
    api = client.get(f"/api/v2/pages/{english.pk}/")
    assert api.status_code == 200
    assert api.json()["finance"][0]["unreadable"] is True


def test_the_migration_gives_stored_translations_their_source_amounts_back():
    migration = importlib.import_module("notices.migrations.0005_finance_amounts_not_translated")
    source = [{"type": "finance", "id": "b1", "value": _table("1000.00", "18,620.10", "V2")}]
    translated = [{"type": "finance", "id": "b1", "value": _table("1,000.00", "eighteen", "V-two")}]
    translated[0]["value"]["rows"][0]["value"]["item"] = "Rent"

    assert migration._share_cells(source, translated)

    value = translated[0]["value"]
    assert value["opening_balance"] == "1000.00"
    assert value["rows"][0]["value"] == {"direction": "income", "item": "Rent", "amount": "18,620.10", "voucher": "V2"}
    assert not migration._share_cells(source, translated)


def _table(opening: str, amount: str, voucher: str) -> dict:
    row = {"direction": "income", "item": "土地租金", "amount": amount, "voucher": voucher}
    return {"title": "收支", "opening_balance": opening, "rows": [{"type": "item", "id": "r1", "value": row}]}

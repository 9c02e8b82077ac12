"""The OpenCC machine translator end to end: a Simplified page becomes a published Traditional page."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Locale

from home.demo import paragraph
from search.services import sync_traditional, translate_to_traditional
from search.translator import OpenCCTranslator

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user("admin", is_superuser=True, is_staff=True)


def test_it_only_converts_simplified_to_traditional(db):
    translator = OpenCCTranslator({})
    hans, hant, en = (Locale.objects.get(language_code=code) for code in ["zh-hans", "zh-hant", "en"])
    assert translator.can_translate(hans, hant)
    assert not translator.can_translate(hans, en)
    assert not translator.can_translate(hant, hans)


def test_one_action_publishes_a_traditional_page_and_publishing_the_source_keeps_it_in_step(
    translated_trees, client, make_notice, admin
):
    notice = make_notice("关于修订本村村规民约的通知", "请村民对修订草案提出意见。")
    hant = translate_to_traditional(notice, admin)
    assert hant.locale.language_code == "zh-hant" and hant.alias_of_id is None and hant.live
    assert hant.title == "關於修訂本村村規民約的通知"
    body = client.get(hant.url).content.decode()
    assert "請村民對修訂草案提出意見" in body

    notice.title = "关于修订村规民约的第二次通知"
    notice.body = paragraph("修订草案已经公示，请继续提出意见。")
    notice.save_revision(user=admin).publish(user=admin)  # the publish hook syncs zh-hant
    hant.refresh_from_db()
    assert hant.title == "關於修訂村規民約的第二次通知"
    assert "修訂草案已經公示" in client.get(hant.url).content.decode()


def test_sync_leaves_pages_without_a_traditional_translation_alone(make_notice, admin):
    notice = make_notice("停水通知", "明天停水。")
    assert sync_traditional(notice, admin) is None


def test_a_user_who_may_not_edit_the_page_cannot_translate_it(make_notice, make_user):
    notice = make_notice("停水通知", "明天停水。")
    with pytest.raises(PermissionDenied):
        translate_to_traditional(notice, make_user("visitor"))


def test_an_untranslated_page_says_so_in_the_visitors_language(translated_trees, client, make_notice, admin):
    notice = make_notice("停水通知", "明天停水。")
    hant_alias = notice.get_translation(Locale.objects.get(language_code="zh-hant"))
    en_alias = notice.get_translation(Locale.objects.get(language_code="en"))
    assert "untranslated-notice" in client.get(hant_alias.url).content.decode()
    assert "untranslated-notice" in client.get(en_alias.url).content.decode()
    assert "untranslated-notice" not in client.get(notice.url).content.decode()
    translated = translate_to_traditional(notice, admin)
    assert "untranslated-notice" not in client.get(translated.url).content.decode()

"""A village committee translates its own village's pages, not another village's (issue 16, search.translation_access).

Before: the committee saw 翻译此页 and then 没有权限. Now the group has wagtail-localize's submit_translation, the
submission is scoped to pages the user may edit, and the copies it makes in zh-hant and English are editable by it.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Locale

from home.demo import ensure_page, paragraph
from home.models import VillagePage
from notices.models import NoticeIndexPage, NoticePage
from search.services import translate_to_traditional
from search.translation_access import may_translate


@pytest.fixture
def villages(translated_trees, make_village):
    default = Locale.get_default()
    notices = []
    for code, name in (("dongshan", "东山村"), ("xihe", "西河村")):
        village = make_village(code=code, name=name)
        index = NoticeIndexPage.objects.child_of(VillagePage.objects.get(village=village, locale=default)).get()
        notice = NoticePage(
            title=f"{name}停水通知", slug="water", date=datetime.date(2026, 11, 20), body=paragraph("明天停水。")
        )
        notices.append((village, ensure_page(index, notice)))
    return notices


@pytest.fixture
def committee(villages, committee_member, client):
    (village, _notice), _other = villages
    user = committee_member(village)
    client.force_login(user)
    return user


def test_the_committee_group_may_submit_translations(villages):
    (village, _notice), _other = villages
    assert village.committee_group.permissions.filter(codename="submit_translation").exists()
    assert Permission.objects.filter(codename="submit_translation", group=village.committee_group).count() == 1


def test_the_committee_sees_and_uses_the_translate_button_for_its_own_village(client, villages, committee):
    (_village, notice), _other = villages
    submit = reverse("wagtail_localize:submit_page_translation", args=[notice.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))
    assert edit.status_code == 200
    assert submit in edit.content.decode()

    form = client.get(submit)
    assert form.status_code == 200
    english = Locale.objects.get(language_code="en")
    response = client.post(submit, {"locales": [english.pk]})

    assert response.status_code == 302
    translated = NoticePage.objects.get(translation_key=notice.translation_key, locale=english)
    assert translated.alias_of_id is None
    # ... and the translation editor opens for the committee (no 没有权限 after the button).
    assert client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).status_code == 200


def test_the_one_click_traditional_conversion_works_for_the_committee(villages, committee):
    (_village, notice), _other = villages
    hant = translate_to_traditional(notice, committee)
    assert hant.live and hant.title == "東山村停水通知"


def test_another_villages_page_cannot_be_submitted(client, villages, committee):
    _own, (_village, other) = villages
    submit = reverse("wagtail_localize:submit_page_translation", args=[other.pk])
    english = Locale.objects.get(language_code="en")

    assert not may_translate(committee, other)
    assert client.get(submit).status_code in (302, 403)
    client.post(submit, {"locales": [english.pk]})
    assert not NoticePage.objects.filter(translation_key=other.translation_key, locale=english, alias_of=None).exists()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code in (302, 403)


def test_a_user_without_the_permission_sees_no_button(client, villages, make_user):
    (village, notice), _other = villages
    user = make_user("clerk")
    user.groups.add(village.committee_group)
    village.committee_group.permissions.remove(Permission.objects.get(codename="submit_translation"))
    client.force_login(user)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk])).content.decode()

    assert reverse("wagtail_localize:submit_page_translation", args=[notice.pk]) not in html
    assert not may_translate(user, notice)


def test_no_translate_button_above_the_committees_village(villages, committee, portal_home):
    from wagtail import hooks

    def urls(page):
        found = []
        for hook in hooks.get_hooks("register_page_listing_more_buttons"):
            found += [button.url for button in hook(page=page, user=committee, next_url=None)]
        return found

    (_village, notice), _other = villages
    submit = "wagtail_localize:submit_page_translation"
    reverse(submit, args=[notice.pk])  # builds the admin's URLs, which scopes the button hook
    assert reverse(submit, args=[portal_home.pk]) not in urls(portal_home)
    assert reverse(submit, args=[notice.pk]) in urls(notice)

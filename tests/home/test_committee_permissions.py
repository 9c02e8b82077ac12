"""A committee member of village A can edit and publish under A, and nothing under village B."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from home.models import VillagePage
from notices.models import NoticeIndexPage, NoticePage


@pytest.fixture
def two_villages(make_village):
    village_a = make_village(code="dongshan", name="东山村")
    village_b = make_village(code="xihe", name="西河村")
    default = Locale.get_default()
    page_a = VillagePage.objects.get(village=village_a, locale=default)
    page_b = VillagePage.objects.get(village=village_b, locale=default)
    return village_a, page_a, page_b


def _notice_form(title: str, slug: str, action: str | None = None) -> dict:
    data = {
        "title": title,
        "slug": slug,
        "date": "2026-11-20",
        "summary": "测试",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    if action:
        data[action] = "1"
    return data


def test_committee_member_publishes_a_notice_in_own_village(client, two_villages, committee_member):
    village_a, page_a, _page_b = two_villages
    client.force_login(committee_member(village_a))
    notice_index = NoticeIndexPage.objects.child_of(page_a).get()

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["notices", "noticepage", notice_index.pk]),
        _notice_form("十一月财务公开", "finance-2026-11", action="action-publish"),
    )

    assert response.status_code == 302, response.content[:2000]
    notice = NoticePage.objects.child_of(notice_index).get(title="十一月财务公开")
    assert notice.live
    assert notice.slug == "shiyiyue-caiwu-gongkai"  # from the title, whatever the form sent (home.slugs)


def test_committee_member_cannot_edit_or_publish_other_village(client, two_villages, committee_member):
    village_a, _page_a, page_b = two_villages
    client.force_login(committee_member(village_a))
    notice_index_b = NoticeIndexPage.objects.child_of(page_b).get()
    title_before = page_b.title

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page_b.pk]))
    post_edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[page_b.pk]), {"title": "篡改", "slug": page_b.slug}
    )
    add = client.post(
        reverse("wagtailadmin_pages:add", args=["notices", "noticepage", notice_index_b.pk]),
        _notice_form("假公告", "fake", action="action-publish"),
    )
    publish = client.post(
        reverse("wagtailadmin_pages:edit", args=[notice_index_b.pk]),
        {"title": "篡改", "slug": notice_index_b.slug, "intro": "", "action-publish": "1"},
    )

    # Wagtail answers a permission failure with a redirect to the dashboard (or 403), never the form.
    for response in (edit, post_edit, add, publish):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home")
    page_b.refresh_from_db()
    assert page_b.title == title_before
    assert not NoticePage.objects.child_of(notice_index_b).exists()


def test_committee_explorer_shows_nothing_of_other_village(client, two_villages, committee_member):
    village_a, page_a, page_b = two_villages
    client.force_login(committee_member(village_a))

    own = client.get(reverse("wagtailadmin_explore", args=[page_a.pk]))
    other = client.get(reverse("wagtailadmin_explore", args=[page_b.pk]))

    own_html = own.content.decode()
    for child in page_a.get_children():
        assert reverse("wagtailadmin_pages:edit", args=[child.pk]) in own_html
    # The committee reaches its village in three language trees, so Wagtail lets it browse from the root,
    # but another village's sections are neither listed nor editable.
    assert other.status_code in (200, 302, 403)
    other_html = other.content.decode()
    for child in page_b.get_children():
        assert reverse("wagtailadmin_pages:edit", args=[child.pk]) not in other_html


def test_committee_cannot_delete_own_pages(client, two_villages, committee_member):
    village_a, page_a, _page_b = two_villages
    client.force_login(committee_member(village_a))
    notice_index = NoticeIndexPage.objects.child_of(page_a).get()

    response = client.post(reverse("wagtailadmin_pages:delete", args=[notice_index.pk]))

    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=notice_index.pk).exists()


def test_committee_member_can_reach_own_village_in_other_languages(two_villages, committee_member):
    village_a, _page_a, page_b = two_villages
    user = committee_member(village_a)

    for page in VillagePage.objects.filter(village=village_a):
        assert page.permissions_for_user(user).can_edit(), page.locale
    for page in VillagePage.objects.filter(village=page_b.village):
        assert not page.permissions_for_user(user).can_edit(), page.locale


def test_committee_cannot_bulk_delete_own_pages(client, two_villages, committee_member):
    village_a, page_a, _page_b = two_villages
    client.force_login(committee_member(village_a))
    council = page_a.get_children().last()

    response = client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={council.pk}",
        {"next": "/admin/"},
    )

    assert response.status_code in (302, 403)
    assert Page.objects.filter(pk=council.pk).exists()


def test_county_administrator_can_still_delete(admin_client, two_villages):
    _village_a, page_a, _page_b = two_villages
    council = page_a.get_children().last()

    admin_client.post(reverse("wagtailadmin_pages:delete", args=[council.pk]))

    assert not Page.objects.filter(pk=council.pk).exists()

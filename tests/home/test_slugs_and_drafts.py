"""Slugs come from the title in pinyin, unique among siblings, never typed; never-published drafts may be deleted.

Issue 20: a Chinese title left the slug empty (or "202611") and publishing failed with the error on the promote
tab; autosave left drafts the committee could not remove, because it may not delete (VCOL art. 34).
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, get_page_models

from home.models import VillagePage
from home.models.base import SlugFromTitleMixin
from home.slugs import pinyin_slug
from notices.models import NoticeIndexPage, NoticePage


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("停水通知 2026年12月", "tingshui-tongzhi-2026-12"),
        ("2026年11月财务公开", "2026-11-caiwu-gongkai"),
        ("紧急通知：12月1日全村停水检修", "jinji-tongzhi-12-1-quancun-tingshui-jianxiu"),
        ("決議公告：村道維修", "jueyi-gonggao-cundao-weixiu"),
        ("Road lights 2026", "road-lights-2026"),
        ("！？", ""),
    ],
)
def test_pinyin_slug(title, slug):
    assert pinyin_slug(title) == slug


def test_long_titles_are_cut_at_a_word():
    slug = pinyin_slug("关于二〇二六年度村级公益事业一事一议筹资筹劳方案及村集体经济发展项目实施情况的公示")
    assert len(slug) <= 60 and not slug.endswith("-")


def test_every_portal_page_type_makes_its_own_slug():
    """Enumerated from Wagtail's registry, so a page type added later cannot slip past."""
    portal_types = [model for model in get_page_models() if model is not Page]
    assert portal_types
    missing = [model.__name__ for model in portal_types if not issubclass(model, SlugFromTitleMixin)]
    assert not missing


@pytest.fixture
def notice_index(make_village):
    village = make_village(code="dongshan", name="东山村")
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    return village, NoticeIndexPage.objects.child_of(page).get()


def _form(title: str, action: str) -> dict:
    data = {"title": title, "date": "2026-12-01", "summary": "", "body-count": "0", action: "1"}
    for formset in ("comments", "attachments"):
        data |= {
            f"{formset}-TOTAL_FORMS": "0",
            f"{formset}-INITIAL_FORMS": "0",
            f"{formset}-MIN_NUM_FORMS": "0",
            f"{formset}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_a_committee_publishes_chinese_titles_without_typing_a_slug(client, notice_index, committee_member):
    village, index = notice_index
    client.force_login(committee_member(village))
    add = reverse("wagtailadmin_pages:add", args=["notices", "noticepage", index.pk])

    form = client.get(add).content.decode()
    # The slug is shown, not asked for: no input named slug on the form.
    assert 'name="slug"' not in form

    for _ in range(3):
        response = client.post(add, _form("停水通知 2026年12月", "action-publish"))
        assert response.status_code == 302, response.content.decode()[:3000]
    slugs = sorted(NoticePage.objects.child_of(index).values_list("slug", flat=True))
    assert slugs == ["tingshui-tongzhi-2026-12", "tingshui-tongzhi-2026-12-2", "tingshui-tongzhi-2026-12-3"]
    assert all(NoticePage.objects.child_of(index).values_list("live", flat=True))


def test_a_slug_stays_when_the_title_changes(client, notice_index, committee_member):
    village, index = notice_index
    client.force_login(committee_member(village))
    client.post(
        reverse("wagtailadmin_pages:add", args=["notices", "noticepage", index.pk]), _form("停水通知", "action-publish")
    )
    notice = NoticePage.objects.child_of(index).get()

    client.post(reverse("wagtailadmin_pages:edit", args=[notice.pk]), _form("停水通知（更正）", "action-publish"))

    notice.refresh_from_db()
    assert (notice.title, notice.slug) == ("停水通知（更正）", "tingshui-tongzhi")


def test_a_draft_saved_without_publishing_gets_its_slug_too(notice_index):
    _village, index = notice_index
    draft = index.add_child(instance=NoticePage(title="村民大会通知", live=False))
    assert draft.slug == "cunmin-dahui-tongzhi"
    draft.save_revision()  # Wagtail's draft path (minimal clean) keeps it
    draft.refresh_from_db()
    assert draft.slug == "cunmin-dahui-tongzhi"


def test_a_committee_deletes_a_never_published_draft(client, notice_index, committee_member):
    village, index = notice_index
    client.force_login(committee_member(village))
    draft = index.add_child(instance=NoticePage(title="自动保存的草稿", live=False))
    draft.save_revision()

    explorer = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert reverse("wagtailadmin_pages:delete", args=[draft.pk]) in explorer
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))

    assert response.status_code == 302
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_what_was_ever_published_is_not_offered_for_deletion_nor_deleted(client, notice_index, committee_member):
    village, index = notice_index
    user = committee_member(village)
    client.force_login(user)
    notice = index.add_child(instance=NoticePage(title="十一月财务公开"))
    notice.save_revision().publish()
    unpublished = index.add_child(instance=NoticePage(title="已撤下的公告"))
    unpublished.save_revision().publish()
    unpublished.refresh_from_db()
    unpublished.unpublish()

    explorer = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    for page in (notice, unpublished):
        page.refresh_from_db()
        assert not page.permissions_for_user(user).can_delete()
        assert reverse("wagtailadmin_pages:delete", args=[page.pk]) not in explorer
        # The view refuses too, and so does the bulk action.
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        client.post(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}",
            {"next": "/admin/"},
        )
        assert Page.objects.filter(pk=page.pk).exists()

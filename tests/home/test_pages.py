"""Every page type renders in all three languages, and the tree only allows the shapes DESIGN.md describes."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage, ConsultationPage
from council.models import CouncilPage
from home.models import PortalHomePage, VillagePage
from legal_aid.models import LegalAidDirectoryPage, LegalEducationIndexPage, LegalEducationPage
from notices.models import NoticeIndexPage, NoticePage
from supervision.audit_models import AuditReportPage
from tests.page_tree import build_every_page_type, in_locale
from village_rules.models import RuleRevisionPage, VillageRulesPage

ALL_PAGE_TYPES = {
    PortalHomePage,
    VillagePage,
    NoticeIndexPage,
    NoticePage,
    AuditReportPage,
    VillageRulesPage,
    RuleRevisionPage,
    ConsultationIndexPage,
    ConsultationPage,
    CouncilPage,
    LegalAidDirectoryPage,
    LegalEducationIndexPage,
    LegalEducationPage,
}
# A UI string from base.html in each language proves the catalogue, not only the URL prefix, is in use.
SKIP_LINK = {"zh-hans": "跳到主要内容", "zh-hant": "跳到主要內容", "en": "Skip to main content"}


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_every_page_type_renders_in_every_language(translated_trees, client, village_page, language):
    pages = build_every_page_type(village_page)
    assert set(pages) == ALL_PAGE_TYPES

    for page_type, page in pages.items():
        translated = in_locale(page, language)
        url = translated.get_url()
        assert url.startswith(f"/{language}/"), (page_type, url)

        response = client.get(url)

        assert response.status_code == 200, (page_type, url)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert SKIP_LINK[language] in html, (page_type, language)
        assert page.title in html


def test_village_page_shows_latest_notices_sections_and_contacts(client, village_page):
    pages = build_every_page_type(village_page)
    village_page.office_phone = "0376-7261 3018"
    village_page.contacts.create(name="王建国", role="村党支部书记", phone="0376-7261 3018")
    village_page.save_revision().publish()

    html = client.get(village_page.url).content.decode()

    assert pages[NoticePage].url in html
    for section in village_page.get_children():
        assert section.url in html
    assert "王建国" in html and "tel:03767261" in html
    assert str(village_page.village.adult_villagers) in html


def test_portal_home_lists_villages_by_township(client, make_village, portal_home):
    make_village(name="东山村", code="dongshan", township="柳溪镇")
    make_village(name="南岗村", code="nangang", township="石桥乡")

    html = client.get(portal_home.url).content.decode()

    assert html.index("柳溪镇") < html.index("东山村") < html.index("石桥乡") < html.index("南岗村")


def test_unpublished_page_is_not_served(client, village_page):
    notice = build_every_page_type(village_page)[NoticePage]
    notice.unpublish()

    assert client.get(notice.url or "/zh-hans/dongshan/notices/finance/").status_code == 404


class PageTreeRulesTests(WagtailPageTestCase):
    def test_portal_home_holds_villages_and_county_services(self):
        self.assertAllowedSubpageTypes(PortalHomePage, {VillagePage, LegalAidDirectoryPage, LegalEducationIndexPage})
        self.assertAllowedParentPageTypes(PortalHomePage, {Page})

    def test_village_holds_its_four_sections(self):
        self.assertAllowedSubpageTypes(
            VillagePage, {NoticeIndexPage, VillageRulesPage, ConsultationIndexPage, CouncilPage}
        )

    def test_leaf_pages_live_under_their_index(self):
        self.assertAllowedParentPageTypes(NoticePage, {NoticeIndexPage})
        self.assertAllowedParentPageTypes(RuleRevisionPage, {VillageRulesPage})
        self.assertAllowedParentPageTypes(ConsultationPage, {ConsultationIndexPage})
        self.assertAllowedParentPageTypes(LegalEducationPage, {LegalEducationIndexPage})

    def test_village_pages_come_from_the_register_not_the_page_editor(self):
        self.assertFalse(VillagePage.is_creatable)


def test_village_page_hides_notices_under_a_view_restriction(client, village_page):
    from wagtail.models import PageViewRestriction

    notice = build_every_page_type(village_page)[NoticePage]
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.PASSWORD, password="x")

    html = client.get(village_page.url).content.decode()

    assert notice.title not in html
    assert village_page.get_children().first().title in html


def test_portal_home_hides_villages_under_a_view_restriction(client, make_village, portal_home):
    from wagtail.models import PageViewRestriction

    make_village(name="东山村", code="dongshan")
    hidden = make_village(name="南岗村", code="nangang")
    hidden_page = VillagePage.objects.get(village=hidden, locale=portal_home.locale)
    PageViewRestriction.objects.create(page=hidden_page, restriction_type=PageViewRestriction.LOGIN)

    html = client.get(portal_home.url).content.decode()

    assert "东山村" in html and "南岗村" not in html

"""The open-data API: read-only, every public page type with its useful fields."""

import pytest
from wagtail.models import Locale

from home.models import VillagePage
from tests.page_tree import build_every_page_type

API_FIELDS = {
    "home.PortalHomePage": {"county_name", "intro"},
    "home.VillagePage": {"village", "intro", "office_address", "office_hours", "office_phone", "contacts"},
    "notices.NoticeIndexPage": {"intro"},
    "notices.NoticePage": {"date", "summary", "body"},
    "village_rules.VillageRulesPage": {"intro", "body"},
    "village_rules.RuleRevisionPage": {"date", "summary", "body"},
    "consultations.ConsultationIndexPage": {"intro"},
    "consultations.ConsultationPage": {"date", "summary", "body"},
    "council.CouncilPage": {"intro", "charter"},
    "legal_aid.LegalAidDirectoryPage": {"intro", "body"},
    "legal_aid.LegalEducationIndexPage": {"intro"},
    "legal_aid.LegalEducationPage": {"date", "summary", "body"},
}


@pytest.mark.parametrize(("page_type", "fields"), API_FIELDS.items())
def test_every_page_type_is_listed_with_its_fields(client, village_page, page_type, fields):
    build_every_page_type(village_page)

    response = client.get(
        "/api/v2/pages/", {"type": page_type, "fields": ",".join(sorted(fields)), "locale": "zh-hans"}
    )

    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert len(items) >= 1
    assert fields <= set(items[0])


def test_village_page_carries_register_figures(client, village_page):
    response = client.get("/api/v2/pages/", {"type": "home.VillagePage", "fields": "village", "locale": "zh-hans"})

    village = response.json()["items"][0]["village"]
    assert village == {
        "code": "dongshan",
        "division_code": "",
        "name": "东山村",
        "township": "柳溪镇",
        "adult_villagers": 900,
        "households": 300,
        "representatives": 27,
    }


def test_unpublished_pages_are_not_in_the_api(client, village_page):
    village_page.unpublish()

    response = client.get("/api/v2/pages/", {"type": "home.VillagePage", "locale": "zh-hans"})

    assert response.json()["meta"]["total_count"] == 0


def test_pages_listed_per_language(translated_trees, client, village_page):
    counts = {
        code: client.get("/api/v2/pages/", {"type": "home.VillagePage", "locale": code}).json()["meta"]["total_count"]
        for code in ("zh-hans", "zh-hant", "en")
    }
    assert counts == {"zh-hans": 1, "zh-hant": 1, "en": 1}
    assert VillagePage.objects.filter(locale=Locale.get_default()).count() == 1


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_api_is_read_only(client, db, endpoint):
    assert client.get(f"/api/v2/{endpoint}/").status_code == 200
    assert client.post(f"/api/v2/{endpoint}/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/{endpoint}/1/").status_code in (404, 405)


@pytest.mark.parametrize(
    "query",
    [{"type": "nosuch.Model"}, {"limit": "abc"}, {"order": "no_such_field"}, {"fields": "no_such_field"}],
)
def test_bad_api_parameters_get_a_400_with_a_message(client, village_page, query):
    response = client.get("/api/v2/pages/", query)

    assert response.status_code == 400
    assert response.json()["message"]

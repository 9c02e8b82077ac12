"""Every query parameter of the public pages and the APIs, fed hostile values: never a 5xx."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from consultations.models import ConsultationIndexPage, ConsultationPage
from notices.models import NoticeIndexPage
from village_rules.models import VillageRulesPage

from .conftest import CORE_PAYLOADS, HOSTILE, PAYLOADS, assert_no_5xx, clean, hostile_text

API_PARAMS = [
    "limit",
    "offset",
    "order",
    "fields",
    "type",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "id",
    "locale",
    "translation_of",
    "has_children",
    "show_in_menus",
    "slug",
    "title",
    "format",
]


@pytest.fixture
def urls(without_locale_sync, village_page) -> dict[str, list[str]]:
    """The public GET endpoints, each with the parameters it reads."""
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    consultation = index.add_child(instance=ConsultationPage(title="广场改造", slug="square", summary="广场"))
    notices = NoticeIndexPage.objects.child_of(village_page).get()
    rules = VillageRulesPage.objects.child_of(village_page).get()
    code = village_page.village.code
    return {
        "/zh-hans/search/": ["q", "village", "type", "year", "page"],
        consultation.url: ["order"],
        f"/zh-hans/consultations/{consultation.pk}/results.csv": [],
        f"/zh-hans/requests/{code}/": ["status", "category", "page"],
        "/zh-hans/requests/assessment/": ["period", "group", "format"],
        notices.url: ["page"],
        notices.url + "archive/": ["year", "category", "page"],
        rules.url + "compare/": ["from", "to"],
        "/api/v2/pages/": API_PARAMS,
        "/api/v2/images/": ["limit", "offset", "order", "fields", "id", "search"],
        "/api/v2/documents/": ["limit", "offset", "order", "fields", "id", "search"],
        "/api/v2/consultations/proposals/": ["consultation", "status", "limit", "offset", "page", "format"],
        f"/api/v2/consultations/{consultation.pk}/tally/": ["format"],
        "/open311/v2/services.json": ["jurisdiction_id"],
        "/open311/v2/requests.json": [
            "service_request_id",
            "service_code",
            "status",
            "start_date",
            "end_date",
            "page",
            "page_size",
            "jurisdiction_id",
        ],
        "/open311/v2/requests/1.json": [],
    }


def test_hand_picked_values_on_every_parameter(urls):
    client = Client()
    for url, params in urls.items():
        assert_no_5xx(client.get(url), url)
        for name in params:
            # Every payload on the search box and the API filters; one of each kind on the other parameters.
            for value in PAYLOADS if name in ("q", "search", "id", "offset", "limit") else CORE_PAYLOADS:
                response = client.get(url, {name: clean(value)})
                assert_no_5xx(response, f"{url}?{name}={value[:30]!r}")


@HOSTILE
@given(data=st.data())
def test_generated_values_on_every_parameter(urls, data):
    client = Client()
    for url, params in urls.items():
        if not params:
            continue
        chosen = data.draw(st.lists(st.sampled_from(params), min_size=1, max_size=3, unique=True))
        query = {name: clean(data.draw(hostile_text)) for name in chosen}
        assert_no_5xx(client.get(url, query), f"{url}?{query!r}"[:300])


@pytest.mark.parametrize("raw", [b"q=%FF%FE", b"q=%C0%AF&page=%E4%B8", b"page=%ED%A0%80", b"q=\xff\xfe"])
def test_invalid_utf8_in_query_strings(urls, raw):
    client = Client()
    for url, params in urls.items():
        for name in params or ["x"]:
            query = raw.replace(b"q=", name.encode() + b"=", 1).replace(b"page=", name.encode() + b"=", 1)
            # WSGI hands the query string over as latin-1 decoded bytes, as gunicorn does.
            response = client.get(url, QUERY_STRING=query.decode("latin-1"))
            assert_no_5xx(response, f"{url}?{query!r}")


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/consultations/99999999999999999999/results.csv",
        f"/zh-hans/consultations/{2**63}/results.csv",
        f"/open311/v2/requests/{2**63}.json",
        "/api/v2/pages/99999999999999999999/",
        f"/api/v2/pages/{2**63}/",
        "/api/v2/images/-1/",
        "/api/v2/pages/find/?html_path=%00",
        "/zh-hans/%ff%fe/",
        "/zh-hans/requests/%E4%B8%AD/",
        "/zh-hans/requests/mine/99999999999999999999/",
    ],
)
def test_unknown_and_huge_ids_in_paths(urls, path):
    assert_no_5xx(Client().get(path), path)

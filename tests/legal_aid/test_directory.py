"""The county directory of legal services: GET filters without JavaScript, bad values, query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal_aid.models import LegalAidContact, LegalAidKind
from legal_aid.models.directory import CONTACTS_PER_PAGE


@pytest.fixture
def county(without_locale_sync, make_village, make_contact):
    dongshan = make_village(code="dongshan", name="东山村")
    nangang = make_village(code="nangang", name="南岗村", township="石桥乡")
    make_contact("12348热线", kind=LegalAidKind.HOTLINE, phone="12348")
    make_contact("柳溪镇司法所", kind=LegalAidKind.JUSTICE_OFFICE, villages=[dongshan], phone="0376-7261 0148")
    make_contact("刘明律师", kind=LegalAidKind.VILLAGE_ADVISER, villages=[dongshan], address="东山村党群服务中心")
    make_contact("杨静律师", kind=LegalAidKind.VILLAGE_ADVISER, villages=[nangang])
    return {"dongshan": dongshan, "nangang": nangang}


def names(response) -> set[str]:
    return {contact.name for contact in response.context["contacts"]}


def test_lists_every_contact_with_a_tel_link(client, directory, county):
    response = client.get(directory.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert names(response) == {"12348热线", "柳溪镇司法所", "刘明律师", "杨静律师"}
    assert 'href="tel:037672610148"' in html and 'href="tel:12348"' in html
    assert 'method="get"' in html and "<button" in html


def test_village_filter_keeps_county_wide_services(client, directory, county):
    response = client.get(directory.url, {"village": "dongshan"})

    assert names(response) == {"12348热线", "柳溪镇司法所", "刘明律师"}
    assert '<option value="dongshan" selected>' in response.content.decode()


def test_kind_filter(client, directory, county):
    response = client.get(directory.url, {"kind": "village_adviser"})

    assert names(response) == {"刘明律师", "杨静律师"}


def test_both_filters(client, directory, county):
    response = client.get(directory.url, {"village": "nangang", "kind": "village_adviser"})

    assert names(response) == {"杨静律师"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"village": "nosuch"}, "nosuch"),
        ({"kind": "lawyer'--"}, "lawyer&#x27;--"),
        ({"village": "x" * 500}, "x" * 40),
        ({"kind": "<script>alert(1)</script>"}, "&lt;script&gt;"),
    ],
)
def test_bad_filter_values_are_ignored_with_a_visible_message(client, directory, county, query, message):
    response = client.get(directory.url, query)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and message in html
    assert "<script>alert" not in html
    assert len(names(response)) == 4


@pytest.mark.parametrize("page", ["abc", "999", "-1", ""])
def test_bad_page_numbers_do_not_fail(client, directory, county, page):
    assert client.get(directory.url, {"page": page}).status_code == 200


def test_long_directory_is_paginated_and_keeps_the_filter(client, directory, county, make_contact):
    for number in range(CONTACTS_PER_PAGE + 5):
        make_contact(f"律所{number:03d}", kind=LegalAidKind.LAW_FIRM)

    first = client.get(directory.url, {"kind": "law_firm"})
    second = client.get(directory.url, {"kind": "law_firm", "page": "2"})

    assert len(first.context["contacts"]) == CONTACTS_PER_PAGE
    assert len(second.context["contacts"]) == 5
    assert "?kind=law_firm&amp;page=2" in first.content.decode()


def _queries(client, url, params) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_directory_queries_do_not_grow_with_contacts(client, directory, make_village, make_contact):
    villages = [make_village() for _ in range(3)]
    for number in range(5):
        make_contact(f"律所{number}", villages=villages)
    with_5 = [_queries(client, directory.url, {}), _queries(client, directory.url, {"village": villages[0].code})]

    for number in range(5, 100):
        make_contact(f"律所{number}", villages=villages)
    with_100 = [_queries(client, directory.url, {}), _queries(client, directory.url, {"village": villages[0].code})]

    assert LegalAidContact.objects.count() == 100
    assert with_100 == with_5


def test_personal_mobile_numbers_are_refused(db):
    contact = LegalAidContact(name="张律师", kind=LegalAidKind.VILLAGE_ADVISER, phone="13812345678")

    with pytest.raises(ValidationError) as error:
        contact.full_clean()

    assert "phone" in error.value.message_dict


def test_contacts_are_in_the_api(client, directory, county):
    response = client.get(
        "/api/v2/pages/", {"type": "legal_aid.LegalAidDirectoryPage", "fields": "contacts", "locale": "zh-hans"}
    )

    contacts = response.json()["items"][0]["contacts"]
    adviser = next(c for c in contacts if c["name"] == "刘明律师")
    assert adviser == {
        "kind": "village_adviser",
        "name": "刘明律师",
        "phone": "0376-7218 866",
        "address": "东山村党群服务中心",
        "reception_hours": "",
        "villages": ["dongshan"],
    }


def test_new_models_are_in_the_search_index():
    from wagtail.search.index import get_indexed_models

    from legal_aid.models import LegalEducationPage, LegalEducationSeries
    from village_rules.models import VillageRulesPage

    indexed = set(get_indexed_models())
    assert {LegalAidContact, LegalEducationSeries, LegalEducationPage, VillageRulesPage} <= indexed
    fields = {field.field_name for field in LegalEducationPage.get_search_fields()}
    assert {"quiz", "tags", "series", "body", "summary"} <= fields

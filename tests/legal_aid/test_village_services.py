"""Each village page shows its legal adviser and the 12348 hotline."""

from legal_aid.models import LegalAidKind
from legal_aid.services import legal_services_for


def test_village_page_shows_its_adviser_and_the_hotline(client, village_page, make_village, make_contact):
    other = make_village(code="xihe", name="西河村")
    make_contact(
        "刘明律师",
        kind=LegalAidKind.VILLAGE_ADVISER,
        villages=[village_page.village],
        reception_hours="每月第一个星期三上午",
    )
    make_contact("杨静律师", kind=LegalAidKind.VILLAGE_ADVISER, villages=[other])

    html = client.get(village_page.url).content.decode()

    assert "刘明律师" in html and "每月第一个星期三上午" in html
    assert "杨静律师" not in html
    assert 'href="tel:12348"' in html.split('id="legal-services"')[1]


def test_hotline_from_the_directory_when_listed(village_page, make_contact):
    make_contact("12348法律服务热线（河南）", kind=LegalAidKind.HOTLINE, phone="12348", reception_hours="全天24小时")

    services = legal_services_for(village_page.village)

    assert services["hotline"].name == "12348法律服务热线（河南）"
    assert services["hotline"].reception_hours == "全天24小时"
    assert services["advisers"] == []


def test_hotline_shown_even_without_contacts(village_page, django_assert_num_queries):
    village = village_page.village
    with django_assert_num_queries(1):
        assert legal_services_for(village)["hotline"].tel == "12348"

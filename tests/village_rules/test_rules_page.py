"""The village rules page: the version in force, its adoption record, earlier versions and their diff."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from village_rules.adoption import filed_late, filing_deadline, passed_by_assembly
from village_rules.models import RulesVersion


def versions(page) -> dict[str, RulesVersion]:
    return {version.title: version for version in page.versions.all()}


def test_rules_in_force_are_numbered_across_chapters(client, rules_page):
    html = client.get(rules_page.url).content.decode()

    assert "2023年修订版" in html
    for label in ("第一章", "第二章", "第三章", "第一条", "第四条", "第五条"):
        assert label in html
    assert "第五条</strong>　本村规民约报乡镇人民政府备案后施行。" in html
    # The adoption record: meeting, dates, votes.
    for text in ("2023年第一次村民会议", "2023-03-12", "2023-03-17", "760", "63", "50", "柳溪镇"):
        assert text in html
    # The earlier version is listed and the compare form is a plain GET form.
    assert "2019年版" in html
    assert 'method="get"' in html and 'name="from"' in html and 'name="to"' in html


def test_unfiled_version_is_not_in_force(client, rules_page):
    RulesVersion.objects.create(
        page=rules_page,
        title="2026年修订版",
        meeting="2026年第一次村民会议",
        adopted_on=datetime.date.today(),
        votes_for=700,
        text=[("chapter", {"title": "总则", "articles": ["新的一条。"]})],
    )

    assert rules_page.version_in_force().title == "2023年修订版"
    html = client.get(rules_page.url).content.decode()
    assert "2026年修订版" in html and "2026年修订版" not in html.split("rules-text")[1].split("</h2>")[0]


def test_earlier_version_can_be_read_in_full(client, rules_page):
    old = versions(rules_page)["2019年版"]

    response = client.get(f"{rules_page.url}versions/{old.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "不得在村内燃放烟花爆竹。" in html
    assert "2019年第二次村民会议" in html


def test_unknown_version_is_a_404_with_a_message(client, rules_page):
    response = client.get(f"{rules_page.url}versions/999999/")

    assert response.status_code == 404


def test_compare_shows_changed_words_and_added_and_removed_articles(client, rules_page):
    by_title = versions(rules_page)

    response = client.get(
        f"{rules_page.url}compare/", {"from": by_title["2019年版"].pk, "to": by_title["2023年修订版"].pk}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "</span>20</del>" in html and "</span>15</ins>" in html
    assert "</span>600</del>" in html and "</span>500</ins>" in html
    assert "不得在村内燃放烟花爆竹。</del>" in html
    assert "提倡不收彩礼。</ins>" in html
    # Unchanged articles are not repeated; every change has a text label, not only a colour.
    assert "邻里和睦" not in html.split("diff-list")[1].split("</ol>")[0]
    assert html.count('class="visually-hidden"') >= 4


@pytest.mark.parametrize(
    "query",
    [{}, {"from": "abc", "to": "1"}, {"from": "999999", "to": "999998"}, {"from": "1' OR 1=1", "to": ""}],
)
def test_bad_compare_parameters_get_a_400_with_the_form(client, rules_page, query):
    response = client.get(f"{rules_page.url}compare/", query)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html
    assert 'name="from"' in html


def test_versions_of_another_village_cannot_be_compared_here(client, rules_page, make_village):
    from home.models import VillagePage
    from village_rules.models import VillageRulesPage

    other_village = make_village(code="xihe", name="西河村")
    other_village_page = VillagePage.objects.get(village=other_village, locale__language_code="zh-hans")
    other_page = VillageRulesPage.objects.child_of(other_village_page).get()
    other_page.versions = [
        RulesVersion(title="西河", meeting="会议", adopted_on=datetime.date(2020, 1, 1), votes_for=9, text=[])
    ]
    other_page.save_revision().publish()
    mine = versions(rules_page)["2023年修订版"]

    other_version = RulesVersion.objects.get(page=other_page)

    response = client.get(f"{rules_page.url}compare/", {"from": other_version.pk, "to": mine.pk})

    assert response.status_code == 400


def test_versions_are_in_the_api_with_numbered_articles(client, rules_page):
    response = client.get(
        "/api/v2/pages/", {"type": "village_rules.VillageRulesPage", "fields": "versions", "locale": "zh-hans"}
    )

    items = response.json()["items"]
    latest = items[0]["versions"][0]
    assert latest["title"] == "2023年修订版"
    assert latest["votes_for"] == 760 and latest["filed_on"] == "2023-03-17"
    assert latest["numbered_articles"][4] == {
        "chapter": "第三章",
        "chapter_title": "附则",
        "label": "第五条",
        "text": "本村规民约报乡镇人民政府备案后施行。",
    }


def test_rules_text_is_indexed_for_search(rules_page):
    assert "提倡不收彩礼。" in rules_page.rules_text()
    assert "rules_text" in {field.field_name for field in type(rules_page).get_search_fields()}


def test_adoption_needs_more_than_half_of_those_present():
    assert passed_by_assembly(6, 4, 1) is True
    assert passed_by_assembly(5, 5, 0) is False  # exactly half is not a majority
    assert passed_by_assembly(5, 3, 2) is False  # abstentions count as present
    assert passed_by_assembly(6, 0, 0, present=12) is False


def test_filing_within_ten_days():
    adopted = datetime.date(2023, 3, 12)
    assert filing_deadline(adopted) == datetime.date(2023, 3, 22)
    assert filed_late(adopted, datetime.date(2023, 3, 22), today=datetime.date(2024, 1, 1)) is False
    assert filed_late(adopted, datetime.date(2023, 3, 23), today=datetime.date(2024, 1, 1)) is True
    assert filed_late(adopted, None, today=datetime.date(2023, 3, 20)) is False
    assert filed_late(adopted, None, today=datetime.date(2023, 3, 23)) is True


def test_version_refuses_failed_vote_and_filing_before_adoption(rules_page):
    version = RulesVersion(
        page=rules_page,
        title="x",
        meeting="村民会议",
        adopted_on=datetime.date(2023, 3, 12),
        filed_on=datetime.date(2023, 3, 1),
        votes_for=5,
        votes_against=5,
        votes_abstain=0,
        text=[],
    )

    with pytest.raises(ValidationError) as error:
        version.clean()

    assert set(error.value.message_dict) == {"filed_on", "votes_for"}

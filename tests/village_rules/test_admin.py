"""Editors reach the new models in the admin: versions on the rules page, contacts and series as snippets."""

import pytest
from django.urls import reverse


def test_committee_edits_its_rules_page_with_versions(client, rules_page, committee_member):
    client.force_login(committee_member(rules_page.get_parent().specific.village))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[rules_page.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2023年修订版" in html and "versions-TOTAL_FORMS" in html


@pytest.mark.parametrize("model", ["legalaidcontact", "legaleducationseries"])
def test_county_staff_manage_legal_snippets(client, make_user, model):
    admin = make_user("county-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)

    assert client.get(reverse(f"wagtailsnippets_legal_aid_{model}:list")).status_code == 200
    assert client.get(reverse(f"wagtailsnippets_legal_aid_{model}:add")).status_code == 200


def test_committees_cannot_edit_legal_contacts(client, village_page, committee_member):
    client.force_login(committee_member(village_page.village))

    response = client.get(reverse("wagtailsnippets_legal_aid_legalaidcontact:list"))

    assert response.status_code in (302, 403)

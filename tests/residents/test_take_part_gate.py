"""The gate every vote, support and comment will sit behind (require_verified_resident), through its real view."""

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from residents.models import Resident


def _url(village):
    return reverse("residents:take_part", args=[village.code])


def test_verified_resident_of_the_village_passes(client, village_a, make_resident):
    client.force_login(make_resident(village_a).user)
    response = client.get(_url(village_a))
    assert response.status_code == 200
    assert "东山村" in response.content.decode()


def test_unverified_resident_trying_to_vote_is_told_how_to_get_verified(client, village_a, make_resident):
    client.force_login(make_resident(village_a, state=Resident.Verification.UNVERIFIED).user)
    with translation.override("en"):
        response = client.get(_url(village_a), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    assert "has not verified you yet" in html
    assert "How to get verified" in html
    assert "household register" in html  # bring your 户口簿 to the village office


def test_refusal_is_in_chinese_by_default(client, village_a, make_resident):
    client.force_login(make_resident(village_a, state=Resident.Verification.UNVERIFIED).user)
    response = client.get("/zh-hans" + _url(village_a).removeprefix("/zh-hans").removeprefix("/en"))
    assert response.status_code == 403
    assert "如何通过核实" in response.content.decode()


def test_rejected_resident_sees_the_committees_reason(client, village_a, make_resident):
    resident = make_resident(
        village_a, state=Resident.Verification.REJECTED, rejection_reason="户号不在名册上，请到村委会核对。"
    )
    client.force_login(resident.user)
    response = client.get(_url(village_a))
    assert response.status_code == 403
    assert "户号不在名册上，请到村委会核对。" in response.content.decode()


def test_resident_of_another_village_is_refused(client, village_a, village_b, make_resident):
    client.force_login(make_resident(village_b).user)
    response = client.get(_url(village_a))
    assert response.status_code == 403
    assert "西河村" in response.content.decode()


def test_account_without_resident_record_is_refused(client, village_a, make_user):
    client.force_login(make_user("staffer"))
    assert client.get(_url(village_a)).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, village_a):
    response = client.get(_url(village_a))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


@override_settings(LANGUAGE_CODE="zh-hans")
def test_verification_help_page_is_public(client, village_a):
    assert client.get(reverse("residents:verification_help")).status_code == 200

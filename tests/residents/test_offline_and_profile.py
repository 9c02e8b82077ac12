"""Offline channel (a resident without a login, registered at the office) and the profile page."""

from django.urls import reverse

from residents.models import Resident, VerificationEvent


def test_committee_registers_a_resident_without_phone_or_email(client, village_a, committee_member):
    member = committee_member(village_a)
    client.force_login(member)
    response = client.post(
        reverse("residents_admin:register"),
        {"village": village_a.pk, "real_name": "孙玉珍", "household_number": "0107", "display_name": ""},
    )
    assert response.status_code == 302
    resident = Resident.objects.get(real_name="孙玉珍")
    assert resident.user is None and resident.is_verified and resident.display_name == "孙*珍"
    assert resident.source == Resident.Source.COUNTER and resident.registered_by == member
    assert VerificationEvent.objects.filter(resident=resident, action="registered", by=member).exists()
    assert "孙玉珍" in client.get(reverse("residents_admin:register")).content.decode()


def test_committee_of_b_cannot_register_into_a(client, village_a, village_b, committee_member):
    client.force_login(committee_member(village_b))
    response = client.post(
        reverse("residents_admin:register"),
        {"village": village_a.pk, "real_name": "孙玉珍", "household_number": "0107"},
    )
    assert response.status_code == 200  # village A is not among B's choices
    assert not Resident.objects.exists()


def test_offline_registration_refuses_a_phone_in_use(client, village_a, committee_member, make_resident):
    make_resident(village_a, phone="+8613800000009")
    client.force_login(committee_member(village_a))
    response = client.post(
        reverse("residents_admin:register"),
        {"village": village_a.pk, "real_name": "孙玉珍", "household_number": "0107", "phone": "13800000009"},
    )
    assert response.status_code == 200
    assert "这个手机号已经有别的村民在用。" in response.content.decode()  # the admin's default, Simplified Chinese
    assert not Resident.objects.filter(real_name="孙玉珍").exists()


def test_profile_shows_village_state_and_masked_phone(client, village_a, make_resident):
    resident = make_resident(village_a, state="unverified", phone="+8613812345678")
    client.force_login(resident.user)
    html = client.get(reverse("residents:profile")).content.decode()
    assert "东山村" in html and "138****5678" in html and "13812345678" not in html
    assert reverse("residents:verification_help") in html  # how to get verified
    assert reverse("residents:export") in html and reverse("residents:delete") in html


def test_notification_settings_and_display_name_are_saved(client, village_a, make_resident):
    resident = make_resident(village_a)
    client.force_login(resident.user)
    response = client.post(reverse("residents:profile"), {"display_name": "老王", "notify_by_sms": "on"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "老王" and resident.notify_by_sms and not resident.notify_by_email


def test_header_links_to_the_profile_when_signed_in(client, village_a, make_resident):
    resident = make_resident(village_a, display_name="老王")
    client.force_login(resident.user)
    html = client.get(reverse("residents:verification_help")).content.decode()
    assert f'href="{reverse("residents:profile")}">老王</a>' in html
    client.logout()
    html = client.get(reverse("residents:verification_help")).content.decode()
    assert reverse("account_login") in html and reverse("account_signup") in html

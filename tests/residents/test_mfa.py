"""Two-factor sign-in for staff (等保 2.0 level 3), idle sign-out for staff sessions and the staff password rule.

The attack for MFA: a committee password is phished or guessed; without the second factor the admin stays shut.
"""

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from residents.models import Resident

pytestmark = pytest.mark.django_db
LOGIN = "/zh-hans/accounts/login/"
ACTIVATE = "/zh-hans/accounts/2fa/totp/activate/"
AUTHENTICATE = "/zh-hans/accounts/2fa/authenticate/"


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committee(village_a, committee_member):
    return committee_member(village_a)


def _code(secret: str, at=None) -> str:
    now = (at or timezone.now()).timestamp()
    return format_hotp_value(hotp_value(secret, int(now) // 30))


def _sign_in(login: str, password: str = "changeme", url: str = LOGIN) -> tuple[Client, object]:  # noqa: S107
    client = Client()
    response = client.post(url, {"login": login, "password": password})
    return client, response


def _activate(client) -> str:
    page = client.get(ACTIVATE)
    if page.status_code == 302 and "/accounts/reauthenticate/" in page["Location"]:
        # allauth asks for the password once more before a second factor is added (a borrowed session cannot).
        client.post(page["Location"], {"password": "changeme"})
        page = client.get(ACTIVATE)
    assert page.status_code == 200, page.status_code
    assert "data:image/svg+xml;base64," in page.content.decode()  # the QR code, drawn by segno
    secret = client.session["mfa.totp.secret"]  # what the QR code holds (the app would read it from there)
    response = client.post(ACTIVATE, {"code": _code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def test_a_committee_account_without_mfa_cannot_use_the_admin(committee):
    client, response = _sign_in(committee.username)
    assert response.status_code == 302 and "_auth_user_id" in client.session
    for url in ("/admin/", "/admin/pages/", "/admin/residents/", "/admin/council/meetings/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(ACTIVATE), url
    # The public site and the resident's own pages stay open: only the admin needs the second factor.
    assert client.get("/zh-hans/").status_code == 200


def test_setting_it_up_opens_the_admin_and_gives_recovery_codes(committee):
    client, _response = _sign_in(committee.username)
    _activate(client)
    assert Authenticator.objects.filter(user=committee, type="totp").exists()
    assert Authenticator.objects.filter(user=committee, type="recovery_codes").exists()
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", [LOGIN, "/admin/login/", "/zh-hans/_util/login/"])
def test_every_sign_in_address_asks_for_the_code(committee, url):
    client, _response = _sign_in(committee.username)
    secret = _activate(client)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=1)):
        attacker, response = _sign_in(committee.username, url=url)  # the password alone
        assert response.status_code == 302 and response["Location"].endswith(AUTHENTICATE)
        assert "_auth_user_id" not in attacker.session
        assert attacker.get("/admin/").status_code == 302
        attacker.post(AUTHENTICATE, {"code": "000000" if _code(secret) != "000000" else "111111"})
        assert "_auth_user_id" not in attacker.session
        owner, _response = _sign_in(committee.username, url=url)
        owner.post(AUTHENTICATE, {"code": _code(secret)})
        assert "_auth_user_id" in owner.session and owner.get("/admin/").status_code == 200


def test_thirty_wrong_codes_lock_the_second_factor(committee):
    client, _response = _sign_in(committee.username)
    secret = _activate(client)
    cache.clear()
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=1)):
        attacker, _response = _sign_in(committee.username)
        wrong = "000000" if _code(secret) != "000000" else "111111"
        for _attempt in range(30):
            attacker.post(AUTHENTICATE, {"code": wrong})
        attacker.post(AUTHENTICATE, {"code": _code(secret)})
        assert "_auth_user_id" not in attacker.session


def test_a_recovery_code_signs_in_once(committee):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    client, _response = _sign_in(committee.username)
    _activate(client)
    code = RecoveryCodes(Authenticator.objects.get(user=committee, type="recovery_codes")).get_unused_codes()[0]
    first, _response = _sign_in(committee.username)
    first.post(AUTHENTICATE, {"code": code})
    assert "_auth_user_id" in first.session
    second, _response = _sign_in(committee.username)
    second.post(AUTHENTICATE, {"code": code})
    assert "_auth_user_id" not in second.session


def test_residents_are_not_made_to_set_it_up(village_a, make_resident):
    resident = make_resident(village_a)
    client, _response = _sign_in(resident.user.username)
    assert client.get("/zh-hans/accounts/profile/").status_code == 200
    assert client.get("/zh-hans/accounts/2fa/").status_code == 200  # but may


def test_staff_sessions_end_after_thirty_idle_minutes_residents_stay(committee, village_a, make_resident, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # this test is about the idle time alone
    staff, _response = _sign_in(committee.username)
    resident, _response = _sign_in(make_resident(village_a).user.username)
    start = timezone.now()
    with time_machine.travel(start + timezone.timedelta(minutes=29)):
        assert staff.get("/admin/").status_code == 200  # activity: the half hour starts again
    with time_machine.travel(start + timezone.timedelta(minutes=29 + 31)):
        response = staff.get("/admin/pages/")
        assert response.status_code == 302 and "login/" in response["Location"]
        assert "_auth_user_id" not in staff.session
        assert "_auth_user_id" in resident.session and resident.get("/zh-hans/accounts/profile/").status_code == 200


def test_the_idle_time_is_a_setting(committee, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    staff, _response = _sign_in(committee.username)
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=6)):
        assert staff.get("/admin/").status_code == 302 and "_auth_user_id" not in staff.session


def test_staff_passwords_are_longer_everywhere_they_are_set(committee, village_a, make_resident, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    eleven = "Qz7-hill-rd"  # 11 characters: fine for a resident, short for staff
    resident = make_resident(village_a)
    client, _response = _sign_in(resident.user.username)
    response = client.post(
        "/zh-hans/accounts/password/change/", {"oldpassword": "changeme", "password1": eleven, "password2": eleven}
    )
    assert response.status_code == 302  # a resident may
    staff, _response = _sign_in(committee.username)
    response = staff.post(
        "/zh-hans/accounts/password/change/", {"oldpassword": "changeme", "password1": eleven, "password2": eleven}
    )
    assert response.status_code == 200 and "12" in response.content.decode()
    committee.refresh_from_db()
    assert committee.check_password("changeme")
    with pytest.raises(ValidationError):
        validate_password(eleven, committee)


def test_common_and_name_like_staff_passwords_are_refused(committee):
    for password in ("password1234", f"{committee.username}2026"):
        with pytest.raises(ValidationError):
            validate_password(password, committee)


def test_the_demo_committees_have_a_second_factor_that_works(settings, db):
    call_command("seed_demo", verbosity=0)
    from residents.demo import DEMO_TOTP_SECRET

    for username in ("admin", "committee-dongshan", "committee-xihe", "gridworker", "township"):
        assert Authenticator.objects.filter(user__username=username, type="totp").exists(), username
    client, response = _sign_in("committee-xihe")
    assert response["Location"].endswith(AUTHENTICATE)
    client.post(AUTHENTICATE, {"code": _code(DEMO_TOTP_SECRET)})
    assert client.get("/admin/").status_code == 200
    assert not Resident.objects.filter(user__username="committee-xihe").exists()


def test_the_admins_user_forms_apply_the_staff_rule(make_user, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    make_user("county", is_staff=True, is_superuser=True, email="county@example.org")
    client, _response = _sign_in("county")
    eleven = "Qz7-hill-rd"
    data = {"username": "clerk", "email": "clerk@example.org", "first_name": "李", "last_name": "明"}
    response = client.post("/admin/users/new/", {**data, "password1": eleven, "password2": eleven})
    assert response.status_code == 200 and "12" in response.content.decode()
    long_enough = "Qz7-hill-road-2026"
    response = client.post("/admin/users/new/", {**data, "password1": long_enough, "password2": long_enough})
    assert response.status_code == 302, response.content.decode()[-3000:]

"""Sign-up, sign-in by mobile number or e-mail, codes through the SMS sender, clear error messages, rate limits."""

import logging
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from residents import roles
from residents.models import Resident

SIGNUP = "/en/accounts/signup/"
LOGIN = "/en/accounts/login/"


@pytest.fixture(autouse=True)
def _english():
    """These tests read the English messages: reverse() builds /en/ URLs while English is active."""
    with translation.override("en"):
        yield


def _signup(client, home_village, **extra):
    data = {
        "village": home_village.pk,
        "household_number": "0108",
        "real_name": "吴敏",
        "display_name": "",
        "phone": "138 0000 0108",
        "email": "wumin@example.org",
        "password1": "a-long-pass-phrase-2026",
        "password2": "a-long-pass-phrase-2026",
        **extra,
    }
    return client.post(SIGNUP, data)


def _code_from_log(caplog) -> str:
    messages = [r.getMessage() for r in caplog.records if r.name == "residents.sms"]
    assert messages, "no SMS was written to the log"
    return re.search(r"\b(\d{6})\b", messages[-1]).group(1)


def test_signup_creates_an_unverified_resident_and_texts_a_code(client, village_a, caplog):
    caplog.set_level(logging.INFO, logger="residents.sms")
    response = _signup(client, village_a)
    assert response.status_code == 302, response.content.decode()[:3000]
    resident = Resident.objects.get(real_name="吴敏")
    assert resident.village == village_a and resident.household_number == "0108"
    assert resident.verification == Resident.Verification.UNVERIFIED
    assert resident.display_name == "吴*"
    assert resident.phone == "+8613800000108" and not resident.phone_verified
    assert resident.user.email == "wumin@example.org"
    assert set(resident.user.groups.values_list("name", flat=True)) == {roles.RESIDENT}

    # The code went through the pluggable sender, which by default writes it to the log.
    code = _code_from_log(caplog)
    response = client.post(reverse("account_verify_phone"), {"code": code})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.phone_verified


def test_signup_asks_for_village_and_household(client, village_a):
    response = _signup(client, village_a, village="", household_number="")
    assert response.status_code == 200
    form = response.context["form"]
    assert "village" in form.errors and "household_number" in form.errors
    assert not Resident.objects.exists()
    html = response.content.decode()
    assert "吴敏" in html  # what the user typed is kept


def test_signup_needs_a_phone_or_an_email(client, village_a):
    response = _signup(client, village_a, phone="", email="")
    assert response.status_code == 200
    assert "Give a mobile number or an e-mail address" in response.content.decode()
    assert not Resident.objects.exists()


def test_signup_with_email_only_and_sign_in_without_phone(client, village_a):
    response = _signup(client, village_a, phone="")
    assert response.status_code == 302
    client.logout()
    response = client.post(LOGIN, {"login": "wumin@example.org", "password": "a-long-pass-phrase-2026"})
    assert response.status_code == 302 and response.url != LOGIN
    assert client.session["_auth_user_id"] == str(Resident.objects.get(real_name="吴敏").user.pk)


def test_signup_with_a_number_held_by_an_offline_resident_makes_no_account_and_says_nothing(client, village_a, caplog):
    """Enumeration prevention: the answer is the same as for a free number; the holder is told by text."""
    caplog.set_level(logging.INFO, logger="residents.sms")
    Resident.objects.create(village=village_a, household_number="0500", real_name="孙玉珍", phone="+8613800000108")
    response = _signup(client, village_a)
    assert response.status_code == 302 and response.url.endswith("/accounts/phone/verify/")
    assert "Another resident" not in client.get(response.url).content.decode()
    assert Resident.objects.count() == 1
    assert "tried to sign up with this number" in _sms_texts(caplog)[-1]


def _sms_texts(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "residents.sms"]


def test_staff_without_a_resident_record_can_sign_in(client, make_user):
    make_user("clerk", email="clerk@example.org")
    response = client.post(LOGIN, {"login": "clerk", "password": "changeme"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


@pytest.fixture
def member(village_a, make_user):
    user = make_user("member", email="member@example.org")
    return Resident.objects.create(
        user=user,
        village=village_a,
        display_name="马*",
        real_name="马丽",
        phone="+8613800000200",
        phone_verified=True,
        verification=Resident.Verification.VERIFIED,
    )


@pytest.mark.parametrize("login", ["138 0000 0200", "13800000200", "+8613800000200", "member@example.org", "member"])
def test_sign_in_by_mobile_number_email_or_name(client, member, login):
    response = client.post(LOGIN, {"login": login, "password": "changeme"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(reverse("residents:profile")).status_code == 200


@pytest.mark.parametrize(
    ("login", "message"),
    [
        ("member@example.org", "That e-mail address and password do not match an account"),
        ("nobody@example.org", "That e-mail address and password do not match an account"),
        ("13800000200", "That mobile number and password do not match an account"),
        ("13899999999", "That mobile number and password do not match an account"),
    ],
    ids=["wrong-password-email", "unknown-email", "wrong-password-phone", "unknown-phone"],
)
def test_wrong_password_and_unknown_account_get_a_clear_message(client, member, login, message):
    response = client.post(LOGIN, {"login": login, "password": "wrong-password"})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_messages_are_in_chinese_by_default(client, member):
    response = client.post("/zh-hans/accounts/login/", {"login": "13800000200", "password": "wrong"})
    assert "手机号或密码不对" in response.content.decode()


def test_repeated_wrong_passwords_are_rate_limited(client, member):
    for _attempt in range(5):
        client.post(LOGIN, {"login": "member@example.org", "password": "wrong"})
    response = client.post(LOGIN, {"login": "member@example.org", "password": "changeme"})
    assert "Too many wrong attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_by_code_through_the_sms_sender(client, member, caplog):
    caplog.set_level(logging.INFO, logger="residents.sms")
    response = client.post(reverse("account_request_login_code"), {"phone": "138 0000 0200"})
    assert response.status_code == 302
    code = _code_from_log(caplog)
    response = client.post(reverse("account_confirm_login_code"), {"code": "000000" if code != "000000" else "111111"})
    assert "That code is wrong or has expired" in response.content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.user.pk)


def test_code_for_an_unknown_number_says_kindly_what_happens(client, member):
    """No "no account uses this number": that told anyone which neighbours have accounts."""
    for phone in ("13899999999", "13800000200"):
        response = Client().post(reverse("account_request_login_code"), {"phone": phone}, follow=True)
        text = response.content.decode()
        assert "No account uses" not in text and "is registered, a sign-in code has been sent" in text


def test_expired_code_says_so(client, member, caplog):
    caplog.set_level(logging.INFO, logger="residents.sms")
    client.post(reverse("account_request_login_code"), {"phone": "13800000200"})
    code = _code_from_log(caplog)
    with override_settings(ACCOUNT_LOGIN_BY_CODE_TIMEOUT=-1):
        response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)
    assert "That code has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_custom_sms_sender_is_used(client, member, settings):
    settings.RESIDENTS_SMS_SENDER = "tests.residents.test_accounts.RecordingSender"
    RecordingSender.sent.clear()
    client.post(reverse("account_request_login_code"), {"phone": "13800000200"})
    assert RecordingSender.sent and RecordingSender.sent[0][0] == "+8613800000200"


class RecordingSender:
    sent: list = []

    def send(self, phone, message):
        self.sent.append((phone, message))


@pytest.mark.parametrize("path", ["login", "signup", "password/reset", "login/code"])
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_account_pages_render_in_every_language(client, village_a, path, language):
    response = client.get(f"/{language}/accounts/{path}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert 'class="site-header"' in html  # inside the portal's layout

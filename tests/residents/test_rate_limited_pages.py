"""allauth's limits answer with the portal's "slow down" page in the visitor's language, saying when to try again.

The phone-verification step of signing in raises RateLimited when a second code is asked for too soon (two sign-ins
within 30 seconds, or from two tabs): that was a server error (500, 302, 500 in a row). Every other allauth limit
answers through handler429, which was a bare English page.
"""

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from residents.models import Resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unconfirmed_phone(make_user, village_page):
    user = make_user("villager")
    Resident.objects.create(
        user=user, village=village_page.village, display_name="王*英", phone="+8613800000300", phone_verified=False
    )
    return user


def _sign_in(language: str = "zh-hans"):
    return Client().post(f"/{language}/accounts/login/", {"login": "13800000300", "password": "changeme"})


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "请等 1 分钟"), ("zh-hant", "請等 1 分鐘"), ("en", "Please wait a minute")],
)
def test_a_second_code_too_soon_while_signing_in_is_a_429_in_the_visitors_language(unconfirmed_phone, language, words):
    first = _sign_in(language)
    assert first.status_code == 302 and "/accounts/phone/verify/" in first.url  # a code was texted
    second = _sign_in(language)
    assert second.status_code == 429
    assert words in second.content.decode()
    assert 1 <= int(second["Retry-After"]) <= 30  # allauth: one code per number every 30 seconds
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31)):
        assert _sign_in(language).status_code == 302


def test_every_sign_in_attempt_in_a_row_gets_an_answer_never_a_500(unconfirmed_phone):
    statuses = [_sign_in().status_code for _ in range(6)]
    assert 500 not in statuses and set(statuses) <= {302, 429}


def test_allauths_own_limit_pages_are_the_portals(client, make_user):
    make_user("admin")
    for _attempt in range(30):  # allauth: 30 sign-in posts a minute per address
        client.post("/en/accounts/login/", {"login": "admin", "password": "guess"})
    response = client.post("/en/accounts/login/", {"login": "admin", "password": "changeme"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "Please slow down" in text and '<html lang="en"' in text
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "changeme" not in text  # the password is never echoed back


def test_the_address_behind_the_proxy_is_the_visitors(settings, make_user):
    """Behind nginx every request comes from 127.0.0.1: the limits must count each visitor's own address."""
    make_user("admin")
    for number in range(31):
        response = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=f"10.0.0.{number}").post(
            "/en/accounts/login/", {"login": f"user{number}", "password": "guess"}
        )
        assert response.status_code == 200  # 31 villagers behind one proxy, each with one typo

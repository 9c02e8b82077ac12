"""The brute force, through every sign-in address the resolver knows: 30 wrong secrets, then the right one.

Every route whose address says login or authenticate is found in the URL patterns (admin, Wagtail's front-end
``_util/login/``, the page and document password forms, allauth's own, the second factor once it is there). Each
must be classified below with the attack that fits it; a new one fails the test until someone adds it. After 30
wrong tries the answer is 429 or the lock-out message, and the right secret does not work until the lock expires.
"""

import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from portal.settings.base import RATE_LIMITS
from tests.urlwalk import routes

pytestmark = pytest.mark.django_db
ATTEMPTS = 30
LOCKED_OUT = "错误次数太多"  # allauth's "too many failed attempts", in the portal's words

# Route name → the attack that fits what it checks.
PASSWORD_SIGN_IN = {"account_login", "portal_admin_login", "wagtailadmin_login", "wagtailcore_login"}
VIEW_PASSWORD = {"wagtailcore_authenticate_with_password", "wagtaildocs_authenticate_with_password"}
LOGIN_CODE = {"account_request_login_code", "account_confirm_login_code", ""}  # "": the portal's code confirmation
REAUTHENTICATE = {"account_reauthenticate"}
# The second factor's code (tests/residents/test_mfa.py tries 30 wrong codes there) and its reauthentication.
SECOND_FACTOR = {"mfa_authenticate", "mfa_reauthenticate"}
# allauth's form calls the account field "login", Wagtail's "username": the attacker sends both.
ACCOUNT = {"login": "admin", "username": "admin"}


def _login_routes():
    with translation.override("zh-hans"):
        return [route for route in routes() if re.search(r"login|authenticat", route.path)]


def test_every_sign_in_route_is_classified():
    found = {route.name for route in _login_routes()}
    known = PASSWORD_SIGN_IN | VIEW_PASSWORD | LOGIN_CODE | REAUTHENTICATE | SECOND_FACTOR
    assert found - known == set(), "a new sign-in route: add the attack that fits it to this file"
    assert found >= PASSWORD_SIGN_IN | VIEW_PASSWORD


@pytest.fixture(autouse=True)
def real_limits(settings):
    settings.RATE_LIMITS = RATE_LIMITS  # test settings widen them; here the production figures apply
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin(make_user):
    return make_user("admin", email="admin@example.org", is_staff=True, is_superuser=True)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _password_urls() -> list[str]:
    return sorted({route.url() for route in _login_routes() if route.name in PASSWORD_SIGN_IN})


def test_thirty_wrong_passwords_lock_every_sign_in_address(client, admin):
    urls = _password_urls()
    assert {"/admin/login/", "/zh-hans/_util/login/", "/zh-hans/accounts/login/"} <= set(urls)
    for url in urls:
        cache.clear()
        statuses = []
        for _attempt in range(ATTEMPTS):
            response = client.post(url, {**ACCOUNT, "password": "guess"})
            statuses.append(response.status_code)
            assert not _signed_in(client)
        locked = 429 in statuses or LOCKED_OUT in response.content.decode()
        assert locked, f"{url}: {ATTEMPTS} wrong passwords, never refused: {statuses}"
        response = client.post(url, {**ACCOUNT, "password": "changeme"})
        assert not _signed_in(client), f"{url}: the right password signed in during the lock-out"
        assert response.status_code == 429 or LOCKED_OUT in response.content.decode(), url
        # Once the lock has expired (allauth: 5 failures per account in 5 minutes), the owner gets in.
        with time_machine.travel(timezone.now() + timezone.timedelta(minutes=6)):
            response = client.post(url, {**ACCOUNT, "password": "changeme"})
            assert _signed_in(client), f"{url}: still locked after the lock expired ({response.status_code})"
        client.logout()


@pytest.fixture
def restricted(village_page):
    page_restriction = PageViewRestriction.objects.create(
        page=village_page, restriction_type=PageViewRestriction.PASSWORD, password="dongshan-2026"
    )
    collection = Collection.get_first_root_node().add_child(name="内部文件")
    doc_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="dongshan-2026"
    )
    return {
        "page_view_restriction_id": page_restriction.pk,
        "page_id": village_page.pk,
        "restriction_id": doc_restriction.pk,
        "documents": doc_restriction.passed_view_restrictions_session_key,
        "_util": page_restriction.passed_view_restrictions_session_key,
    }


def test_thirty_wrong_page_or_document_passwords_are_refused(client, restricted):
    urls = sorted({route.url(**restricted) for route in _login_routes() if route.name in VIEW_PASSWORD})
    assert len(urls) == 2
    for url in urls:
        cache.clear()
        statuses = [client.post(url, {"password": "guess", "return_url": "/"}).status_code for _ in range(ATTEMPTS)]
        assert 429 in statuses, f"{url}: {statuses}"
        response = client.post(url, {"password": "dongshan-2026", "return_url": "/"})
        assert response.status_code == 429, url
        passed = restricted["documents" if url.startswith("/documents/") else "_util"]
        assert not client.session.get(passed), f"{url}: the right password passed during the lock-out"
        window = RATE_LIMITS["view_password"]["ip"][1]
        with time_machine.travel(timezone.now() + timezone.timedelta(seconds=window + 1)):
            response = client.post(url, {"password": "dongshan-2026", "return_url": "/"})
            assert response.status_code == 302, url
            assert client.session.get(passed), url


def test_thirty_wrong_sign_in_codes_do_not_open_the_account(client, admin):
    client.post("/zh-hans/accounts/login/code/", {"email": "admin@example.org"})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    wrong = "000000" if code != "000000" else "111111"
    for url in sorted(
        {route.url() for route in _login_routes() if route.name in LOGIN_CODE} - {"/zh-hans/accounts/login/code/"}
    ):
        for _attempt in range(ATTEMPTS):
            client.post(url, {"code": wrong})
        client.post(url, {"code": code})
        assert not _signed_in(client), f"{url}: the code still worked after {ATTEMPTS} wrong ones"
    # Asking for codes again and again, each time in a fresh session, is limited too (allauth: 3 a minute per account).
    responses = [
        Client().post("/zh-hans/accounts/login/code/", {"email": "admin@example.org"}) for _ in range(ATTEMPTS)
    ]
    assert all(r.status_code == 429 or LOCKED_OUT in r.content.decode() for r in responses[2:])
    assert len(mail.outbox) == 3  # allauth: 3 codes a minute per account, the first one above included


def test_thirty_wrong_passwords_when_confirming_who_you_are(client, admin):
    """Reauthentication (before sensitive changes) guards a session someone else may be holding."""
    client.force_login(admin)
    (url,) = {route.url() for route in _login_routes() if route.name in REAUTHENTICATE}
    statuses = [client.post(url, {"password": "guess"}).status_code for _ in range(ATTEMPTS)]
    assert 429 in statuses
    assert client.post(url, {"password": "changeme"}).status_code == 429

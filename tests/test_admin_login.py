"""Staff sign in to the Wagtail admin through allauth's login, whose failed-attempt limits then protect the admin."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db
LOGIN = "/zh-hans/accounts/login/"


@pytest.fixture(autouse=True)
def fresh_limits():
    # allauth keeps its counters in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(make_user):
    return make_user("editor", is_staff=True, is_superuser=True)


def test_admin_sends_anonymous_visitors_to_the_allauth_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=%2Fadmin%2F"
    assert response.status_code == 200
    assert 'name="login"' in response.content.decode()


def test_a_deep_admin_link_is_kept_through_the_sign_in(client, staff):
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"
    response = client.post(f"{LOGIN}?next=/admin/pages/", {"login": "editor", "password": "changeme"})
    assert response.status_code == 302 and response.url == "/admin/pages/"


def test_staff_reach_the_admin_after_signing_in(client, staff):
    response = client.post(f"{LOGIN}?next=/admin/", {"login": "editor", "password": "changeme"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    # Already signed in: the old login address goes straight to the dashboard.
    assert client.get("/admin/login/").url == "/admin/"


def test_wagtails_own_login_form_is_gone(client, staff):
    """A POST to /admin/login/ is answered by allauth's sign-in, with its limits, never by Wagtail's form."""
    assert client.get("/admin/login/?next=/admin/").url.startswith(LOGIN)
    for _attempt in range(5):
        client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "guess"})
    response = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "changeme"})
    assert "错误次数太多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/password_reset/", follow=True).status_code == 404  # allauth's rate-limited reset instead


def test_repeated_failed_admin_logins_are_throttled(client, staff):
    url = f"{LOGIN}?next=/admin/"
    for _attempt in range(5):
        response = client.post(url, {"login": "editor", "password": "guess"})
        assert response.status_code == 200 and "错误次数太多" not in response.content.decode()
    # Even the right password is refused now, with allauth's "too many failed attempts" message.
    response = client.post(url, {"login": "editor", "password": "changeme"})
    assert "错误次数太多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client, make_user):
    for number in range(11):
        make_user(f"staff{number}", is_staff=True)
    statuses = [
        client.post(LOGIN, {"login": f"staff{number}", "password": "guess"}).status_code for number in range(11)
    ]
    assert statuses == [200] * 11
    # login_failed allows 10 failures a minute from one address, whichever accounts they name.
    response = client.post(LOGIN, {"login": "staff0", "password": "changeme"})
    assert "_auth_user_id" not in client.session
    assert "错误次数太多" in response.content.decode()


def test_signed_in_resident_without_admin_access_is_refused_without_a_redirect_loop(client, make_user):
    client.force_login(make_user("villager"))
    response = client.get("/admin/", follow=True)
    assert len(response.redirect_chain) == 1 and response.redirect_chain[0][0].startswith("/admin/login/")
    assert response.status_code == 403
    assert "/accounts/logout/" in response.content.decode()

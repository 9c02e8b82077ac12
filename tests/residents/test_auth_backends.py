"""residents.auth: the user's resident comes with the user (one query), and sessions signed in before it stay valid."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from residents import auth
from residents.models import Resident

pytestmark = pytest.mark.django_db

OLD_PATHS = ["django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"]


@pytest.fixture
def resident(village_page, make_user):
    user = make_user("villager-auth")
    return Resident.objects.create(
        user=user, village=village_page.village, display_name="村民", verification=Resident.Verification.VERIFIED
    )


def _session(user, backend: str, auth_hash: str | None = None) -> SessionStore:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = auth_hash or user.get_session_auth_hash()
    session.save()
    return session


def _request(session):
    request = RequestFactory().get("/")
    request.session = SessionStore(session.session_key)
    return request


@pytest.mark.parametrize("old", OLD_PATHS)
def test_a_session_of_an_old_backend_path_stays_signed_in_and_carries_the_new_one(client, resident, old):
    session = _session(resident.user, old)
    client.cookies["sessionid"] = session.session_key
    response = client.get("/zh-hans/")
    assert response.wsgi_request.user == resident.user
    stored = SessionStore(session.session_key).load()
    assert stored[BACKEND_SESSION_KEY] == auth.RENAMED[old]
    assert stored[SESSION_KEY] == str(resident.user.pk)
    # The next request reads the new path as it is: nothing more to rename, still signed in.
    request = _request(session)
    assert auth.get_user(request) == resident.user and not request.session.modified


def test_the_resident_comes_with_the_user_in_one_query(resident):
    request = _request(_session(resident.user, "residents.auth.ModelBackend"))
    request.session.load()
    with CaptureQueriesContext(connection) as queries:
        user = auth.get_user(request)
        assert user.resident == resident and user.resident.village_id == resident.village_id
    assert len([q for q in queries.captured_queries if "django_session" not in q["sql"]]) == 1


def test_a_user_without_a_resident_has_none(make_user):
    staff = make_user("clerk-auth")
    request = _request(_session(staff, "residents.auth.AuthenticationBackend"))
    request.session.load()
    user = auth.get_user(request)
    assert user == staff
    with CaptureQueriesContext(connection) as queries:
        assert getattr(user, "resident", None) is None
    assert not queries.captured_queries


def test_an_inactive_user_or_a_changed_password_signs_the_session_out(resident):
    changed = _request(_session(resident.user, OLD_PATHS[0], auth_hash="not-the-hash"))
    assert not auth.get_user(changed).is_authenticated
    resident.user.is_active = False
    resident.user.save()
    inactive = _request(_session(resident.user, OLD_PATHS[1]))
    assert not auth.get_user(inactive).is_authenticated


def test_a_path_that_is_not_a_backend_is_not_renamed_into_one(resident, settings):
    """Only the two old paths are renamed; anything else is Django's to refuse, as before."""
    request = _request(_session(resident.user, "somewhere.else.Backend"))
    assert not auth.get_user(request).is_authenticated


def test_a_sign_in_stores_a_path_of_this_module(client, resident):
    assert client.login(username=resident.user.username, password="changeme")
    assert client.session[BACKEND_SESSION_KEY].startswith("residents.auth.")

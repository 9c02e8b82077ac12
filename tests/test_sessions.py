"""portal.sessions: Django's database and cached-database sessions, read with SQL compiled once, answer as Django's."""

import datetime

import pytest
from django.contrib.sessions.backends import cached_db as django_cached_db
from django.contrib.sessions.backends import db as django_db
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal import sessions
from portal.sessions import cached_db, db

pytestmark = pytest.mark.django_db


def _stored(data: dict) -> str:
    session = django_db.SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_the_engines_are_djangos_with_the_read_prepared(settings):
    assert issubclass(db.SessionStore, django_db.SessionStore)
    assert issubclass(cached_db.SessionStore, django_cached_db.SessionStore)
    assert settings.SESSION_ENGINE == "portal.sessions.db"  # what the suite and the benches measure


def test_a_stored_session_loads_with_one_query_each_time():
    keys = [_stored({"n": n, "name": "村民"}) for n in range(3)]
    for n, key in enumerate(keys):
        with CaptureQueriesContext(connection) as queries:
            assert db.SessionStore(key).load() == {"n": n, "name": "村民"}
        assert len(queries) == 1
    compiled = sessions._read(Session)._local.compiled
    assert compiled and key not in compiled[1]  # prepared: the key is a parameter, not in the compiled SQL


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key():
    expired = _stored({"user": "1"})
    Session.objects.filter(session_key=expired).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for key in (expired, "nosuchsessionkey0000000000000000"):
        store = db.SessionStore(key)
        assert store.load() == {}
        assert store.session_key is None  # as Django's: a stale key is never written again
    assert django_db.SessionStore(expired).load() == {}  # Django's own agrees


def test_a_session_read_by_django_and_by_the_prepared_store_is_the_same():
    key = _stored({"_auth_user_id": "7", "flag": True})
    assert db.SessionStore(key).load() == django_db.SessionStore(key).load()
    store = db.SessionStore(key)
    store["more"] = 1
    store.save()  # writing is Django's
    assert django_db.SessionStore(key).load() == {"_auth_user_id": "7", "flag": True, "more": 1}


def test_cached_db_fills_the_cache_from_the_prepared_read_and_then_reads_the_cache(settings):
    settings.SESSION_CACHE_ALIAS = "default"
    caches["default"].clear()
    key = _stored({"n": 1})
    with CaptureQueriesContext(connection) as queries:
        assert cached_db.SessionStore(key).load() == {"n": 1}
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert cached_db.SessionStore(key).load() == {"n": 1}
    assert len(queries) == 0

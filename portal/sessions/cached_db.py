"""Cached-database sessions (Redis in production) with the database read prepared (portal.sessions)."""

from django.contrib.sessions.backends import cached_db

from . import PreparedRead


class SessionStore(PreparedRead, cached_db.SessionStore):
    pass

"""Database sessions with the read prepared (portal.sessions)."""

from django.contrib.sessions.backends import db

from . import PreparedRead


class SessionStore(PreparedRead, db.SessionStore):
    pass

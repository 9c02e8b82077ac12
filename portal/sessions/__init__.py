"""Session engines: Django's database and cached-database sessions, read with SQL compiled once per thread.

Every signed-in request loads its session (from the database, or with Redis from the cache first and the
database when the cache lost it): a one-row read by primary key that the ORM compiled anew each time, about a
tenth of a ballot's CPU (docs/voting.md, "The ballot path"). The row, what is stored and how it is encoded,
written, created, flushed and expired are Django's; only the read is prepared (portal.prepared). Saving and
`exists()` (a sign-in, a changed session) stay Django's: they are not on the path of a ballot, support or comment.

SESSION_ENGINE = "portal.sessions.db" or "portal.sessions.cached_db".
"""

import logging

from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from portal.prepared import Prepared

_READS: dict[type, Prepared] = {}


def _read(model: type) -> Prepared:
    prepared = _READS.get(model)
    if prepared is None:
        prepared = _READS.setdefault(
            model,
            Prepared(lambda session_key: model.objects.filter(session_key=session_key), text=("session_key",)),
        )
    return prepared


class PreparedRead:
    """Django's `_get_session_from_db` (the row if it exists and has not expired, else None and no key), prepared.

    The expiry is compared here rather than in the SQL, with the same strict "later than now": a datetime
    parameter is adapted differently per database (text on SQLite), which a prepared query cannot stand in for."""

    def _get_session_from_db(self):
        try:
            key = self.session_key
            rows = _read(self.model)(session_key=key) if key is not None else []
        except SuspiciousOperation as error:  # as Django's: logged, and the session is a new, empty one
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            rows = []
        if rows and rows[0].expire_date > timezone.now():
            return rows[0]
        self._session_key = None
        return None

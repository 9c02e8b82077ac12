"""Picks the segmenting SQLite or PostgreSQL backend from the default database, as the stock
`wagtail.search.backends.database` does: settings stay the same when DATABASE_URL changes."""

from django.db import connection


def SearchBackend(params):
    if connection.vendor == "postgresql":
        from .postgres import SegmentingPostgresSearchBackend

        return SegmentingPostgresSearchBackend(params)
    from .sqlite import SegmentingSQLiteSearchBackend

    return SegmentingSQLiteSearchBackend(params)

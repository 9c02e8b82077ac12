"""What a backup promises: the row count of every table and a checksum of the ballots, from one snapshot.

Computed with plain SQL on a DB-API cursor, so that the same function reads the live database (inside the
dump's snapshot), a SQLite copy, or a restored database, and the figures can be compared exactly.
"""

import hashlib
import json

from django.apps import apps
from django.db import connection


def table_names() -> list[str]:
    """Every table the installed models use, including many-to-many tables, sorted."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(cursor, tables: list[str] | None = None) -> dict[str, int]:
    counts = {}
    for table in tables if tables is not None else table_names():
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (table names from the models)
        counts[table] = cursor.fetchone()[0]
    return counts


def ballot_checksum(cursor) -> str:
    """SHA-256 over what was counted, in a fixed order: every ballot box (question, ballots, votes per option,
    receipts), every open ballot with its choices, and the number of participations per question."""
    from consultations.models import Ballot, BallotBox, BallotChoice, Participation

    box, ballot, choice, taking = BallotBox._meta, Ballot._meta, BallotChoice._meta, Participation._meta
    rows: list[str] = []
    cursor.execute(
        f"SELECT question_id, ballots, counts, receipts FROM {_quote(box.db_table)} ORDER BY question_id"  # noqa: S608
    )
    for question_id, ballots, counts, receipts in cursor.fetchall():
        counts, receipts = _json(counts), _json(receipts)
        rows.append(f"box|{question_id}|{ballots}|{sorted(counts.items())}|{sorted(receipts)}")
    b, c = _quote(ballot.db_table), _quote(choice.db_table)
    cursor.execute(
        f"SELECT b.question_id, b.receipt, b.channel, b.replaced, c.option_id FROM {b} b "  # noqa: S608
        f"LEFT JOIN {c} c ON c.ballot_id = b.id ORDER BY b.question_id, b.receipt, c.option_id"
    )
    for question_id, receipt, channel, replaced, option_id in cursor.fetchall():
        rows.append(f"open|{question_id}|{receipt}|{channel}|{int(bool(replaced))}|{option_id}")
    cursor.execute(
        f"SELECT question_id, COUNT(*) FROM {_quote(taking.db_table)} GROUP BY question_id ORDER BY question_id"  # noqa: S608
    )
    rows.extend(f"took part|{question_id}|{number}" for question_id, number in cursor.fetchall())
    digest = hashlib.sha256("\n".join(rows).encode())
    return f"{len(rows)}:{digest.hexdigest()}"


def _json(value):
    """A JSON column as the driver hands it over: parsed already (psycopg) or as text (SQLite)."""
    return json.loads(value) if isinstance(value, str) else value


def manifest_for(cursor) -> dict:
    return {"row_counts": row_counts(cursor), "ballot_checksum": ballot_checksum(cursor)}


def live_manifest() -> dict:
    with connection.cursor() as cursor:
        return manifest_for(cursor)

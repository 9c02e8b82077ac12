"""A secret online ballot on PostgreSQL as one statement: the box counted and the participation stored together.

Every ballot of a question writes its one ballot-box row, so the row's lock orders them. In the general path
(voting._count) the lock is taken by a SELECT ... FOR UPDATE and held while the worker adds the ballot in Python,
writes the row back and commits: three round trips, each needing the worker's process on a CPU. On two busy cores
the other voters of the question queued behind a worker waiting for its turn on the CPU (bench/vote_throughput.py
found a session waiting for that lock in 57-64% of its samples, 14-17% now). Here the database counts the ballot
itself, in one statement that commits on its own (autocommit): the lock lasts only as long as the statement runs.

The same guarantees as the general path: the participation's unique constraint refuses a second ballot (the
statement fails whole, the box untouched); the receipts stay one sorted list in the box (in code order, the
"C" collation being Python's order for these characters), so nothing records the order ballots came in. When the
statement counts nothing (the question's first ballot, with no box yet, or a receipt code already drawn: one in
31^8 per ballot) it has written nothing, and the caller takes the general path.
"""

import datetime

from django.db import connection, transaction
from django.db.models.signals import post_save, pre_save

from residents.models import Resident

from ..models import BallotBox, Channel, Option, Participation, Question

_SQL: dict[str, str] = {}


def usable() -> bool:
    return connection.vendor == "postgresql"


def _sql() -> str:
    sql = _SQL.get(connection.alias)
    if sql is None:
        quote = connection.ops.quote_name
        box, taking = BallotBox._meta, Participation._meta
        column = {field.name: quote(field.column) for field in taking.local_concrete_fields}
        ballots, counts, receipts = (quote(box.get_field(name).column) for name in ("ballots", "counts", "receipts"))
        question = quote(box.pk.column)
        sql = _SQL[connection.alias] = (
            f"WITH counted AS (UPDATE {quote(box.db_table)} SET {ballots} = {ballots} + 1,"  # noqa: S608 (quoted names of the models; values are parameters)
            f" {counts} = {counts} || (SELECT jsonb_object_agg(chosen, COALESCE(({counts} ->> chosen)::int, 0) + 1)"
            " FROM unnest(%s::text[]) AS chosen),"
            f" {receipts} = jsonb_insert({receipts}, ARRAY[(SELECT count(*) FROM jsonb_array_elements_text({receipts})"
            ' AS code WHERE code COLLATE "C" < %s)::text], to_jsonb(%s::text))'
            f" WHERE {question} = %s AND NOT jsonb_exists({receipts}, %s) RETURNING {question})"
            f" INSERT INTO {quote(taking.db_table)} ({column['question']}, {column['resident']}, {column['channel']},"
            f" {column['entered_by']}, {column['voted_on']}) SELECT {question}, %s, %s, NULL, %s FROM counted"
            f" RETURNING {column['id']}"
        )
    return sql


def count_secret(
    question: Question, resident: Resident, options: list[Option], receipt: str, today: datetime.date
) -> Participation | None:
    """Count a secret online ballot on the record page's question; its participation, or None if nothing was
    written (no box yet, or the receipt is taken). A second ballot of the resident raises IntegrityError."""
    participation = Participation(
        question=question, resident=resident, channel=Channel.ONLINE, entered_by=None, voted_on=today
    )
    using = connection.alias
    chosen = [str(option.pk) for option in options]
    params = [chosen, receipt, receipt, question.pk, receipt, resident.pk, Channel.ONLINE, today]
    pre_save.send(sender=Participation, instance=participation, raw=False, using=using, update_fields=None)
    if connection.in_atomic_block:
        # A caller's transaction: the test suite's (a durable block anywhere else refuses to be nested, as the
        # general path's does). The statement is committed with it.
        with transaction.atomic(durable=True):
            row = _run(params)
    else:
        row = _run(params)  # autocommit: the statement is its own transaction, committed when it returns
    if row is None:
        return None
    participation.pk = row[0]
    participation._state.adding, participation._state.db = False, using
    post_save.send(
        sender=Participation, instance=participation, created=True, raw=False, using=using, update_fields=None
    )
    box = BallotBox(question=question)  # what the receivers hear of (the page cache: the question's village)
    box._state.adding, box._state.db = False, using
    post_save.send(sender=BallotBox, instance=box, created=False, raw=False, using=using, update_fields=_BOX_FIELDS)
    return participation


_BOX_FIELDS = frozenset({"ballots", "counts", "receipts"})


def _run(params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(_sql(), params)
        return cursor.fetchone()

"""Secret ballots cannot be linked to their voters by anyone holding the database or a backup (DOMAIN §10).

The attack: read every table, every column, in the order the rows lie in storage (and, on PostgreSQL, which rows
were written by the same transaction) and try to tell who chose what. The test makes that impossible to win in
the strongest sense: the same residents vote in the same order at the same moments, once with one set of choices
and once with the choices swapped between them, and everything the votes left in the database is identical.
Any identifier, timestamp, order, clerk or shared column tying a ballot to its participation would differ.
"""

import itertools

import pytest
import time_machine
from django.apps import apps
from django.db import connection, transaction

from consultations import services
from consultations.models import BallotBox, PaperBatch, Question
from consultations.services import voting

from .conftest import AFTER_CLOSE, IN_VOTING

pytestmark = pytest.mark.django_db


def _tables() -> list[str]:
    return sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
        & set(connection.introspection.table_names())
    )


def _rows() -> list[tuple]:
    """Every row of every table, in storage order, with (PostgreSQL) the transaction that wrote it."""
    found = []
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table in _tables():
            if postgres:
                cursor.execute(f'SELECT xmin::text, * FROM "{table}" ORDER BY ctid')  # noqa: S608
            else:
                cursor.execute(f'SELECT NULL, * FROM "{table}" ORDER BY rowid')  # noqa: S608
            found.extend((table, row[0], tuple(map(str, row[1:]))) for row in cursor.fetchall())
    return found


def _sequences() -> list[tuple[str, int | None, bool]]:
    if connection.vendor != "postgresql":
        return []  # SQLite's counters are rows in sqlite_sequence: a savepoint rolls them back with the rest
    with connection.cursor() as cursor:
        cursor.execute("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences")
        return cursor.fetchall()


def _restore(sequences) -> None:
    with connection.cursor() as cursor:
        for name, last in sequences:
            cursor.execute("SELECT setval(%s, %s, %s)", [name, last or 1, last is not None])


def _left_behind(run) -> list[tuple]:
    """What `run` adds to the database, in storage order, with the writing transactions numbered by first use;
    then everything is undone (a savepoint, and PostgreSQL's sequences set back)."""
    sequences = _sequences()
    before = set(_rows())
    point = transaction.savepoint()
    try:
        run()
        added = [row for row in _rows() if row not in before]
    finally:
        transaction.savepoint_rollback(point)
        _restore(sequences)
    numbering: dict[str, int] = {}
    return [(table, numbering.setdefault(xid, len(numbering)) if xid else None, row) for table, xid, row in added]


@pytest.fixture
def receipts(monkeypatch):
    """Receipt codes drawn the same way in both runs (they are random; their order of drawing is the vote's)."""

    def restart():
        codes = (f"R{n:07d}" for n in itertools.count(7, 7))
        monkeypatch.setattr(voting, "new_receipt", lambda: next(codes))

    return restart


def _voting(question, voters, choices, clerk=None, receipts=None):
    def run():
        receipts()
        for number, (voter, option) in enumerate(zip(voters, choices, strict=True)):
            with time_machine.travel(IN_VOTING, tick=False):
                if clerk is not None and number % 2:
                    services.record_paper_ballot(question, voter, [option.pk], clerk)
                else:
                    services.cast_ballot(question, voter, [option.pk])

    return run


@pytest.mark.parametrize("paper", [False, True], ids=["online", "online and paper"])
def test_swapping_two_voters_choices_leaves_the_same_database(
    make_question, make_resident, committee_member, village_page, receipts, paper
):
    question = make_question(mode=Question.Mode.SECRET)
    yes, no, abstain = services.ensure_options(question)
    voters = [make_resident(login=not (paper and n % 2)) for n in range(4)]
    clerk = committee_member(village_page.village) if paper else None
    BallotBox.objects.get_or_create(question=question)  # the box exists before either run, as after a first vote

    chosen = _left_behind(_voting(question, voters, [yes, no, abstain, yes], clerk, receipts))
    swapped = _left_behind(_voting(question, voters, [no, yes, yes, abstain], clerk, receipts))
    different = _left_behind(_voting(question, voters, [yes, yes, yes, yes], clerk, receipts))

    assert chosen, "the votes left nothing at all to compare"
    assert chosen == swapped  # who chose what is nowhere in the database
    assert chosen != different  # while what was chosen in total is (the comparison can see a difference)
    # What a secret ballot leaves is its participation and the box's totals, and, on paper, the clerk's count.
    tables = {table for table, _xid, _row in chosen}
    assert tables <= {
        "consultations_participation",
        "consultations_ballotbox",
        "consultations_paperbatch",
        "audit_villageactionlog",  # "a paper ballot was entered for resident #n": not its choice
        "wagtailcore_modellogentry",
    }, tables


def test_the_published_list_shows_receipts_counted_never_their_choice(
    client, consultation, make_question, make_resident, committee_member, village_page
):
    question = make_question(mode=Question.Mode.SECRET)
    yes, no, _abstain = services.ensure_options(question)
    casts = [services.cast_ballot(question, make_resident(), [option.pk], now=IN_VOTING) for option in (yes, no, yes)]
    with time_machine.travel(AFTER_CLOSE, tick=False):
        html = client.get(consultation.url).content.decode()
        csv = client.get(f"/zh-hans/consultations/{consultation.pk}/results.csv").getvalue().decode("utf-8-sig")
        api = client.get(f"/api/v2/consultations/{consultation.pk}/tally/").json()["questions"][0]
    codes = sorted(cast.receipt for cast in casts)
    assert api["receipts"] == codes  # codes only, in code order: not the order of voting
    receipt_rows = [line for line in csv.splitlines() if any(code in line for code in codes)]
    assert len(receipt_rows) == 3 and not any("赞成" in row or "反对" in row for row in receipt_rows)
    listed = html[html.index('class="receipt-list"') :]
    listed = listed[: listed.index("</ul>")]
    assert all(code in listed for code in codes) and "赞成" not in listed and "反对" not in listed


def test_a_secret_paper_ballot_is_a_count_per_clerk_and_day(
    make_question, make_resident, committee_member, village_page
):
    question = make_question(mode=Question.Mode.SECRET)
    yes, no, _abstain = services.ensure_options(question)
    clerk = committee_member(village_page.village)
    for option in (yes, no, no):
        services.record_paper_ballot(question, make_resident(login=False), [option.pk], clerk, now=IN_VOTING)
    assert list(PaperBatch.objects.values_list("entered_by", "entered_on", "ballots")) == [
        (clerk.pk, IN_VOTING.date(), 3)
    ]
    box = BallotBox.objects.get(question=question)
    assert (box.votes_for(yes.pk), box.votes_for(no.pk), box.ballots) == (1, 2, 3)

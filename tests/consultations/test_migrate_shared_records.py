"""Migrations 0005–0008 move stored ballots and records onto the record page without losing or double-counting one.

The data is written as the portal stored it before: each language tree's copy of a consultation with questions of
its own, votes cast through the zh-hant and English copies, one resident who voted twice (through two trees), a
secret paper ballot, a proposal on an alias. After migrating, every number is on the zh-hans record.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail_localize.synctree import create_aliases_for_new_page

from consultations.integrity import findings, set_aside

from .conftest import add_consultation

BEFORE = [("consultations", "0004_follow_up_escalation_households")]
UTC = datetime.UTC


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_per_tree_ballots_become_one_tally(translated_trees, village_page, make_user, committee_member):
    page = add_consultation(village_page)
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    trees = {p.locale.language_code: p.pk for p in page.get_translations(inclusive=True)}
    clerk = committee_member(village_page.village)
    old = _migrate(BEFORE)
    try:
        _write_old_data(old, trees, village_page.village.pk, clerk.pk)
    finally:
        new = _migrate(_latest())
    Question = new.get_model("consultations", "Question")
    BallotBox = new.get_model("consultations", "BallotBox")
    Participation = new.get_model("consultations", "Participation")
    Ballot = new.get_model("consultations", "Ballot")
    PaperBatch = new.get_model("consultations", "PaperBatch")
    Proposal = new.get_model("consultations", "Proposal")
    record = trees["zh-hans"]
    secret, open_ = Question.objects.filter(page_id=record).order_by("sort_order", "pk")
    # Each tree's copy is the same question now (one translation key), and only the record's copy is counted.
    for question in (secret, open_):
        keys = set(Question.objects.filter(translation_key=question.translation_key).values_list("page_id", flat=True))
        assert keys == set(trees.values())
    assert set(Participation.objects.values_list("question_id", flat=True)) == {secret.pk, open_.pk}
    # Secret: 4 residents, one of whom voted twice; the second vote is set aside, its ballot not counted.
    box = BallotBox.objects.get(question=secret)
    assert box.ballots == 4 == Participation.objects.filter(question=secret).count() == len(box.receipts)
    assert sorted(box.counts.values()) == [1, 3]  # 3 yes and 1 no: the double vote's "no" is gone
    assert box.receipts == sorted(box.receipts)
    assert list(PaperBatch.objects.values_list("entered_by_id", "ballots")) == [(clerk.pk, 1)]
    # No secret ballot row survives: nothing to join to a participation.
    assert not Ballot.objects.filter(question=secret).exists()
    # Open: the resident who voted twice keeps the earlier ballot counted; the later one is kept, replaced.
    box = BallotBox.objects.get(question=open_)
    assert box.ballots == 2 and Ballot.objects.filter(question=open_, replaced=False).count() == 2
    assert Ballot.objects.filter(question=open_, replaced=True).count() == 1
    assert Proposal.objects.get().page_id == record
    assert findings() == []  # the check command finds nothing wrong
    assert len(set_aside()) == 2  # and lists the two second participations


def _write_old_data(apps, trees, village_id, clerk_id):
    Question = apps.get_model("consultations", "Question")
    Option = apps.get_model("consultations", "Option")
    Participation = apps.get_model("consultations", "Participation")
    Ballot = apps.get_model("consultations", "Ballot")
    BallotChoice = apps.get_model("consultations", "BallotChoice")
    Proposal = apps.get_model("consultations", "Proposal")
    Resident = apps.get_model("residents", "Resident")
    copies = {}
    for language, page_id in trees.items():
        secret = Question.objects.create(page_id=page_id, text="是否同意？", mode="secret", sort_order=0)
        open_ = Question.objects.create(page_id=page_id, text="先修哪段？", kind="single", mode="open", sort_order=1)
        options = {
            "yes": Option.objects.create(question=secret, label="赞成", role="yes", sort_order=0),
            "no": Option.objects.create(question=secret, label="反对", role="no", sort_order=1),
            "east": Option.objects.create(question=open_, label="东段", sort_order=0),
            "west": Option.objects.create(question=open_, label="西段", sort_order=1),
        }
        copies[language] = (secret, open_, options)
    residents = [
        Resident.objects.create(village_id=village_id, display_name=f"村民{n}", verification="verified")
        for n in range(4)
    ]
    moment = datetime.datetime(2026, 2, 5, 9, tzinfo=UTC)

    def vote(language, resident, question_index, option, *, paper=False, minute=0):
        nonlocal moment
        moment += datetime.timedelta(minutes=1 + minute)
        secret, open_, options = copies[language]
        question = (secret, open_)[question_index]
        participation = Participation.objects.create(
            question=question,
            resident=resident,
            channel="paper" if paper else "online",
            entered_by_id=clerk_id if paper else None,
        )
        ballot = Ballot.objects.create(
            question=question,
            receipt=f"R{Ballot.objects.count():07d}",
            secret=question.mode == "secret",
            resident=None if question.mode == "secret" else resident,
            channel="paper" if paper else "online",
            entered_by_id=clerk_id if paper else None,
        )
        BallotChoice.objects.create(ballot=ballot, option=options[option])
        # As the old code wrote them: the two rows a moment apart (the link DOMAIN §10 forbids).
        Participation.objects.filter(pk=participation.pk).update(created_at=moment)
        Ballot.objects.filter(pk=ballot.pk).update(created_at=moment + datetime.timedelta(milliseconds=3))

    vote("zh-hans", residents[0], 0, "yes")
    vote("zh-hant", residents[1], 0, "yes")
    vote("en", residents[2], 0, "no")
    vote("zh-hans", residents[3], 0, "yes", paper=True)
    vote("zh-hant", residents[0], 0, "no", minute=5)  # the same resident again, through another tree
    vote("zh-hant", residents[0], 1, "east")
    vote("en", residents[1], 1, "west")
    vote("en", residents[0], 1, "west", minute=5)  # again, later: the first ballot stays counted
    Proposal.objects.create(page_id=trees["en"], author=residents[1], title="修路", text="<p>村口</p>")

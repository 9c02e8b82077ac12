"""The revision procedure through the services: each step recorded (row and audit log), each refusal clear."""

import datetime

import pytest
from wagtail.models import PageLogEntry

from village_rules import services
from village_rules.models import RevisionStep, RulesVersion, VillageRulesPage
from village_rules.services import RevisionError

from .conftest import stage_of

TODAY = datetime.date.today()


def test_each_allowed_step_moves_the_stage_and_records_who_and_when(to_stage, committee, reviewer, revision):
    to_stage("filed")

    steps = list(RevisionStep.objects.filter(page=revision).order_by("pk"))
    assert [(s.action, s.source, s.target) for s in steps] == [
        ("start_drafting", "collecting", "drafting"),
        ("submit_for_review", "drafting", "review"),
        ("approve", "review", "voting"),
        ("record_vote", "voting", "adopted"),
        ("file", "adopted", "filed"),
    ]
    assert [s.by for s in steps] == [committee, committee, reviewer, committee, committee]
    assert [s.role for s in steps] == ["committee", "committee", "reviewer", "committee", "committee"]
    assert all(s.at is not None for s in steps)
    logged = list(
        PageLogEntry.objects.filter(page=revision, action__startswith="village_rules.revision.")
        .order_by("pk")
        .values_list("action", "user")
    )
    assert logged == [(f"village_rules.revision.{s.action}", s.by.pk) for s in steps]
    assert stage_of(revision) == "filed"


def test_steps_reach_the_committees_audit_report(client, to_stage, committee, revision, village):
    to_stage("review")
    entries = PageLogEntry.objects.filter(page=revision, action__startswith="village_rules.revision.")
    assert {entry.data["village_id"] for entry in entries} == {village.pk}

    committee.is_staff = True
    committee.save()
    client.force_login(committee)
    html = client.get("/admin/audit/", {"action": "village_rules.revision.submit_for_review"}).content.decode()
    assert revision.title in html


def test_return_and_redraft_go_back_to_drafting_with_the_reason(to_stage, revision, reviewer, committee):
    to_stage("review")
    services.return_for_changes(revision, reviewer, "第九条不得罚款。")
    assert stage_of(revision) == "drafting"
    assert revision.steps.last().note == "第九条不得罚款。"
    services.submit_for_review(revision, committee)
    services.approve(revision, reviewer)
    services.return_to_drafting(revision, committee, "村民会议未通过，重新拟定。")
    assert stage_of(revision) == "drafting"


def test_returning_needs_a_reason(to_stage, revision, reviewer):
    to_stage("review")
    with pytest.raises(RevisionError):
        services.return_for_changes(revision, reviewer, "  ")
    assert stage_of(revision) == "review"


def test_filing_publishes_the_new_version_and_keeps_the_old_one(to_stage, revision, rules_page):
    to_stage("filed")

    rules = VillageRulesPage.objects.get(pk=rules_page.pk)
    titles = [v.title for v in rules.versions.all()]
    assert titles[0] == "东山村村规民约（2026年修订）" and "2023年修订版" in titles and "2019年版" in titles
    in_force = rules.version_in_force()
    assert in_force.title == "东山村村规民约（2026年修订）" and in_force.filed_on == TODAY
    assert (in_force.votes_for, in_force.votes_against, in_force.votes_abstain) == (500, 40, 60)
    # The admin's copy of the rules page holds the new version too, so an editor's next publish keeps it.
    latest = rules.get_latest_revision_as_object()
    assert next(v.title for v in latest.versions.all()) == "东山村村规民约（2026年修订）"
    assert revision.procedure.version == in_force


def test_publishing_without_township_approval_is_refused(to_stage, revision, committee):
    to_stage("review")
    with pytest.raises(RevisionError, match=r"to be filed|待备案"):
        services.file_with_township(revision, committee, TODAY)
    assert stage_of(revision) == "review"
    assert not RulesVersion.objects.filter(title="2026年修订").exists()


def test_committee_cannot_approve_its_own_draft(to_stage, revision, committee):
    to_stage("review")
    with pytest.raises(RevisionError, match=r"township reviewer|乡镇审核"):
        services.approve(revision, committee)
    assert stage_of(revision) == "review"


def test_voting_before_township_approval_is_refused(to_stage, revision, committee, make_motion, village):
    to_stage("review")
    with pytest.raises(RevisionError):
        services.record_assembly_vote(revision, committee, make_motion(village))
    assert stage_of(revision) == "review"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"present": 300, "yes": 250, "no": 30, "abstain": 20}, ""),  # 300 of 900 adults: no quorum
        ({"yes": 200, "no": 300, "abstain": 100}, "did not pass|未通过"),
        ({"kind": "representatives", "present": 20, "yes": 18, "no": 1, "abstain": 1}, "village assembly|村民会议"),
        ({"date": TODAY - datetime.timedelta(days=30)}, "before the township approved|批准之前"),
    ],
    ids=["invalid", "failed", "not-an-assembly", "held-before-approval"],
)
def test_adopting_needs_a_valid_passed_assembly_motion_after_approval(
    to_stage, revision, committee, make_motion, village, fields, message
):
    to_stage("voting")
    motion = make_motion(village, **fields)
    with pytest.raises(RevisionError):
        services.record_assembly_vote(revision, committee, motion)
    assert stage_of(revision) == "voting"
    assert not revision.steps.filter(action="record_vote").exists()


def test_a_motion_of_another_village_is_refused(to_stage, revision, committee, make_motion, make_village):
    to_stage("voting")
    other = make_village(code="xigou", name="西沟村")
    with pytest.raises(RevisionError, match=r"another village|其他村"):
        services.record_assembly_vote(revision, committee, make_motion(other))


@pytest.mark.parametrize("days", [-1, 1])
def test_filing_date_between_adoption_and_today(to_stage, revision, committee, make_motion, village, days):
    to_stage("voting")
    services.record_assembly_vote(revision, committee, make_motion(village, date=TODAY - datetime.timedelta(days=0)))
    with pytest.raises(RevisionError):
        services.file_with_township(revision, committee, TODAY + datetime.timedelta(days=days))
    assert stage_of(revision) == "adopted"


def test_other_villages_committee_cannot_take_a_step(revision, make_village, committee_member):
    outsider = committee_member(make_village(code="xigou", name="西沟村"))
    with pytest.raises(RevisionError, match=r"village committee|村委会"):
        services.start_drafting(revision, outsider)
    assert stage_of(revision) == "collecting"


def test_other_townships_reviewer_cannot_approve(to_stage, revision, make_reviewer):
    to_stage("review")
    stranger = make_reviewer("青石镇", username="qingshi")
    with pytest.raises(RevisionError, match=r"township reviewer|乡镇审核"):
        services.approve(revision, stranger)
    assert stage_of(revision) == "review"


def test_submitting_an_empty_draft_is_refused(to_stage, revision, committee):
    to_stage("drafting")
    revision.draft = [("chapter", {"title": "总则", "articles": ["  "]})]
    revision.save()
    with pytest.raises(RevisionError):
        services.submit_for_review(revision, committee)


# ---- Comments -----------------------------------------------------------------------------------------------


def test_verified_resident_comments_on_an_article_sanitised(revision, make_resident, village):
    user = make_resident(village)
    comment = services.add_comment(revision, user, '<script>alert(1)</script>少办<b onclick="x">酒席</b>', 3)
    assert comment.article_label == "第三条" and comment.stage == "collecting"
    assert "<script" not in comment.text and "onclick" not in comment.text and "酒席" in comment.text


def test_resident_proposes_a_new_article(revision, make_resident, village):
    comment = services.add_comment(revision, make_resident(village), "建议新增一条：禁止占道晾晒。", None)
    assert comment.article_number is None and comment.article_label == ""


@pytest.mark.parametrize("who", ["unverified", "other-village", "committee-only"])
def test_only_verified_residents_of_the_village_comment(revision, make_resident, make_village, village, who, make_user):
    user = {
        "unverified": lambda: make_resident(village, verified=False),
        "other-village": lambda: make_resident(make_village(code="xigou", name="西沟村")),
        "committee-only": lambda: make_user("clerk"),
    }[who]()
    with pytest.raises(RevisionError, match=r"verified residents|认证"):
        services.add_comment(revision, user, "意见", 1)


def test_comments_close_outside_the_dates_and_after_drafting(to_stage, revision, make_resident, village):
    user = make_resident(village)
    with pytest.raises(RevisionError):
        services.add_comment(revision, user, "意见", 1, today=revision.opinions_close_on + datetime.timedelta(days=1))
    to_stage("drafting")
    services.add_comment(revision, user, "草案公开期间的意见", 1)  # the draft is public while drafting
    to_stage("review")
    with pytest.raises(RevisionError, match=r"not open|未开放|不开放"):
        services.add_comment(revision, user, "意见", 1)


@pytest.mark.parametrize(("text", "article"), [("", 1), ("   ", 1), ("意见", 99), ("长" * 2001, 1)])
def test_bad_comments_are_refused(revision, make_resident, village, text, article):
    with pytest.raises(RevisionError):
        services.add_comment(revision, make_resident(village), text, article)


def test_committee_decides_and_moderates_with_reasons(revision, make_resident, village, committee, make_village):
    comment = services.add_comment(revision, make_resident(village), "婚宴不超过10桌。", 3)
    with pytest.raises(RevisionError):
        services.decide_on_comment(comment, committee, adopted=True, reason="")
    services.decide_on_comment(comment, committee, adopted=True, reason="已写入草案第七条。")
    services.moderate_comment(comment, committee, hide=True, reason="含有他人电话号码")
    comment.refresh_from_db()
    assert (comment.decision, comment.decided_by, comment.is_hidden) == ("adopted", committee, True)
    assert comment.text == "婚宴不超过10桌。"  # hidden, never deleted
    services.moderate_comment(comment, committee, hide=False, reason="号码已删除")
    comment.refresh_from_db()
    assert not comment.is_hidden

    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("committee-xigou")
    outsider.groups.add(make_village(code="xigou", name="西沟村").committee_group)
    with pytest.raises(RevisionError):
        services.decide_on_comment(comment, outsider, adopted=False, reason="不采纳")
    with pytest.raises(RevisionError):
        services.moderate_comment(comment, outsider, hide=True, reason="隐藏")


def test_reports_count_once_per_user(revision, make_resident, village):
    comment = services.add_comment(revision, make_resident(village), "意见", 1)
    reporter = make_resident(village)
    assert services.report_comment(comment, reporter) is True
    assert services.report_comment(comment, reporter) is False
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_overdue_filings_flag_adopted_revisions_after_ten_days(to_stage, revision, village, make_village):
    to_stage("adopted")
    adopted_on = revision.procedure.adopted_on
    assert services.overdue_filings([village], adopted_on + datetime.timedelta(days=10)) == []
    overdue = services.overdue_filings([village], adopted_on + datetime.timedelta(days=11))
    assert [p.page_id for p in overdue] == [revision.pk]
    assert services.overdue_filings([make_village(code="xigou", name="西沟村")], adopted_on.replace(year=2100)) == []

"""The app's demo seeder, registered with the base: a supervision committee, an open and a closed complaint."""

from django.contrib.auth.models import Group

from grid.rules import supervision_group
from home.seeding import seeders
from supervision import demo
from supervision.models import Complaint, SupervisionMember
from supervision.roles import supervision_group_name


def test_discovered_after_what_it_needs():
    order = [seeder.name for seeder in seeders()]
    assert order.index("supervision") > max(order.index(name) for name in ("home", "residents", "council", "grid"))
    assert order.index("supervision") < len(order) - 1  # the two-factor set-up stays last


def test_seeds_once(village, make_user, make_resident, clerk):
    resident = make_resident(village, household="0101")
    resident.user.username = "resident"
    resident.user.save()
    township = make_user("township")
    township.groups.add(supervision_group(village.township))
    lines = []
    demo.seed(lines.append)
    demo.seed(lines.append)
    assert SupervisionMember.objects.filter(village=village).count() == 3
    assert Complaint.objects.filter(village=village, status=Complaint.Status.CLOSED).count() == 1
    assert Complaint.objects.filter(village=village).open().count() == 1
    assert Group.objects.get(name=supervision_group_name(village)).user_set.count() == 0  # counter residents


def test_a_reviewed_finance_notice(village, make_user, make_resident, township):
    """民主理财 in the demo: 财务 under review, November's accounts approved by the chair and published."""
    from wagtail.models import TaskState

    from notices.models import NoticeCategory, NoticePage
    from supervision.review import approved_review, published_review

    resident = make_resident(village, household="0101")
    resident.user.username = "resident"
    resident.user.save()
    clerk = make_user("committee-dongshan")
    clerk.groups.add(village.committee_group)
    township.username = "township"
    township.save()
    demo.seed(lambda line: None)
    demo.seed_review(lambda line: None)
    demo.seed_review(lambda line: None)  # again: nothing new

    assert NoticeCategory.objects.get(slug="finance").review_workflow.name == "民主理财审核"
    notice = NoticePage.objects.get(slug=demo.REVIEWED_SLUG)
    assert notice.live
    review = approved_review(notice.live_revision_id)
    assert review is not None and review.status == TaskState.STATUS_APPROVED
    assert review.finished_by.username == "supervisor" and review.reviewer_name == "何淑珍"
    assert review.workflow_state.requested_by == clerk
    assert published_review(notice).reviewers == ("何*珍",)
    assert Group.objects.get(name=supervision_group_name(village)).user_set.get().username == "supervisor"


def test_last_years_evaluation(village, make_user, make_resident, township, client):
    """民主评议 in the demo: last year's evaluation in 东山村, hosted by the chair, two paper ballots, published;
    赵*梅's 6 of 12 is exactly half, so not rated 不称职."""
    from django.utils import timezone

    from consultations.models import PaperBatch
    from supervision.evaluation_models import Evaluation

    township.username = "township"
    township.save()
    demo.seed(lambda line: None)
    demo.seed_review(lambda line: None)
    demo.seed_evaluation(lambda line: None)
    demo.seed_evaluation(lambda line: None)  # again: nothing new
    evaluation = Evaluation.objects.get(village=village)
    assert evaluation.year == timezone.localdate().year - 1 and evaluation.status == Evaluation.Status.PUBLISHED
    assert evaluation.ballots == 12 and evaluation.persons.count() == 3
    zhao = evaluation.persons.get(resident__real_name="赵春梅")
    assert (zhao.not_competent, zhao.tally.votes) == (6, 12)
    batches = PaperBatch.objects.filter(entered_by__username="supervisor", question__page=evaluation.ballot)
    assert list(batches.values_list("ballots", flat=True)) == [2, 2, 2]  # one batch per question: who and how many
    body = client.get(f"/zh-hans/supervision/{village.code}/evaluations/").content.decode()
    assert "赵*梅" in body and "未超过半数" in body


def test_an_audit_report_and_the_committees_term_end(village):
    """The demo's departure audit (VCOL art. 35): published on 东山村's notice board before its election."""
    from django.utils import timezone

    from supervision import audit_demo, audit_rules, calendar
    from supervision.audit_models import AuditReportPage

    audit_demo.seed_audits(lambda line: None)
    audit_demo.seed_audits(lambda line: None)  # again: nothing new
    village.refresh_from_db()
    assert village.committee_term_ends_on == audit_demo.TERM_ENDS
    (report,) = AuditReportPage.objects.live().filter(slug=audit_demo.SLUG, locale__language_code="zh-hans")
    assert report.audit_kind == "departure" and len(report.matters_audited) == 5
    (row,) = calendar.calendars([village], timezone.localdate())
    assert row.departure_audit.state == audit_rules.DONE
    assert [seeder.name for seeder in seeders()].index("supervision.audits") > 0

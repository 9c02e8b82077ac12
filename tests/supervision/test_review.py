"""Democratic financial review (民主理财): a financial notice of a reviewed category goes live only after its
village's supervision committee approved it, through Wagtail's workflow engine, on every publish route."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import Locale, Page, TaskState, Workflow, WorkflowState

from home.models import VillagePage
from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
from supervision import services
from supervision.review import ReviewRequired, reviewed_category_ids
from supervision.workflow import ReturnForm, SupervisionReviewTask, SupervisionReviewTaskState

START, END = datetime.date(2025, 12, 20), datetime.date(2030, 12, 31)
SUMMARY = "2026年11月村集体收入12,000元，支出8,500元。"


@pytest.fixture
def village(make_village):
    """With its zh-hant and en trees (the review line is read in three languages)."""
    return make_village(code="dongshan", name="东山村", township="柳溪镇", representatives=27)


@pytest.fixture
def finance(db):
    """The 财务 category, switched on by the county: its notices go through 民主理财审核."""
    category = NoticeCategory.objects.get(slug="finance")
    category.review_workflow = Workflow.objects.get(name="民主理财审核")
    category.save()
    return category


@pytest.fixture
def supervisor(village, make_resident, motion, township):
    resident = make_resident(village, household="H-300")
    resident.real_name, resident.display_name = "何淑珍", "何*珍"
    resident.save()
    services.add_member(township, village, resident, motion, START, END)
    return resident.user


@pytest.fixture
def other_supervisor(make_village, make_resident, make_user, township):
    from council import services as council_services
    from council.models import AgendaItem

    other = make_village(code="xishan", name="西山村", township="柳溪镇", representatives=27)
    meeting = council_services.record_meeting(
        None, other, kind="representatives", title="村民代表会议", date=START, present_persons=21
    )
    item = AgendaItem.objects.create(meeting=meeting, title="推选村务监督委员会成员")
    motion = council_services.record_motion(None, item, "推选村务监督委员会成员", yes=20, abstain=1)
    resident = make_resident(other, household="X-001")
    services.add_member(township, other, resident, motion, START, END)
    return resident.user


def draft_notice(village, author, category, slug="finance-2026-11") -> NoticePage:
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = NoticeIndexPage.objects.child_of(village_page).get()
    notice = NoticePage(
        title="2026年11月财务公开",
        slug=slug,
        date=datetime.date(2026, 12, 1),
        summary=SUMMARY,
        category=category,
        period_kind="month",
        period_year=2026,
        period_number=11,
        live=False,
    )
    index.add_child(instance=notice)
    notice.save_revision(user=author)
    return NoticePage.objects.get(pk=notice.pk)


def is_live(notice) -> bool:
    return NoticePage.objects.filter(pk=notice.pk, live=True).exists()


def submit(notice, user) -> WorkflowState:
    workflow = notice.get_workflow()
    assert workflow is not None and workflow.name == "民主理财审核"
    return workflow.start(notice, user)


def review_state(workflow_state) -> SupervisionReviewTaskState:
    workflow_state.refresh_from_db()
    return workflow_state.current_task_state.specific


# -- the county's switch ----------------------------------------------------------------------------------


def test_the_county_switches_the_review_on_and_off_per_category(village, clerk):
    category = NoticeCategory.objects.get(slug="finance")
    assert category.pk not in reviewed_category_ids()
    notice = draft_notice(village, clerk, category)
    review = Workflow.objects.get(name="民主理财审核")
    assert notice.get_workflow() != review  # the tree's moderation workflow, if any, as before
    notice.get_latest_revision().publish(user=clerk)  # not switched on: published directly, as before
    assert is_live(notice)

    category.review_workflow = review
    category.save()
    assert reviewed_category_ids() == {category.pk}
    second = draft_notice(village, clerk, category, slug="finance-2026-12")
    assert second.get_workflow() == category.review_workflow and second.has_workflow
    with pytest.raises(ReviewRequired):
        second.get_latest_revision().publish(user=clerk)
    assert not is_live(second)
    # Another category (村务) stays as it was.
    affairs = draft_notice(village, clerk, NoticeCategory.objects.get(slug="affairs"), slug="affairs-1")
    assert affairs.get_workflow() != review
    affairs.get_latest_revision().publish(user=clerk)
    assert is_live(affairs)

    category.review_workflow = None
    category.save()
    second.get_latest_revision().publish(user=clerk)
    assert is_live(second)


def test_the_data_migration_made_the_workflow_with_the_supervision_task(db):
    workflow = Workflow.objects.get(name="民主理财审核")
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], SupervisionReviewTask) and workflow.active
    # No category is switched on by the migration: that is the county's decision.
    assert not NoticeCategory.objects.filter(review_workflow__isnull=False).exists()


# -- blocked on every route until approval ----------------------------------------------------------------


def test_every_publish_route_is_refused_until_the_committee_approves(
    village, clerk, finance, supervisor, client, make_user
):
    notice = draft_notice(village, clerk, finance)
    revision = notice.get_latest_revision()

    with pytest.raises(ReviewRequired):  # Revision.publish: management commands, scripts, the API
        revision.publish(user=clerk)
    with pytest.raises(ReviewRequired):  # the page explorer's bulk publish
        PublishBulkAction.execute_action([Page.objects.get(pk=notice.pk)], user=clerk)
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now())
    call_command("publish_scheduled")  # scheduled publishing: refused and unscheduled, the others go on
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    with pytest.raises(ReviewRequired):  # a shell's page.save() making it live without a revision
        row = NoticePage.objects.get(pk=notice.pk)
        row.live = True
        row.save()

    # The editor's Publish button (the committee may publish its village's pages): refused with a message.
    client.force_login(clerk)
    edit = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    data = _edit_form(notice) | {"action-publish": "1"}
    response = client.post(edit, data, HTTP_REFERER=f"http://testserver{edit}")
    assert response.status_code == 302  # home.privacy.middleware: back to the editor with the refusal
    assert "村务监督委员会审核通过" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert not is_live(notice)

    # The editor submits it instead (the category's workflow, not the tree's): now it is the committee's.
    response = client.post(edit, _edit_form(notice) | {"action-submit": "1"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(notice.pk), status="in_progress")
    assert state.workflow.name == "民主理财审核" and state.requested_by == clerk
    assert not is_live(notice)

    task_state = review_state(state)
    task_state.task.specific.on_action(task_state, supervisor, "approve")
    notice.refresh_from_db()
    assert notice.live and notice.live_revision_id == task_state.revision_id
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.specific.reviewer_name == "何淑珍"
    assert task_state.specific.reviewed_on == timezone.localdate()

    # Copying it "published" makes a live copy nobody reviewed: refused.
    index = notice.get_parent()
    with pytest.raises(ReviewRequired):
        CopyPageAction(notice, to=index, update_attrs={"slug": "copy", "title": "副本"}, keep_live=True).execute()
    # Changing the live text behind the review's back (a shell, no revision): refused.
    with pytest.raises(ReviewRequired):
        row = NoticePage.objects.get(pk=notice.pk)
        row.summary = "2026年11月村集体收入2,000元。"
        row.save()
    # Re-labelling it out of the reviewed category is a change that needs a review too.
    notice.category = NoticeCategory.objects.get(slug="other")
    with pytest.raises(ReviewRequired):
        notice.save_revision(user=clerk).publish(user=clerk)
    assert NoticePage.objects.get(pk=notice.pk).summary == SUMMARY


def _edit_form(notice) -> dict:
    data = {
        "title": notice.title,
        "slug": notice.slug,
        "date": notice.date.isoformat(),
        "category": str(notice.category_id),
        "period_kind": notice.period_kind,
        "period_year": str(notice.period_year),
        "period_number": str(notice.period_number),
        "posted_until": notice.posted_until.isoformat(),
        "summary": notice.summary,
        "body-count": "0",
    }
    for formset in ("comments", "attachments"):
        data |= {
            f"{formset}-TOTAL_FORMS": "0",
            f"{formset}-INITIAL_FORMS": "0",
            f"{formset}-MIN_NUM_FORMS": "0",
            f"{formset}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_an_approved_revision_scheduled_for_later_goes_live_then(village, clerk, finance, supervisor):
    notice = draft_notice(village, clerk, finance)
    notice.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    notice.save_revision(user=clerk)
    task_state = review_state(submit(notice, clerk))
    task_state.approve(user=supervisor)
    assert not is_live(notice)  # approved, scheduled
    import time_machine

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
        call_command("publish_scheduled")
    assert is_live(notice)


# -- returning, and who may act ----------------------------------------------------------------------------


def test_returning_needs_a_reason(village, clerk, finance, supervisor):
    notice = draft_notice(village, clerk, finance)
    state = submit(notice, clerk)
    task_state = review_state(state)
    assert not ReturnForm(data={"comment": ""}).is_valid()
    with pytest.raises(ValidationError):
        task_state.task.specific.on_action(task_state, supervisor, "reject", comment="  ")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    reason = "支出8,500元中有3,000元没有附发票，请补充凭证后再公开。"
    task_state.task.specific.on_action(task_state, supervisor, "reject", comment=reason)
    state.refresh_from_db()
    task_state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.status == TaskState.STATUS_REJECTED and task_state.comment == reason
    assert not is_live(notice)
    with pytest.raises(ReviewRequired):
        notice.get_latest_revision().publish(user=clerk)


def test_the_submitter_cannot_approve_their_own_notice(village, clerk, finance, supervisor):
    """A supervision member who writes and submits a notice (as a clerk might for the committee) is no reviewer."""
    notice = draft_notice(village, supervisor, finance)
    state = submit(notice, supervisor)
    task_state = review_state(state)
    task = task_state.task.specific
    assert task.get_actions(notice, supervisor) == []
    assert not task.user_can_access_editor(notice, supervisor)
    assert not task.get_task_states_user_can_moderate(supervisor).exists()
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, supervisor, "approve")
    # Around the task's own checks (the base TaskState.approve): the publish layer still refuses.
    with pytest.raises(ReviewRequired):
        TaskState.objects.get(pk=task_state.pk).approve(user=supervisor)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS, "rolled back with the refused publish"
    assert not is_live(notice)


def test_another_villages_supervisors_cannot_act(village, clerk, finance, supervisor, other_supervisor, client):
    notice = draft_notice(village, clerk, finance)
    task_state = review_state(submit(notice, clerk))
    task = task_state.task.specific
    assert [name for name, _label, _modal in task.get_actions(notice, supervisor)] == ["approve", "reject"]
    assert task.get_actions(notice, other_supervisor) == []
    assert not task.user_can_access_editor(notice, other_supervisor)
    assert list(task.get_task_states_user_can_moderate(supervisor)) == [TaskState.objects.get(pk=task_state.pk)]
    assert not task.get_task_states_user_can_moderate(other_supervisor).exists()
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, other_supervisor, "approve")
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, other_supervisor, "reject", comment="不同意")

    # In the admin: its own village's supervisor reviews from the editor; the other village's cannot open it.
    edit = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    client.force_login(other_supervisor)
    assert client.get(edit).status_code in (302, 403)
    action = reverse("wagtailadmin_pages:workflow_action", args=(notice.pk, "approve", task_state.pk))
    client.post(action, {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert not is_live(notice)
    client.force_login(supervisor)
    assert client.get(edit).status_code == 200
    response = client.post(action, {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert is_live(notice)


# -- what residents read -----------------------------------------------------------------------------------


def test_the_published_notice_shows_the_review_in_three_languages(
    translated_trees, village, clerk, finance, supervisor, client
):
    from wagtail_localize.synctree import create_aliases_for_new_page

    notice = draft_notice(village, clerk, finance)
    create_aliases_for_new_page(notice)  # what the admin's "after_create_page" hook does
    review_state(submit(notice, clerk)).approve(user=supervisor)
    today = timezone.localdate().isoformat()
    expected = {
        "zh-hans": "经村务监督委员会审核",
        "zh-hant": "經村務監督委員會審核",
        "en": "Reviewed by the village affairs supervision committee",
    }
    for code, words in expected.items():
        page = NoticePage.objects.get(translation_key=notice.translation_key, locale__language_code=code)
        body = client.get(page.url).content.decode()
        assert words in body and today in body, code
        assert "何*珍" in body and "何淑珍" not in body, code  # the reviewer's name, masked (DOMAIN §5)


def test_an_unreviewed_notice_shows_no_review_line(village, clerk, client):
    notice = draft_notice(village, clerk, NoticeCategory.objects.get(slug="finance"))
    notice.get_latest_revision().publish(user=clerk)
    body = client.get(NoticePage.objects.get(pk=notice.pk).url).content.decode()
    assert "经村务监督委员会审核" not in body

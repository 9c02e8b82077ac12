"""Every route that makes a revision live is refused while the revision holds a full personal number.

One test per route; each publishes a page whose draft holds a full mobile number and checks that the live page
never shows it, and that the refusal names the number masked. Removing the guard (home.privacy.guard.install)
fails every one of them.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Locale, Page, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.privacy.guard import PersonalDataRefused

MOBILE = "138 1234 5678"
MASKED = "138****5678"
CLEAN_INTRO = "<p>东山村位于柳溪镇东部。</p>"
PII_INTRO = f"<p>村主任电话 {MOBILE}</p>"


@pytest.fixture
def admin_user(make_user):
    return make_user("county-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def page_with_pii_draft(village_page):
    """A live village page with a clean live revision and a draft that holds a full mobile number."""
    village_page.intro = CLEAN_INTRO
    village_page.save_revision().publish()
    village_page.intro = PII_INTRO
    revision = village_page.save_revision()
    return Page.objects.get(pk=village_page.pk).specific, revision


def live_intro(page) -> str:
    return type(page).objects.get(pk=page.pk).intro


def error_messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_revision_publish_itself_is_refused(page_with_pii_draft):
    """What management commands, shells and any code path calling Revision.publish or Page.publish reach."""
    page, revision = page_with_pii_draft
    with pytest.raises(PersonalDataRefused) as refusal:
        revision.publish()
    assert MASKED in str(refusal.value) and MOBILE not in str(refusal.value)
    with pytest.raises(PersonalDataRefused):
        page.publish(revision)
    assert live_intro(page) == CLEAN_INTRO


def test_the_refusal_is_in_the_users_language(page_with_pii_draft):
    from django.utils import translation

    _, revision = page_with_pii_draft
    with translation.override("zh-hans"), pytest.raises(PersonalDataRefused) as chinese:
        revision.publish()
    with translation.override("en"), pytest.raises(PersonalDataRefused) as english:
        revision.publish()
    assert str(chinese.value) != str(english.value)
    assert MASKED in str(chinese.value) and MASKED in str(english.value)


def test_editor_publish(admin_client, page_with_pii_draft):
    page, _ = page_with_pii_draft
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(PII_INTRO),
            "office_address": "",
            "office_hours": "",
            "office_phone": "",
            "contacts": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "1"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 200
    assert MASKED in str(response.context["form"].errors["intro"])
    assert live_intro(page) == CLEAN_INTRO


def test_page_explorer_bulk_publish(admin_client, page_with_pii_draft):
    page, _ = page_with_pii_draft
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    explorer = reverse("wagtailadmin_explore", args=(page.get_parent().pk,))
    response = admin_client.post(url, {"include_descendants": ""}, HTTP_REFERER=f"http://testserver{explorer}")
    assert response.status_code == 302
    assert MASKED in error_messages(response)
    assert live_intro(page) == CLEAN_INTRO


@pytest.fixture
def workflow_on(db):
    def start(page, user):
        workflow = Workflow.objects.create(name="村委会审核")
        task = GroupApprovalTask.objects.create(name="审核")
        task.groups.add(Group.objects.get_or_create(name="审核人")[0])  # a task with no group approves itself
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page=Page.objects.get(pk=page.pk), defaults={"workflow": workflow})
        return workflow.start(page, user)

    return start


def test_workflow_approve_and_publish(admin_client, admin_user, page_with_pii_draft, workflow_on):
    page, _ = page_with_pii_draft
    workflow_state = workflow_on(page, admin_user)
    task_state = workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = admin_client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    assert response.json()["error_code"] == "personal_data"
    assert MASKED in error_messages(response)
    assert live_intro(page) == CLEAN_INTRO
    task_state.refresh_from_db()
    assert task_state.status == "in_progress", "the approval was rolled back with the publish"


def test_workflow_approve_after_editing(admin_client, admin_user, village_page, workflow_on):
    """The moderator edits the submitted draft (adding a number) and presses "approve and publish"."""
    village_page.intro = CLEAN_INTRO
    village_page.save_revision().publish()
    workflow_state = workflow_on(village_page, admin_user)
    task_state = workflow_state.current_task_state
    data = nested_form_data(
        {
            "title": village_page.title,
            "slug": village_page.slug,
            "intro": rich_text(PII_INTRO),
            "office_address": "",
            "office_hours": "",
            "office_phone": "",
            "contacts": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(village_page.pk,)), data)
    assert response.status_code in (200, 302)
    assert live_intro(village_page) == CLEAN_INTRO
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


def test_scheduled_publishing_of_an_older_revision(page_with_pii_draft, caplog):
    page, revision = page_with_pii_draft
    page.intro = "<p>较新的草稿</p>"
    page.save_revision()
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=an_hour_ago)
    call_command("publish_scheduled")
    assert live_intro(page) == CLEAN_INTRO
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None, "unscheduled, so it is not tried again every minute"
    assert MASKED in caplog.text and MOBILE not in caplog.text


def test_translation_editor_publish_and_sync(translated_trees, village_page, django_capture_on_commit_callbacks):
    from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

    english = Locale.objects.get(language_code="en")
    village_page.intro = CLEAN_INTRO
    village_page.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(village_page)
    translation = Translation.objects.create(source=source, target_locale=english)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = "Village head: 138-1234-5678" if "东山村位于" in segment.string.data else "Dongshan"
        StringTranslation.objects.create(
            translation_of=segment.string, locale=english, context=segment.context, data=text
        )
    with pytest.raises(PersonalDataRefused), django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=None, publish=True)
    english_page = village_page.get_translation(english)
    assert "1234" not in (english_page.intro or "")


def test_copy_page_with_publish_copies(admin_client, village_page):
    from notices.models import NoticeCategory, NoticeIndexPage, NoticePage

    index = NoticeIndexPage.objects.child_of(village_page).get()
    notice = NoticePage(title="十月公告", slug="notice-10", date=datetime.date.today(), summary="十月")
    notice.category = NoticeCategory.objects.get(slug="affairs")
    index.add_child(instance=notice)
    notice.save_revision().publish()
    notice.summary = f"联系人 {MOBILE}"
    notice.save_revision()  # the draft, which "publish copies" would make the copy's live revision
    url = reverse("wagtailadmin_pages:copy", args=(notice.pk,))
    data = {"new_title": "副本", "new_slug": "notice-10-copy", "new_parent_page": index.pk, "publish_copies": "on"}
    response = admin_client.post(url, data, HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 302, response.context["form"].errors
    assert MASKED in error_messages(response)
    assert not NoticePage.objects.filter(slug="notice-10-copy").exists(), "refused before anything was copied"

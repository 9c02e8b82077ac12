"""A document in a private collection is not checked at upload; linked from a notice (an attachment, a document
block, a rich-text document link) it is checked when the notice is published, whatever the route (issue 18)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.privacy import documents as document_scan
from home.privacy.guard import PersonalDataRefused
from notices.models import NoticeAttachment, NoticePage

from .test_document_scan import ID, SUBSIDY, xlsx_bytes
from .test_personal_data_guard import create_notice, notice_post_data

MASKED_ID = "1101**********002X"
MASKED_ROWS = [["姓名", "身份证号"], ["王建华", MASKED_ID]]


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="村委会内部")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


@pytest.fixture
def make_document(private_collection):
    def make(rows, title="低保名单", name="list.xlsx"):
        data = rows if isinstance(rows, bytes) else xlsx_bytes(rows)
        return get_document_model().objects.create(
            title=title, file=ContentFile(data, name=name), collection=private_collection
        )

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user("county-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def with_attachment(notice: NoticePage, document):
    """A draft of the live notice that attaches the document."""
    notice.attachments.add(NoticeAttachment(document=document, title="名单"))
    return notice.save_revision()


def live_attachments(notice) -> list:
    return list(NoticeAttachment.objects.filter(page_id=notice.pk).values_list("document_id", flat=True))


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_private_spreadsheet_attached_to_a_notice_is_refused_with_its_rows_named(make_notice, make_document):
    notice, document = make_notice(), make_document(SUBSIDY)
    revision = with_attachment(notice, document)
    with translation.override("en"), pytest.raises(PersonalDataRefused) as refusal:
        revision.publish()
    message = str(refusal.value)
    assert "“低保名单”" in message and "sheet “低保名单” row 2" in message
    assert MASKED_ID in message and ID not in message
    assert live_attachments(notice) == []
    with translation.override("zh-hans"), pytest.raises(PersonalDataRefused) as chinese:
        revision.publish()
    assert "所链接的文档“低保名单”" in str(chinese.value) and MASKED_ID in str(chinese.value)


def test_the_same_document_masked_is_published(make_notice, make_document):
    notice, document = make_notice(), make_document(MASKED_ROWS)
    with_attachment(notice, document).publish()
    assert live_attachments(notice) == [document.pk]


def test_a_title_with_a_full_number_is_refused_masked(make_notice, make_document):
    notice = make_notice()
    revision = with_attachment(notice, make_document(MASKED_ROWS, title=f"名单{ID}"))
    with pytest.raises(PersonalDataRefused) as refusal:
        revision.publish()
    assert MASKED_ID in str(refusal.value) and ID not in str(refusal.value)


@pytest.mark.parametrize("link", ["rich text", "document block"])
def test_document_links_in_the_body_are_checked(link, make_notice, make_document):
    notice, document = make_notice(), make_document(SUBSIDY)
    if link == "rich text":
        paragraph = f'<p>见<a linktype="document" id="{document.pk}">名单</a></p>'
        notice.body = [("paragraph", RichText(paragraph))]
    else:
        notice.body = [("document", {"document": document, "title": "名单"})]
    with pytest.raises(PersonalDataRefused):
        notice.save_revision().publish()
    assert len(NoticePage.objects.get(pk=notice.pk).body) == 0


def test_the_scan_is_cached_by_file_hash(make_notice, make_document, monkeypatch):
    cache.clear()  # the locmem cache outlives other tests' files
    data = xlsx_bytes(MASKED_ROWS)
    documents = [make_document(data, name=f"list{n}.xlsx") for n in range(20)]
    read = []
    scan = document_scan.scan_document
    monkeypatch.setattr(document_scan, "scan_document", lambda data, ext: read.append(ext) or scan(data, ext))
    notice = make_notice()
    for document in documents:
        notice.attachments.add(NoticeAttachment(document=document))
    notice.save_revision().publish()
    assert len(read) == 1, "twenty copies of one file are read once"
    read.clear()
    notice.summary = "更新"
    notice.save_revision().publish()
    assert read == [], "unchanged files are not read again"


def test_editor_publish_is_refused(admin_client, notice_index, make_document):
    document = make_document(SUBSIDY)
    data = notice_post_data([])
    data.update(nested_form_data({"attachments": inline_formset([{"document": str(document.pk), "title": "名单"}])}))
    response = create_notice(admin_client, notice_index, data)
    assert response.status_code == 302 and MASKED_ID in messages_of(response), "refused as a message"
    assert ID not in messages_of(response)
    assert not NoticePage.objects.filter(title="十月财务公开", live=True).exists()


def test_bulk_publish_is_refused(admin_client, make_notice, make_document):
    notice = make_notice()
    with_attachment(notice, make_document(SUBSIDY))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={notice.pk}"
    response = admin_client.post(url, {"include_descendants": ""}, HTTP_REFERER="http://testserver/admin/")
    assert response.status_code == 302 and MASKED_ID in messages_of(response)
    assert live_attachments(notice) == []


def test_workflow_approval_is_refused(admin_client, admin_user, make_notice, make_document):
    notice = make_notice()
    with_attachment(notice, make_document(SUBSIDY))
    workflow = Workflow.objects.create(name="村委会审核")
    task = GroupApprovalTask.objects.create(name="审核")
    task.groups.add(Group.objects.get_or_create(name="审核人")[0])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=Page.objects.get(pk=notice.pk), workflow=workflow)
    state = workflow.start(notice, admin_user)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(notice.pk, "approve", task_state.pk))
    response = admin_client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.json()["error_code"] == "personal_data" and MASKED_ID in messages_of(response)
    assert live_attachments(notice) == []
    assert Page.objects.get(pk=notice.pk).live


def test_a_new_file_for_a_private_document_a_live_notice_links_is_checked_at_upload(make_notice, make_document):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.forms import get_document_form

    notice, document = make_notice(), make_document(MASKED_ROWS)
    with_attachment(notice, document).publish()
    form_class = get_document_form(get_document_model())

    def replace(instance):
        upload = SimpleUploadedFile("list.xlsx", xlsx_bytes(SUBSIDY))
        data = {"title": instance.title, "collection": instance.collection_id}
        return form_class(data=data, files={"file": upload}, instance=instance, user=None)

    form = replace(document)
    assert not form.is_valid() and MASKED_ID in str(form.errors["file"])
    unlinked = make_document(MASKED_ROWS, name="other.xlsx")
    assert replace(unlinked).is_valid(), "a private document no live page links is not checked"

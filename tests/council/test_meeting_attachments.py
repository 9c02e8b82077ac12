"""A meeting's attachments get the checks a notice's attachments get (home.document_checks): a meeting has no publish
step, so the admin form refuses a document whose title, file name or text shows a full number, whatever its
collection (a private one is not checked at upload and its "login" restriction lets every resident open it)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from council.models import Meeting, MeetingAttachment
from tests.notices.test_document_scan import ID, MOBILE, SUBSIDY, xlsx_bytes

from .test_admin_forms import _meeting_data

MASKED_ROWS = [["姓名", "身份证号"], ["王建华", "1101**********002X"]]


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="村委会内部")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")

    def make(rows, title="低保名单", name="list.xlsx"):
        return get_document_model().objects.create(
            title=title, file=ContentFile(xlsx_bytes(rows), name=name), collection=collection
        )

    return make


def _with_attachment(village, document, title="") -> dict:
    data = _meeting_data(village)
    data |= {"attachments-TOTAL_FORMS": 1, "attachments-0-document": document.pk, "attachments-0-title": title}
    return data | {"attachments-0-id": "", "attachments-0-ORDER": 0, "attachments-0-DELETE": ""}


def test_a_private_list_with_full_ids_cannot_be_attached_to_a_meeting(client, village, committee, private_document):
    client.force_login(committee)
    listing = private_document(SUBSIDY)
    response = client.post("/admin/council/meetings/new/", _with_attachment(village, listing))
    html = response.content.decode()
    assert response.status_code == 200 and "1101**********002X" in html  # the refusal names it, masked
    assert ID not in html
    assert not Meeting.objects.exists() and not MeetingAttachment.objects.exists()


def test_an_attachment_title_with_a_mobile_is_refused(client, village, committee, private_document):
    client.force_login(committee)
    clean = private_document(MASKED_ROWS)
    response = client.post("/admin/council/meetings/new/", _with_attachment(village, clean, f"联系人{MOBILE}"))
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "138****5678" in response.content.decode()


def test_a_masked_list_is_attached(client, village, committee, private_document):
    client.force_login(committee)
    clean = private_document(MASKED_ROWS, name="masked.xlsx")
    response = client.post("/admin/council/meetings/new/", _with_attachment(village, clean, "低保名单（已隐去号码）"))
    assert response.status_code == 302
    assert MeetingAttachment.objects.get().document == clean

"""What residents write is published as written: full personal numbers are refused at submission with a
friendly message, text stored before is shown masked, and a page-long limit holds (home.privacy.resident_text)."""

import pytest
import time_machine

from consultations import services
from consultations.models import Comment, Proposal
from consultations.services import ConsultationError
from tests.consultations.conftest import OPENINGS

FRIENDLY = "Please do not write phone numbers in public places"
FORMS = ["138 1234 5678", "１３８１２３４５６７８", "+86 138-1234-5678", "身份证 110105 19491231 002X"]


@pytest.fixture
def during_comments():
    with time_machine.travel(OPENINGS["information_opens"], tick=False):
        yield


@pytest.mark.parametrize("number", FORMS)
def test_a_comment_with_a_number_is_refused(consultation, make_resident, during_comments, number):
    with pytest.raises(ConsultationError, match=FRIENDLY):
        services.add_comment(consultation, make_resident(), f"有事打我电话 {number}")
    assert not Comment.objects.exists()


def test_a_comment_without_numbers_is_published(consultation, make_resident, during_comments):
    services.add_comment(consultation, make_resident(), "同意，2026年10月5日前完工，预算48,620.00元，可拨12348咨询")
    assert Comment.objects.count() == 1


def test_a_one_megabyte_comment_is_a_400_with_a_message(client, consultation, make_resident, during_comments):
    resident = make_resident()
    client.force_login(resident.user)
    one_megabyte = "长" * 350_000  # 3 bytes each in UTF-8
    response = client.post(f"/zh-hans/consultations/{consultation.pk}/comments/", {"text": one_megabyte})
    assert response.status_code == 400
    assert "4000" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_comment_with_a_number_is_a_400_with_the_friendly_message(
    client, consultation, make_resident, during_comments
):
    resident = make_resident()
    client.force_login(resident.user)
    response = client.post(f"/zh-hans/consultations/{consultation.pk}/comments/", {"text": "电话138.1234.5678"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_text_stored_before_is_shown_masked(client, consultation, make_resident, during_comments):
    author = make_resident()
    Comment.objects.create(page=consultation, author=author, text="老王电话 138 1234 5678")
    Proposal.objects.create(page=consultation, author=author, title="联系13912345678", text="卡号4111111111111111")
    html = client.get(consultation.url).content.decode()
    assert "138 **** 5678" in html
    for full in ("1234 5678", "13912345678", "4111111111111111"):
        assert full not in html
    api = client.get("/api/v2/consultations/proposals/")
    assert api.status_code == 200 and "139****5678" in api.content.decode()
    assert "13912345678" not in api.content.decode() and "4111111111111111" not in api.content.decode()

"""Help at the village office (issue 23, assisted participation): committee staff enter a proposal, a support, a
comment or a council proposal for a resident. It is the resident's, counts once whoever enters it first, says so
on the public record, is in the audit log with who entered it, and another village's staff are refused."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from consultations import services
from consultations.models import Comment, Proposal, Support
from council import services as council_services
from council.models import CouncilProposal

from .conftest import OPENINGS
from .test_admin import _staff

pytestmark = pytest.mark.django_db
IN_PROPOSALS = OPENINGS["proposals_open"]
MARK_ZH = "由村委会代为录入"
URL = "/admin/consultations/assisted/"


@pytest.fixture
def office(consultation, make_resident, committee_member, village_page):
    """东山村's clerk, an offline-register resident (no account), a resident with an account, a proposal."""
    clerk = _staff(committee_member(village_page.village))
    offline = make_resident(login=False, real_name="孙玉珍", household_number="0107")
    online = make_resident()
    author = make_resident()
    with time_machine.travel(IN_PROPOSALS, tick=False):
        proposal = services.submit_proposal(consultation, author, title="修补村道", text="坑太多")
    return {"clerk": clerk, "offline": offline, "online": online, "proposal": proposal}


def test_staff_support_then_the_residents_own_counts_once(office):
    proposal, online, clerk = office["proposal"], office["online"], office["clerk"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        assert services.support_for(proposal, online, clerk) is True
        assert services.support(proposal, online) is False  # their own click finds it there
    proposal.refresh_from_db()
    assert proposal.support_count == 1 and Support.objects.filter(resident=online).count() == 1
    assert Support.objects.get(resident=online).entered_by == clerk


def test_the_residents_own_support_then_staffs_is_refused(office):
    proposal, online, clerk = office["proposal"], office["online"], office["clerk"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        assert services.support(proposal, online) is True
        with pytest.raises(services.ConsultationError, match="already supports"):
            services.support_for(proposal, online, clerk)
    proposal.refresh_from_db()
    assert proposal.support_count == 1 and Support.objects.get(resident=online).entered_by is None


def test_an_offline_resident_without_account_takes_part_through_the_office(office, consultation, client):
    offline, clerk = office["offline"], office["clerk"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        mine = services.submit_proposal_for(
            consultation, offline, clerk, title="多装路灯", text="晚上太黑，老人走路不便"
        )
        services.support_for(office["proposal"], offline, clerk)
        comment = services.add_comment_for(consultation, offline, clerk, "同意修路", proposal=office["proposal"])
        html = client.get(consultation.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert (mine.author, mine.entered_by) == (offline, clerk) and comment.author == offline
    card = html[html.index(f'id="proposal-{mine.pk}"') :][:1500]
    assert MARK_ZH in card
    assert html.count(MARK_ZH) >= 2  # the proposal's card and the comment
    assert MARK_ZH not in html[html.index(f'id="proposal-{office["proposal"].pk}"') :][:400]  # the author's own


def test_every_assisted_entry_is_audited_with_who_and_when(office, consultation):
    offline, clerk = office["offline"], office["clerk"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        proposal = services.submit_proposal_for(consultation, offline, clerk, title="多装路灯", text="晚上太黑")
        support = Support.objects.get(pk=_support_pk(office["proposal"], offline, clerk))
        comment = services.add_comment_for(consultation, offline, clerk, "同意")
    council = council_services.submit_proposal_for(clerk, offline, "修建文化广场", "村里缺少活动场地")
    expected = {
        "consultations.assisted.proposal": proposal,
        "consultations.assisted.support": support,
        "consultations.assisted.comment": comment,
        "council.assisted.proposal": council,
    }
    for action, record in expected.items():
        entry = ModelLogEntry.objects.get(action=action)
        assert entry.user_id == clerk.pk and entry.object_id == str(record.pk)
        assert entry.data["resident"] == offline.pk and entry.data["village_id"] == offline.village_id
        assert entry.timestamp is not None and "孙玉珍" not in str(entry.data) + entry.label
    assert ModelLogEntry.objects.filter(action__contains=".assisted.").count() == 4
    # The resident's own proposal is not an office entry: nothing logged for it (the fixture's author).
    assert not ModelLogEntry.objects.filter(action__contains=".assisted.", object_id=str(office["proposal"].pk),
                                            content_type__model="proposal").exists()  # fmt: skip


def _support_pk(proposal, resident, clerk) -> int:
    services.support_for(proposal, resident, clerk)
    return Support.objects.get(proposal=proposal, resident=resident).pk


def test_another_villages_staff_are_refused(office, consultation, make_village, committee_member, client):
    xihe_clerk = _staff(committee_member(make_village(code="xihe", name="西河村")))
    offline = office["offline"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        with pytest.raises(services.ConsultationError):
            services.submit_proposal_for(consultation, offline, xihe_clerk, title="多装路灯", text="晚上太黑")
        with pytest.raises(services.ConsultationError):
            services.support_for(office["proposal"], offline, xihe_clerk)
        with pytest.raises(services.ConsultationError):
            services.add_comment_for(consultation, offline, xihe_clerk, "同意")
        with pytest.raises(PermissionDenied):
            council_services.submit_proposal_for(xihe_clerk, offline, "修建文化广场", "村里缺少活动场地")
        client.force_login(xihe_clerk)
        page = client.get(URL).content.decode()
        assert "孙玉珍" not in page and consultation.title not in page  # neither 东山村's residents nor consultations
        refused = client.post(URL, {"resident": offline.pk, "kind": "proposal", "consultation": consultation.pk,
                                    "title": "多装路灯", "text": "晚上太黑"})  # fmt: skip
    assert refused.status_code == 400
    assert not Proposal.objects.filter(author=offline).exists() and not CouncilProposal.objects.exists()
    assert not Support.objects.filter(resident=offline).exists() and not Comment.objects.exists()


def test_the_form_keeps_what_was_typed_and_refuses_a_full_phone_number(office, consultation, client):
    client.force_login(office["clerk"])
    data = {"resident": office["offline"].pk, "kind": "proposal", "consultation": consultation.pk,
            "title": "多装路灯", "text": "有事打我电话13812345678", "location_note": "村口"}  # fmt: skip
    with time_machine.travel(IN_PROPOSALS, tick=False):
        form = client.get(URL, {"consultation": consultation.pk}).content.decode()
        assert "孙玉珍" in form and office["proposal"].title in form  # the office's resident and the proposals
        refused = client.post(URL, data)
        html = refused.content.decode()
        assert refused.status_code == 400
        assert "有事打我电话13812345678</textarea>" in html and 'value="多装路灯"' in html and 'value="村口"' in html
        assert f'<option value="{office["offline"].pk}" selected>' in html
        assert not Proposal.objects.filter(author=office["offline"]).exists()
        data["text"] = "晚上太黑，老人走路不便"
        done = client.post(URL, data)
        support = client.post(URL, {**data, "kind": "support", "proposal": office["proposal"].pk})
        again = client.post(URL, {**data, "kind": "support", "proposal": office["proposal"].pk})
    assert done.status_code == 302 and support.status_code == 302 and again.status_code == 400
    assert Proposal.objects.get(author=office["offline"]).entered_by == office["clerk"]
    assert Support.objects.filter(resident=office["offline"]).count() == 1


def test_the_resident_sees_the_office_entries_under_their_account(office, consultation, client):
    online, clerk = office["online"], office["clerk"]
    with time_machine.travel(IN_PROPOSALS, tick=False):
        services.submit_proposal_for(consultation, online, clerk, title="多装路灯", text="晚上太黑")
        services.support_for(office["proposal"], online, clerk)
        services.add_comment_for(consultation, online, clerk, "同意修路")
    council_services.submit_proposal_for(clerk, online, "修建文化广场", "村里缺少活动场地")
    client.force_login(online.user)
    profile = client.get("/zh-hans/accounts/profile/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert profile.status_code == 200, profile.status_code
    html = profile.content.decode()
    assert "多装路灯" in html and "修补村道" in html and "同意修路" in html
    assert html.count(MARK_ZH) >= 3
    from council.services import council_page_of

    council_page = council_page_of(online.village)  # every village page has one (made with the village)
    council_html = client.get(council_page.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    mine = council_html[council_html.index("修建文化广场") :][:600]
    assert MARK_ZH in mine
    assert CouncilProposal.objects.get(submitted_by=online).entered_by == clerk

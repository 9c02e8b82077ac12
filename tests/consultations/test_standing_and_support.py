"""Issue 20: one support button that says where the resident stands (支持 / 已支持（取消）), none on one's own
proposal (refused below the view too), and at the top of a consultation what a visitor can do and how to get
verified."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from consultations import services
from consultations.models import Support
from residents.models import Resident

from .conftest import OPENINGS

pytestmark = pytest.mark.django_db
IN_PROPOSALS = OPENINGS["proposals_open"]
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def proposals(consultation, make_resident):
    author, neighbour = make_resident(), make_resident()
    with time_machine.travel(IN_PROPOSALS, tick=False):
        own = services.submit_proposal(consultation, author, title="多装路灯", text="晚上太黑")
        other = services.submit_proposal(consultation, neighbour, title="修补村道", text="坑太多")
    return author, own, other


def _support_buttons(html: str, proposal) -> str:
    start = html.index(f'id="proposal-{proposal.pk}"')
    end = html.find('class="proposal"', start + 1)
    return html[start : end if end != -1 else None]


def test_one_button_that_says_supported_and_withdraws(client, consultation, proposals):
    author, _own, other = proposals
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        before = _support_buttons(client.get(consultation.url, **ZH).content.decode(), other)
        assert '<button type="submit" aria-pressed="false">支持</button>' in before and "已支持（取消）" not in before

        client.post(f"/zh-hans/consultations/{consultation.pk}/proposals/{other.pk}/support/")
        after = _support_buttons(client.get(consultation.url, **ZH).content.decode(), other)
        assert 'name="withdraw" value="1"' in after and "已支持（取消）" in after and 'aria-pressed="true"' in after

        client.post(f"/zh-hans/consultations/{consultation.pk}/proposals/{other.pk}/support/", {"withdraw": "1"})
        assert not Support.objects.filter(proposal=other).exists()


def test_no_support_for_ones_own_proposal(client, consultation, proposals):
    author, own, _other = proposals
    client.force_login(author.user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        mine = _support_buttons(client.get(consultation.url, **ZH).content.decode(), own)
        assert "这是您提出的意见，其他村民可以支持。" in mine and "support/" not in mine
        client.post(f"/zh-hans/consultations/{consultation.pk}/proposals/{own.pk}/support/")
        with pytest.raises(services.ConsultationError):
            services.support(own, author)
    assert not Support.objects.filter(proposal=own).exists()
    with pytest.raises(ValidationError):  # and no other path stores it
        Support.objects.create(proposal=own, resident=author)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "任何人都可以阅读这次征求意见"),
        ("waiting", "村委会还没有核实您的身份"),
        ("rejected", "村委会未能核实您的身份"),
        ("other_village", "只有东山村的村民可以参与"),
    ],
)
def test_the_top_of_a_consultation_says_what_one_can_do(
    client, consultation, make_resident, make_village, who, expected
):
    if who == "waiting":
        client.force_login(make_resident(verified=False).user)
    elif who == "rejected":
        resident = make_resident(verified=False)
        Resident.objects.filter(pk=resident.pk).update(verification=Resident.Verification.REJECTED)
        client.force_login(resident.user)
    elif who == "other_village":
        client.force_login(make_resident(village=make_village(code="xihe", name="西河村")).user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        html = client.get(consultation.url, **ZH).content.decode()
    assert 'id="standing"' in html and expected in html
    # At the top: before the phases, the ballot and the proposals.
    assert html.index('id="standing"') < html.index('id="timeline-heading"') < html.index('id="proposals"')
    if who == "anonymous":
        assert "户口簿" in html and "/accounts/signup/" in html


def test_a_verified_resident_sees_no_note(client, consultation, make_resident):
    client.force_login(make_resident().user)
    with time_machine.travel(IN_PROPOSALS, tick=False):
        assert 'id="standing"' not in client.get(consultation.url, **ZH).content.decode()

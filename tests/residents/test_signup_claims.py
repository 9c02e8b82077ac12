"""The sign-up takeover, as the attack: a neighbour signs up with the village, household number and name of a
resident on file (孙玉珍, registered at the village office; a resident imported from the roll with her phone).

Before: the account was linked to her verified record, her walk-in request about a family dispute and her address
became readable, her record fell to "unverified" (off the paper-ballot list), and a code went to her phone. Now:
a separate record and a claim; nothing of hers is visible; her record stays verified; the committee decides, or
the code sent to the number on file proves it.
"""

import logging
import re

import pytest
from django.test import Client

from grid import services as grid_services
from grid.models import RequestCategory, ResidentRequest
from residents import services
from residents.models import Resident, ResidentClaim
from residents.services import register_offline

pytestmark = pytest.mark.django_db
SIGNUP = "/zh-hans/accounts/signup/"
DISPUTE = "与儿子因宅基地分家发生纠纷，要求调解"
ADDRESS = "东山村二组18号"


@pytest.fixture
def committee(village_a, committee_member):
    return committee_member(village_a)


@pytest.fixture
def sun(village_a, committee):
    """孙玉珍: registered at the office, no phone, no login; her walk-in request names a family dispute."""
    record = register_offline(village=village_a, by=committee, real_name="孙玉珍", household_number="0107")
    grid_services.file_request(
        village=village_a,
        category=RequestCategory.objects.get(code="roads-lights"),
        description=DISPUTE,
        address=ADDRESS,
        by=committee,
        resident=record,
        channel=ResidentRequest.Channel.WALK_IN,
    )
    return record


def _signup(village, *, name="孙玉珍", household="0107", email="attacker@example.org", phone=""):
    client = Client()
    data = {
        "village": village.pk,
        "household_number": household,
        "real_name": name,
        "display_name": "",
        "email": email,
        "phone": phone,
        "password1": "a-long-pass-phrase-2026",
        "password2": "a-long-pass-phrase-2026",
    }
    response = client.post(SIGNUP, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return client


def _everything_the_account_sees(client) -> str:
    pages = ["/zh-hans/accounts/profile/", "/zh-hans/accounts/profile/export/", "/zh-hans/notifications/"]
    pages += [f"/zh-hans/requests/mine/{pk}/" for pk in ResidentRequest.objects.values_list("pk", flat=True)]
    return "".join(client.get(url).content.decode() for url in pages)


def test_a_neighbour_signing_up_as_sun_yuzhen_sees_nothing_of_hers_and_does_not_downgrade_her(village_a, sun):
    attacker = _signup(village_a)
    sun.refresh_from_db()
    assert sun.user is None and sun.is_verified  # not linked, still on the paper-ballot list
    seen = _everything_the_account_sees(attacker)
    assert DISPUTE not in seen and ADDRESS not in seen
    account = Resident.objects.get(user__email="attacker@example.org")
    assert account.pk != sun.pk and not account.is_verified
    claim = ResidentClaim.objects.get()
    assert claim.claimant == account and claim.record == sun and claim.status == ResidentClaim.Status.PENDING


def test_the_committee_confirms_the_claim_and_only_then_the_account_has_her_record(client, village_a, sun, committee):
    owner = _signup(village_a, email="sun@example.org")
    client.force_login(committee)
    queue = client.get("/admin/residents/").content.decode()
    assert "孙玉珍" in queue and "/admin/residents/claims/" in queue
    claim = ResidentClaim.objects.get()
    # Verifying the sign-up as a person of its own would make two verified 孙玉珍 (two ballots): refused.
    client.post(f"/admin/residents/{claim.claimant_id}/approve/")
    assert not Resident.objects.get(pk=claim.claimant_id).is_verified
    assert client.post(f"/admin/residents/claims/{claim.pk}/", {"decision": "confirm"}).status_code == 302
    sun.refresh_from_db()
    assert sun.user.email == "sun@example.org" and sun.is_verified
    assert DISPUTE in _everything_the_account_sees(owner)
    claim.refresh_from_db()
    assert claim.status == ResidentClaim.Status.CONFIRMED and claim.decided_by == committee


def test_a_rejected_claim_leaves_the_sign_up_apart(client, village_a, sun, committee):
    attacker = _signup(village_a)
    client.force_login(committee)
    claim = ResidentClaim.objects.get()
    client.post(f"/admin/residents/claims/{claim.pk}/", {"decision": "reject", "reason": "本人没有手机"})
    claim.refresh_from_db()
    sun.refresh_from_db()
    assert claim.status == ResidentClaim.Status.REJECTED and sun.user is None
    assert DISPUTE not in _everything_the_account_sees(attacker)


def test_another_villages_committee_cannot_decide(client, village_a, village_b, sun, committee_member):
    _signup(village_a)
    claim = ResidentClaim.objects.get()
    client.force_login(committee_member(village_b))
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert client.post(f"/admin/residents/claims/{claim.pk}/", {"decision": "confirm"}).status_code in (302, 403)
    sun.refresh_from_db()
    claim.refresh_from_db()
    assert sun.user is None and claim.status == ResidentClaim.Status.PENDING


@pytest.fixture
def from_roll(village_a, committee):
    """A resident imported from the roll, with her phone on file."""
    return Resident.objects.create(
        village=village_a,
        household_number="0210",
        real_name="赵桂兰",
        display_name="赵*兰",
        phone="+8613800000210",
        source=Resident.Source.ROLL,
        verification=Resident.Verification.VERIFIED,
    )


def _sms(caplog) -> list[tuple[str, str]]:
    return [
        re.match(r"SMS to (\S+): (.*)", r.getMessage()).groups() for r in caplog.records if r.name == "residents.sms"
    ]


def test_a_roll_resident_is_not_texted_when_someone_else_signs_up_with_their_own_number(village_a, from_roll, caplog):
    caplog.set_level(logging.INFO, logger="residents.sms")
    _signup(village_a, name="赵桂兰", household="0210", phone="13900000999")
    assert all(phone != from_roll.phone for phone, _text in _sms(caplog))  # nothing reaches her phone
    from_roll.refresh_from_db()
    assert from_roll.user is None and from_roll.is_verified
    assert ResidentClaim.objects.get().phone == ""  # not the number on file: only the committee can confirm


def test_the_code_to_the_number_on_file_proves_the_claim_and_nothing_else_does(village_a, from_roll, caplog):
    caplog.set_level(logging.INFO, logger="residents.sms")
    client = _signup(village_a, name="赵桂兰", household="0210", phone="13800000210", email="zhao@example.org")
    (_phone, text), *_rest = [(p, t) for p, t in _sms(caplog) if p == from_roll.phone]
    code = re.search(r"\b(\d{6})\b", text).group(1)
    # A wrong code (all an attacker who typed her number could do) links nothing.
    client.post("/zh-hans/accounts/phone/verify/", {"code": "000000" if code != "000000" else "111111"})
    from_roll.refresh_from_db()
    assert from_roll.user is None
    # Whoever holds the phone on file reads the code: that is her.
    client.post("/zh-hans/accounts/phone/verify/", {"code": code})
    from_roll.refresh_from_db()
    assert from_roll.user is not None and from_roll.user.email == "zhao@example.org" and from_roll.is_verified
    assert ResidentClaim.objects.get().method == ResidentClaim.Method.PHONE_CODE


def test_a_number_on_a_record_this_sign_up_does_not_claim_makes_no_account_and_says_nothing(
    village_a, from_roll, caplog
):
    caplog.set_level(logging.INFO, logger="residents.sms")
    before = Resident.objects.count()
    client = _signup(village_a, name="李四", household="0999", phone="13800000210")
    page = client.get("/zh-hans/accounts/phone/verify/").content.decode()
    assert "已经" in page and "另一" not in page  # the kind message, no "another resident uses this number"
    assert Resident.objects.count() == before and not ResidentClaim.objects.exists()
    assert [text for phone, text in _sms(caplog) if phone == from_roll.phone] and not any(
        re.search(r"\d{6}", text) for phone, text in _sms(caplog) if phone == from_roll.phone
    )


def test_the_service_never_links_or_downgrades(village_a, sun, make_user):
    """The rule sits in the service the sign-up form calls, whatever calls it."""
    user = make_user("direct")
    created = services.create_resident_for_signup(
        user, village=village_a, household_number="0107", real_name="孙玉珍", display_name="孙*珍"
    )
    sun.refresh_from_db()
    assert created.pk != sun.pk and sun.user is None and sun.is_verified

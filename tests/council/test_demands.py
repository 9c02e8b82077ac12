"""Demands for a meeting: starting, signing once, withdrawing until met, paper signatures, the committee told,
the meeting linked, and who is refused (VCOL arts. 21, 26)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from council import demand_rules, demand_services
from council.models import DemandSignature, MeetingDemand
from notifications.models import Notification
from residents.models import Resident

from .conftest import DAY

VILLAGERS = demand_rules.ASSEMBLY_BY_VILLAGERS  # 100 adults → 10 signatures
REPS_ASSEMBLY = demand_rules.ASSEMBLY_BY_REPRESENTATIVES  # 27 representatives → 9
REPS_MEETING = demand_rules.REPRESENTATIVES_MEETING  # 27 representatives → 6


def _start(resident, kind=VILLAGERS):
    return demand_services.start_demand(resident.user, resident.village, kind, "修村道要开村民会议", "村道坏了三年。")


def test_starting_signs_and_freezes_the_base(village, make_resident):
    demand = _start(make_resident(village))
    assert (demand.base, demand.threshold, demand.count()) == (100, 10, 1)
    village.adult_villagers = 200
    village.save()
    demand.refresh_from_db()
    assert demand.threshold == 10  # a running demand keeps the register it started with


def test_threshold_met_at_exactly_one_tenth_and_committee_told_once(
    village, make_resident, committee, django_capture_on_commit_callbacks
):
    demand = _start(make_resident(village))
    for _ in range(8):
        demand_services.sign(make_resident(village).user, demand)
    demand.refresh_from_db()
    assert demand.count() == 9 and not demand.is_met
    assert not Notification.objects.filter(recipient=committee).exists()
    with django_capture_on_commit_callbacks(execute=True):
        demand_services.sign(make_resident(village).user, demand)
    demand.refresh_from_db()
    assert demand.count() == 10 and demand.is_met
    told = Notification.objects.filter(recipient=committee)
    assert told.count() == 1
    assert "修村道要开村民会议" in told.get().text
    with pytest.raises(demand_services.DemandError):
        demand_services.sign(make_resident(village).user, demand)
    assert demand.count() == 10 and told.count() == 1


def test_one_signature_per_resident_in_the_service(village, make_resident):
    resident = make_resident(village)
    demand = _start(resident)
    with pytest.raises(demand_services.DemandError):
        demand_services.sign(resident.user, demand)
    assert DemandSignature.objects.filter(demand=demand).count() == 1


def test_one_signature_per_resident_is_a_database_constraint(village, make_resident):
    resident = make_resident(village)
    demand = _start(resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        DemandSignature.objects.create(demand=demand, resident=resident, channel="paper")


def test_withdraw_until_met_then_refused(village, make_resident):
    starter = make_resident(village)
    demand = _start(starter)
    demand_services.withdraw(starter.user, demand)
    assert demand.count() == 0
    # Signing again reuses the one row: still one signature per resident.
    demand_services.sign(starter.user, demand)
    assert DemandSignature.objects.filter(demand=demand).count() == 1 and demand.count() == 1
    for _ in range(9):
        demand_services.sign(make_resident(village).user, demand)
    with pytest.raises(demand_services.DemandError):
        demand_services.withdraw(starter.user, demand)
    assert demand.count() == 10


def test_withdrawing_what_was_never_signed_is_refused(village, make_resident):
    demand = _start(make_resident(village))
    with pytest.raises(demand_services.DemandError):
        demand_services.withdraw(make_resident(village).user, demand)


def test_paper_signature_records_who_entered_it_and_counts_once(village, make_resident, committee):
    demand = _start(make_resident(village))
    elder = Resident.objects.create(village=village, display_name="李*根", verification="verified", source="counter")
    signature = demand_services.enter_paper_signature(committee, demand, elder)
    assert (signature.channel, signature.entered_by) == ("paper", committee)
    entry = ModelLogEntry.objects.get(action="council.demand.paper_signature")
    assert entry.user == committee and entry.data["resident"] == elder.pk and entry.data["village_id"] == village.pk
    online = make_resident(village)
    demand_services.enter_paper_signature(committee, demand, online)
    with pytest.raises(demand_services.DemandError):
        demand_services.sign(online.user, demand)  # already signed on paper: counts once
    with pytest.raises(demand_services.DemandError):
        demand_services.enter_paper_signature(committee, demand, elder)
    assert demand.count() == 3


def test_paper_signatures_are_for_the_committee_of_the_village(village, make_resident, make_village, committee_member):
    demand = _start(make_resident(village))
    other = make_village(code="xishan", name="西山村", adult_villagers=50, households=10, representatives=5)
    with pytest.raises(PermissionDenied):
        demand_services.enter_paper_signature(committee_member(other), demand, make_resident(village))
    with pytest.raises(PermissionDenied):
        demand_services.enter_paper_signature(make_resident(village).user, demand, make_resident(village))
    # Nor can staff sign in someone from another village.
    committee = committee_member(village)
    with pytest.raises(demand_services.DemandError):
        demand_services.enter_paper_signature(committee, demand, make_resident(other))


@pytest.mark.parametrize("kind", [REPS_ASSEMBLY, REPS_MEETING])
def test_only_representatives_sign_a_representatives_demand(village, make_resident, kind):
    with pytest.raises(PermissionDenied):
        _start(make_resident(village), kind)
    demand = _start(make_resident(village, is_representative=True), kind)
    with pytest.raises(PermissionDenied):
        demand_services.sign(make_resident(village).user, demand)
    assert demand.threshold == (9 if kind == REPS_ASSEMBLY else 6)


def test_representatives_meeting_met_at_one_fifth(village, make_resident):
    demand = _start(make_resident(village, is_representative=True), REPS_MEETING)
    for _ in range(5):
        demand_services.sign(make_resident(village, is_representative=True).user, demand)
    demand.refresh_from_db()
    assert demand.count() == 6 and demand.is_met


@pytest.mark.parametrize("state", [Resident.Verification.UNVERIFIED, Resident.Verification.REJECTED])
def test_unverified_residents_are_refused(village, make_resident, state):
    with pytest.raises(PermissionDenied):
        _start(make_resident(village, state=state))
    demand = _start(make_resident(village))
    with pytest.raises(PermissionDenied):
        demand_services.sign(make_resident(village, state=state).user, demand)


def test_met_demand_links_the_meeting_called(village, make_resident, committee, make_meeting):
    demand = _start(make_resident(village))
    assembly = make_meeting(kind="assembly", present=0, date=DAY)
    with pytest.raises(demand_services.DemandError):
        demand_services.link_meeting(committee, demand, assembly)  # not met yet
    for _ in range(9):
        demand_services.sign(make_resident(village).user, demand)
    demand.refresh_from_db()
    council_meeting = make_meeting(kind="council")
    with pytest.raises(demand_services.DemandError):
        demand_services.link_meeting(committee, demand, council_meeting)
    demand_services.link_meeting(committee, demand, assembly)
    assembly.refresh_from_db()
    assert MeetingDemand.objects.get(pk=demand.pk).meeting == assembly
    assert assembly.called_by == "villagers" and "10" in assembly.demanded_by


def test_a_village_without_representatives_cannot_start_a_representatives_demand(make_village, make_resident):
    empty = make_village(code="nanshan", name="南山村", adult_villagers=40, households=12, representatives=0)
    with pytest.raises(demand_services.DemandError):
        _start(make_resident(empty, is_representative=True), REPS_MEETING)


def test_a_residents_signatures_are_in_their_data_export(village, make_resident):
    from residents.privacy import export_user_data

    resident = make_resident(village)
    demand = _start(resident)
    exported = export_user_data(resident.user)["council_demand_signatures"]
    assert exported[0]["demand"] == demand.title and exported[0]["channel"] == "online"

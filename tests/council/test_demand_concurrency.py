"""One signature per resident when two requests sign at the same moment (run on PostgreSQL: -m transactional)."""

import threading

import pytest
from django.db import connection, connections

from council import demand_services
from council.models import DemandSignature, MeetingDemand


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_signatures_of_one_resident_store_one(village, make_resident, committee):
    demand = demand_services.start_demand(make_resident(village).user, village, "assembly_villagers", "修村道", "")
    resident = make_resident(village)
    barrier = threading.Barrier(4)
    outcomes = []

    def sign(online: bool):
        try:
            barrier.wait()
            if online:
                outcomes.append(demand_services.sign(resident.user, demand).pk)
            else:  # the same resident's paper sheet typed in at the office at that moment
                outcomes.append(demand_services.enter_paper_signature(committee, demand, resident).pk)
        except demand_services.DemandError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(n % 2 == 0,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 4
    assert sum(isinstance(o, demand_services.DemandError) for o in outcomes) == 3
    assert DemandSignature.objects.filter(demand=demand, resident=resident).count() == 1
    assert MeetingDemand.objects.get(pk=demand.pk).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions")
@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_signatures_cross_the_threshold_once(make_village, make_resident, committee_member):
    from notifications.models import Notification

    small = make_village(code="xiaocun", name="小村", adult_villagers=20, households=8, representatives=3)
    committee = committee_member(small)
    demand = demand_services.start_demand(make_resident(small).user, small, "assembly_villagers", "修桥", "")
    signers = [make_resident(small) for _ in range(4)]  # 2 needed: 1 + any one of these meets it
    barrier = threading.Barrier(len(signers))
    outcomes = []

    def sign(resident):
        try:
            barrier.wait()
            outcomes.append(demand_services.sign(resident.user, demand).pk)
        except demand_services.DemandError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(r,)) for r in signers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    demand = MeetingDemand.objects.get(pk=demand.pk)
    # Signing stops at the threshold: exactly the one who met it got in, the others were told it is met.
    assert demand.is_met and demand.count() == 2
    assert sum(isinstance(o, demand_services.DemandError) for o in outcomes) == 3
    assert Notification.objects.filter(recipient=committee).count() == 1

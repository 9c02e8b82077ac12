"""Two workers run the same broadcast batch at the same moment (a task delivered twice, or re-queued as stale while
the first run was still going): each message still goes out exactly once. Each thread has its own database
connection, so the row locks (SELECT … FOR UPDATE SKIP LOCKED) and the unique constraint are PostgreSQL's own."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections

from notifications import broadcasts
from notifications.models import DailyQuota, Delivery, Notification

from .conftest import FakeSms

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"),
    # The workers commit in their own connections: the test commits for real; serialized_rollback keeps the data
    # migrations' rows for the tests after it (as tests/consultations/test_voting.py's concurrency test).
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
RESIDENTS = 12


class SlowSms(FakeSms):
    """A provider that takes a moment per text, so the two workers' sends interleave instead of one finishing."""

    lock = threading.Lock()

    def send(self, phone: str, message: str) -> None:
        time.sleep(0.01)
        with SlowSms.lock:
            super().send(phone, message)


def _worker(broadcast_id: int, batch: list[int], barrier: threading.Barrier, results: list) -> None:
    try:
        barrier.wait()
        results.append(broadcasts.send_batch(broadcast_id, batch))
    except Exception as error:  # reported by the assertion below, not lost in the thread
        results.append(error)
    finally:
        connections.close_all()


def test_two_workers_on_the_same_batch_deliver_each_message_exactly_once(broadcast, make_resident, sms, settings):
    settings.RESIDENTS_SMS_SENDER = "tests.notifications.test_broadcast_concurrency.SlowSms"
    settings.BROADCASTS_BATCH_SIZE = 1000  # one batch of every delivery, run twice
    residents = [
        make_resident(email=f"c{n}@example.org", phone=f"+861390000{n:04}", notify_by_sms=True)
        for n in range(RESIDENTS)
    ]
    broadcast.urgent = True
    broadcast.save()
    (batch,) = broadcasts.plan(broadcast)
    assert len(batch) == 3 * RESIDENTS

    barrier = threading.Barrier(2)
    results: list = []
    threads = [threading.Thread(target=_worker, args=(broadcast.pk, batch, barrier, results)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert all(isinstance(sent, int) for sent in results), results
    assert sum(results) == 3 * RESIDENTS  # between them, every delivery once

    assert sorted(phone for phone, _text in sms.sent) == sorted(r.phone for r in residents)
    assert sorted(a for message in mail.outbox for a in message.to) == sorted(f"c{n}@example.org" for n in range(12))
    inbox = sorted(Notification.objects.filter(url=broadcast.url).values_list("recipient_id", flat=True))
    assert inbox == sorted(r.user_id for r in residents)
    assert set(Delivery.objects.filter(broadcast=broadcast).values_list("status", flat=True)) == {"sent"}
    # Both reserved the batch's sends from the day's cap; the one that found a row taken gave it back.
    assert DailyQuota.objects.get(village=broadcast.village).used == 2 * RESIDENTS

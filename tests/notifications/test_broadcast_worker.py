"""The production path: the database task backend and `manage.py db_worker`. The worker dies in the middle of a
batch (its sender raises after k texts, as SIGKILL would leave it); the periodic job re-queues what the dead tasks
left pending once they are stale, a new worker run sends it, and every resident has every message exactly once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from notifications import broadcasts
from notifications.models import Delivery, Notification

from .conftest import SHANGHAI, at, run_periodic

pytestmark = [
    # The worker claims tasks in its own transactions: the test commits for real (as tests/test_worker.py).
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
NOON = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=SHANGHAI)


def _work() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_a_worker_killed_mid_batch_then_rerun_sends_each_message_once(village_page, make_resident, sms, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BROADCASTS_BATCH_SIZE = 4
    from django_tasks_db.models import DBTaskResult

    residents = [
        make_resident(email=f"w{n}@example.org", phone=f"+86100000005{n:02}", notify_by_sms=True) for n in range(7)
    ]
    sms.die_after = 3
    with at(NOON):
        broadcast = broadcasts.announce(
            village_page.village, "urgent_notice", "notice:worker", "停水", "Urgent notice from %(village)s: %(title)s",
            {"village": "东山村", "title": "停水"}, "/n/abc", urgent=True,
        )  # fmt: skip
        assert DBTaskResult.objects.count() == 1 and Delivery.objects.count() == 0  # queued, not run
        _work()
    assert len(sms.sent) == 3
    assert DBTaskResult.objects.filter(status="FAILED").exists()
    assert Delivery.objects.filter(status="pending").exists()
    sms.die_after = None
    with at(NOON + datetime.timedelta(minutes=11)):
        run_periodic()
        _work()
        run_periodic()  # nothing stale any more: nothing queued
        _work()
    assert sorted(phone for phone, _text in sms.sent) == sorted(r.phone for r in residents)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(f"w{n}@example.org" for n in range(7))
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(r.user_id for r in residents)
    assert set(Delivery.objects.filter(broadcast=broadcast).values_list("status", flat=True)) == {"sent"}
    assert Delivery.objects.count() == 21

"""A broadcast reaches every eligible resident exactly once on each channel they chose, waits out quiet hours
(frozen time), holds what is over the village's daily cap, and survives a worker dying mid-batch."""

import datetime

import pytest
from django.core import mail

from notifications import broadcasts
from notifications.models import Broadcast, DailyQuota, Delivery, Notification
from notifications.tasks import plan_broadcast

from .conftest import SHANGHAI, at, run_periodic

pytestmark = pytest.mark.django_db
Status, Channel = Delivery.Status, Delivery.Channel
EVENING = datetime.datetime(2026, 12, 2, 23, 0, tzinfo=SHANGHAI)


@pytest.fixture
def village_folk(make_resident, make_village):
    """Residents of every kind: who chose what, who is not eligible."""
    xihe = make_village(code="xihe", name="西河村")
    folk = {
        "mail": make_resident(email="wang@example.org"),  # the defaults: inbox and e-mail
        "inbox_only": make_resident(),  # signed up with a mobile, no e-mail, texts not asked for
        "texts": make_resident(phone="+8610000000101", notify_by_sms=True, notify_by_email=False),
        "everything": make_resident(email="li@example.org", phone="+8610000000102", notify_by_sms=True),
        "nothing": make_resident(email="zhao@example.org", notify_in_inbox=False, notify_by_email=False),
        "office": make_resident(login=False, phone="+8610000000103"),  # registered at the counter, no login
        "office_no_phone": make_resident(login=False),
        "waiting": make_resident(email="new@example.org", verified=False),
        "other_village": make_resident(email="xihe@example.org", village=xihe),
    }
    deleted = make_resident(email="gone@example.org")
    deleted.deleted_at = EVENING
    deleted.save()
    return folk


def _recipients(folk):
    inbox = sorted(Notification.objects.values_list("recipient_id", flat=True))
    mails = sorted(address for message in mail.outbox for address in message.to)
    return inbox, mails


def test_every_eligible_resident_is_reached_once_on_each_channel_they_chose(broadcast, village_folk, sms):
    folk = village_folk
    plan_broadcast.enqueue(broadcast.pk)
    inbox, mails = _recipients(folk)
    assert inbox == sorted(folk[name].user_id for name in ("mail", "inbox_only", "texts", "everything"))
    assert mails == ["li@example.org", "wang@example.org"]
    assert sorted(phone for phone, _text in sms.sent) == ["+8610000000101", "+8610000000102", "+8610000000103"]
    text = sms.sent[0][1]
    assert "停水通知" in text and text.endswith("/n/abc") and "\n" not in text
    broadcast.refresh_from_db()
    assert (broadcast.eligible, broadcast.unreachable) == (7, 2)  # "nothing" and the office's phoneless resident
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SENT}
    assert Delivery.objects.count() == 4 + 2 + 3

    # The task again, and the periodic job: nothing is sent twice.
    plan_broadcast.enqueue(broadcast.pk)
    run_periodic()
    assert _recipients(folk) == (inbox, mails) and len(sms.sent) == 3 and Delivery.objects.count() == 9


def test_a_broadcast_to_the_representatives_reaches_only_them(broadcast, make_resident, sms):
    representative = make_resident(is_representative=True)
    make_resident()
    broadcast.audience = Broadcast.Audience.REPRESENTATIVES
    broadcast.save()
    plan_broadcast.enqueue(broadcast.pk)
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [representative.user_id]


@pytest.fixture
def night_owl(make_resident):
    return make_resident(
        email="zhou@example.org", phone="+8610000000104", notify_by_sms=True,
        quiet_from=datetime.time(22, 0), quiet_until=datetime.time(7, 0),
    )  # fmt: skip


def test_quiet_hours_hold_email_and_texts_until_they_end(broadcast, night_owl, make_resident, sms):
    awake = make_resident(phone="+8610000000105", notify_by_sms=True)
    with at(EVENING):
        plan_broadcast.enqueue(broadcast.pk)
    assert [phone for phone, _text in sms.sent] == [awake.phone] and mail.outbox == []
    assert Notification.objects.filter(recipient=night_owl.user).count() == 1  # the inbox rings nothing
    waiting = Delivery.objects.filter(resident=night_owl, status=Status.DEFERRED)
    assert sorted(waiting.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.SMS]
    assert {row.not_before for row in waiting} == {datetime.datetime(2026, 12, 3, 7, 0, tzinfo=SHANGHAI)}
    with at(datetime.datetime(2026, 12, 3, 6, 59, tzinfo=SHANGHAI)):
        run_periodic()
    assert len(sms.sent) == 1 and mail.outbox == []
    with at(datetime.datetime(2026, 12, 3, 7, 0, tzinfo=SHANGHAI)):
        run_periodic()
        run_periodic()
    assert [phone for phone, _text in sms.sent] == [awake.phone, night_owl.phone]
    assert [message.to for message in mail.outbox] == [["zhou@example.org"]]


def test_an_urgent_broadcast_ignores_quiet_hours(broadcast, night_owl, sms):
    broadcast.urgent = True
    broadcast.save()
    with at(EVENING):
        plan_broadcast.enqueue(broadcast.pk)
    assert [phone for phone, _text in sms.sent] == [night_owl.phone] and len(mail.outbox) == 1
    assert not Delivery.objects.filter(status=Status.DEFERRED).exists()


def test_over_the_daily_cap_is_held_with_the_reason_and_sent_the_next_day(broadcast, make_resident, sms, settings):
    settings.BROADCASTS_DAILY_CAP_BY_VILLAGE = {"dongshan": 2}
    phones = [make_resident(phone=f"+86100000002{n:02}", notify_by_sms=True).phone for n in range(3)]
    with at(EVENING):
        plan_broadcast.enqueue(broadcast.pk)
        assert broadcasts.used_today(broadcast.village) == 2
    assert len(sms.sent) == 2 and Notification.objects.count() == 3  # the inbox is never capped
    held = Delivery.objects.get(status=Status.HELD)
    assert held.reason == "daily limit of 2 e-mails and text messages reached"
    with at(EVENING + datetime.timedelta(minutes=30)):
        run_periodic()  # the same day: still over the cap, still held
    assert len(sms.sent) == 2 and Delivery.objects.filter(status=Status.HELD).count() == 1
    with at(EVENING + datetime.timedelta(hours=2)):  # 01:00, a new day
        run_periodic()
    assert sorted(phone for phone, _text in sms.sent) == phones
    assert sorted(DailyQuota.objects.values_list("used", flat=True)) == [1, 2]


def test_a_failure_is_recorded_for_the_report_and_tried_again(broadcast, make_resident, sms):
    refused = make_resident(phone="+8610000000301", notify_by_sms=True)
    sms.fail_for = frozenset({refused.phone})
    with at(EVENING):
        plan_broadcast.enqueue(broadcast.pk)
    failed = Delivery.objects.get(channel=Channel.SMS)
    assert (failed.status, failed.attempts, failed.reason) == (
        Status.FAILED,
        1,
        "RuntimeError: provider refused the number",
    )
    for minutes in (11, 22, 33, 44):
        with at(EVENING + datetime.timedelta(minutes=minutes)):
            run_periodic()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.FAILED, broadcasts.MAX_ATTEMPTS) and sms.sent == []


def test_a_worker_killed_mid_batch_leaves_no_duplicate_and_no_miss(broadcast, make_resident, sms, settings):
    """Ten residents on two channels in batches of three; the sender dies at its fifth text (mid second batch).
    Every later send task dies too (the same dead worker). Rerun: each resident gets each message once."""
    settings.BROADCASTS_BATCH_SIZE = 3
    residents = [
        make_resident(email=f"r{n}@example.org", phone=f"+86100000004{n:02}", notify_by_sms=True, notify_in_inbox=False)
        for n in range(10)
    ]
    sms.die_after = 4
    with at(EVENING):
        plan_broadcast.enqueue(broadcast.pk)
    assert len(sms.sent) == 4
    assert Delivery.objects.filter(status=Status.SENT, channel=Channel.SMS).count() == 4
    assert (
        Delivery.objects.filter(status=Status.PENDING).count()
        == 20 - Delivery.objects.filter(status=Status.SENT).count()
    )
    sms.die_after = None
    with at(EVENING + datetime.timedelta(minutes=5)):
        run_periodic()  # the dead batches are not stale yet: nothing is queued twice
    assert len(sms.sent) == 4
    with at(EVENING + datetime.timedelta(minutes=11)):
        run_periodic()
        run_periodic()
    assert sorted(phone for phone, _text in sms.sent) == sorted(r.phone for r in residents)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(f"r{n}@example.org" for n in range(10))
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SENT}

"""The committee's delivery report: per broadcast who was reached by which channel, what failed and why, what waits
for quiet hours or is held by the daily cap, and the village's cap; masked contacts; its own village only."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from notifications.models import Delivery
from notifications.tasks import plan_broadcast

from .conftest import SHANGHAI, at

pytestmark = pytest.mark.django_db
Status, Channel = Delivery.Status, Delivery.Channel
EVENING = datetime.datetime(2026, 12, 2, 23, 0, tzinfo=SHANGHAI)
CAP_LINE = (
    "Daily limit of %(village)s: %(used)s of %(limit)s e-mails and text messages used today, %(left)s left. "
    "The portal inbox has no limit."
)


@pytest.fixture
def sent(broadcast, make_resident, sms, settings):
    """One of each outcome: inbox and e-mail sent, a text refused by the provider, a night owl's texts waiting for
    the morning, and with a cap of 3 one text held."""
    settings.BROADCASTS_DAILY_CAP_BY_VILLAGE = {"dongshan": 3}
    folk = {
        "mail": make_resident(email="wang.fang@example.org"),
        "refused": make_resident(phone="+8613812345678", notify_by_sms=True, notify_by_email=False),
        "owl": make_resident(
            phone="+8613912345601",
            notify_by_sms=True,
            notify_by_email=False,
            quiet_from=datetime.time(22, 0),
            quiet_until=datetime.time(7, 0),
        ),
        "texts": make_resident(phone="+8613712345602", notify_by_sms=True, notify_by_email=False),
        "over_cap": make_resident(phone="+8613612345603", notify_by_sms=True, notify_by_email=False),
    }
    sms.fail_for = frozenset({folk["refused"].phone})
    with at(EVENING):
        plan_broadcast.enqueue(broadcast.pk)
    return folk


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _statuses(broadcast, resident) -> dict[str, str]:
    return dict(Delivery.objects.filter(broadcast=broadcast, resident=resident).values_list("channel", "status"))


def test_the_report_shows_each_outcome_with_its_reason_and_masked_contacts(
    broadcast, sent, committee_member, village_page
):
    assert _statuses(broadcast, sent["refused"])[Channel.SMS] == Status.FAILED
    assert _statuses(broadcast, sent["owl"])[Channel.SMS] == Status.DEFERRED
    assert _statuses(broadcast, sent["over_cap"])[Channel.SMS] == Status.HELD
    client = _client(committee_member(village_page.village))
    with at(EVENING):
        body = client.get(reverse("notifications_broadcast", args=[broadcast.pk])).content.decode()
    assert "provider refused the number" in body
    # The held text says so in the reader's language (the stored reason is the worker's English, for the log).
    assert str(Status.HELD.label) in body and "daily limit of 3 e-mails" not in body
    assert "2026-12-03 07:00" in body  # the night owl's text waits for the end of their quiet hours
    assert "138****5678" in body and "w***@example.org" in body
    for resident in sent.values():
        assert not resident.phone or resident.phone.removeprefix("+86") not in body
    assert "wang.fang@" not in body
    # The cap: the refused text and two sent (the e-mail and a text) took 3 of 3; it says so (in zh-hans).
    cap_line = gettext(CAP_LINE) % {"village": "东山村", "used": 3, "limit": 3, "left": 0}
    assert cap_line != CAP_LINE % {"village": "东山村", "used": 3, "limit": 3, "left": 0} and cap_line in body


def test_the_list_counts_reached_by_channel_failed_and_waiting(broadcast, sent, committee_member, village_page):
    client = _client(committee_member(village_page.village))
    with at(EVENING):
        response = client.get(reverse("notifications_broadcasts"))
    ((row, cap),) = response.context["rows"]
    # Every resident has an inbox: 5 reached there, 1 e-mail, 1 text (texts: the refused, held and deferred not).
    assert (row.reached, row.by_inbox, row.by_email, row.by_sms) == (5, 5, 1, 1)
    assert (row.failed, row.deferred, row.held, row.pending) == (1, 1, 1, 0)
    assert (row.eligible, cap.used, cap.cap) == (5, 3, 3)
    assert [c.village for c in response.context["caps"]] == [village_page.village]


def test_filters_show_only_the_failed_or_one_channel(broadcast, sent, committee_member, village_page):
    client = _client(committee_member(village_page.village))
    url = reverse("notifications_broadcast", args=[broadcast.pk])
    failed = client.get(url, {"status": Status.FAILED}).context["deliveries"]
    assert [(d.resident_id, d.channel) for d, _name, _contact in failed] == [(sent["refused"].pk, Channel.SMS)]
    texts = client.get(url, {"channel": Channel.SMS}).context["deliveries"]
    assert {d.channel for d, _name, _contact in texts} == {Channel.SMS} and len(texts) == 4


def test_another_villages_committee_sees_neither_the_broadcast_nor_its_cap(
    broadcast, sent, committee_member, make_village, make_user
):
    xihe = make_village(code="xihe", name="西河村")
    client = _client(committee_member(xihe))
    assert client.get(reverse("notifications_broadcast", args=[broadcast.pk]), follow=True).status_code == 404
    response = client.get(reverse("notifications_broadcasts"), follow=True)
    assert response.context["rows"] == [] and broadcast.title not in response.content.decode()
    assert [c.village for c in response.context["caps"]] == [xihe]
    resident = sent["mail"].user
    assert _client(resident).get(reverse("notifications_broadcasts")).status_code in (302, 403)
    assert _client(make_user("staff", is_staff=True)).get(reverse("notifications_broadcasts")).status_code in (
        302,
        403,
    )

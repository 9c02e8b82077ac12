"""Demo broadcast: 东山村's committee calls a representatives' meeting, and the committee's delivery report
(admin → Broadcasts) shows each outcome: inbox and e-mail delivered, one text message the provider refused, one
e-mail waiting for the end of the representative's quiet hours.

It runs the real steps (notifications.broadcasts.plan and send_batch) with a demo text-message sender that refuses
one number, so the report reads what the worker would have written. Safe to run again: the broadcast is found by
its event key and nothing is added.
"""

import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from home.models import Village
from residents.models import Resident

from . import broadcasts
from .broadcast_models import Broadcast, Delivery

EVENT = "demo:dongshan:roads-meeting"
REFUSED_PHONE = "+8610000000201"  # the demo's fake numbers: the 100 prefix is never issued
NEEDS = ("home", "residents", "council", "supervision")  # every demo resident of 东山村 exists by then


class DemoSms:
    """RESIDENTS_SMS_SENDER while seeding: accepts every text but the refused number's, as a provider would."""

    def send(self, phone: str, message: str) -> None:
        if phone == REFUSED_PHONE:
            raise RuntimeError("号码已停机 (isv.MOBILE_NUMBER_ILLEGAL)")


def _next_morning(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    morning = local.replace(hour=7, minute=0, second=0, microsecond=0)
    return morning if morning > local else morning + datetime.timedelta(days=1)


def _people(village: Village) -> Resident | None:
    """The register-only elder with a mobile number (texts are what the office took it for) and the representative's
    quiet hours; the representative, or None if the residents seeder did not run."""
    Resident.objects.get_or_create(
        village=village, real_name="李福贵",
        defaults={
            "display_name": "李*贵", "household_number": "0108", "phone": REFUSED_PHONE,
            "source": Resident.Source.COUNTER, "verification": Resident.Verification.VERIFIED,
            "verified_at": timezone.now(),
        },
    )  # fmt: skip
    owl = Resident.objects.filter(village=village, user__username="representative").first()
    if owl is not None and owl.quiet_from is None:
        owl.quiet_from, owl.quiet_until = datetime.time(22, 0), datetime.time(7, 0)
        owl.save(update_fields=["quiet_from", "quiet_until"])
    return owl


def seed(log) -> None:
    village = Village.objects.filter(code="dongshan").first()
    if village is None or Broadcast.objects.filter(event=EVENT).exists():
        return
    owl = _people(village)
    if owl is None:
        return
    with transaction.atomic():
        broadcast = Broadcast.objects.create(
            village=village, kind=Broadcast.Kind.MEETING, event=EVENT, title="村民代表会议：讨论2027年村道维修计划",
            message="%(village)s: “%(title)s” is called for %(date)s at %(place)s.",
            params={"village": village.name, "title": "村民代表会议：讨论2027年村道维修计划",
                    "date": "2026-12-15", "place": "村委会二楼会议室"},
            audience=Broadcast.Audience.RESIDENTS,
        )  # fmt: skip
        batches = broadcasts.plan(broadcast)
        # The representative was asleep when it was planned: his e-mail waits for 07:00, as plan() writes it.
        Delivery.objects.filter(broadcast=broadcast, resident=owl).exclude(channel=Delivery.Channel.INBOX).update(
            status=Delivery.Status.DEFERRED, not_before=_next_morning(timezone.now())
        )
    with override_settings(RESIDENTS_SMS_SENDER="notifications.demo.DemoSms"):
        for batch in batches:
            broadcasts.send_batch(broadcast.pk, batch)
    # Tried as often as the periodic job would: the report shows a final failure, not one about to be retried.
    Delivery.objects.filter(broadcast=broadcast, status=Delivery.Status.FAILED).update(attempts=broadcasts.MAX_ATTEMPTS)
    log("notifications: 东山村's meeting broadcast with its delivery report (a text refused, an e-mail waiting)")

"""Broadcasts: announce an event once, list its recipients, send in batches, release what waited.

The steps, each safe to run again (a retried task or a doubled periodic run sends nothing twice):

1. ``announce`` (called by the feature apps' signal receivers) records the Broadcast, unique by its event key,
   and queues ``plan`` once the caller's transaction commits.
2. ``plan`` writes one Delivery per eligible resident and chosen channel (bulk, conflicts ignored: the unique
   constraint keeps a second run from adding anything) and queues ``send`` tasks of BATCH_SIZE deliveries.
   E-mail and text messages to a resident in quiet hours wait (DEFERRED) unless the broadcast is urgent.
3. ``send_batch`` sends the batch's PENDING rows. Inbox rows are one transaction (the notifications and the
   status change commit together: exactly once). An e-mail or text message is sent inside its own transaction
   that holds the row: if the worker dies before the commit the row is still PENDING and is sent by the next run;
   once committed SENT it is never sent again. Before sending, the batch reserves its e-mails and texts from the
   village's daily cap; what does not fit is HELD with the reason.
4. ``release_due`` (a periodic job) makes DEFERRED rows whose quiet hours ended, HELD rows and failed rows with
   attempts left PENDING again, re-queues pending rows whose task died, and queues them.
"""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from home.models import Village
from portal.public_url import public_url
from residents.models import Resident, single_line
from residents.sms import NOTICE, PLAIN, SmsError, SmsRateLimited, notice_params, send_sms

from . import quiet
from .broadcast_models import Broadcast, DailyQuota, Delivery
from .models import Notification

logger = logging.getLogger(__name__)
Channel, Status = Delivery.Channel, Delivery.Status
MAX_ATTEMPTS = 3
STALE_AFTER = datetime.timedelta(minutes=10)  # a queued batch not done by then is taken to have died


def batch_size() -> int:
    return getattr(settings, "BROADCASTS_BATCH_SIZE", 200)


def daily_cap(village: Village) -> int:
    """E-mails and text messages a village may send per day (the inbox is free and never capped)."""
    per_village = getattr(settings, "BROADCASTS_DAILY_CAP_BY_VILLAGE", {})
    return per_village.get(village.code, getattr(settings, "BROADCASTS_DAILY_CAP", 10000))


def used_today(village: Village) -> int:
    row = DailyQuota.objects.filter(village=village, day=timezone.localdate()).first()
    return row.used if row else 0


def announce(
    village: Village,
    kind: str,
    event: str,
    title: str,
    message: str,
    params: dict | None = None,
    url: str = "",
    *,
    audience: str = Broadcast.Audience.RESIDENTS,
    urgent: bool = False,
) -> Broadcast | None:
    """Record the event's broadcast and plan it after commit; None if this event was announced before."""
    broadcast, created = Broadcast.objects.get_or_create(
        event=event,
        defaults={
            "village": village, "kind": kind, "title": title[:255], "message": message, "params": params or {},
            "url": url, "audience": audience, "urgent": urgent,
        },
    )  # fmt: skip
    if not created:
        return None
    from .tasks import plan_broadcast

    transaction.on_commit(lambda: plan_broadcast.enqueue(broadcast.pk))
    return broadcast


def eligible_residents(broadcast: Broadcast):
    residents = Resident.objects.filter(
        village_id=broadcast.village_id, verification=Resident.Verification.VERIFIED, deleted_at__isnull=True
    )
    if broadcast.audience == Broadcast.Audience.REPRESENTATIVES:
        residents = residents.filter(is_representative=True)
    elif broadcast.audience == Broadcast.Audience.COUNCIL:
        residents = residents.filter(is_council_member=True)
    return residents


def channels_of(*, has_login: bool, email: str, phone: str, inbox: bool, by_email: bool, by_sms: bool) -> list[str]:
    """The channels a resident chose. One with no login has no inbox and no profile to choose on: a text message
    if the village office recorded a mobile number (that is what the office took it for)."""
    if not has_login:
        return [Channel.SMS] if phone else []
    chosen = []
    if inbox:
        chosen.append(Channel.INBOX)
    if by_email and email:
        chosen.append(Channel.EMAIL)
    if by_sms and phone:
        chosen.append(Channel.SMS)
    return chosen


PLAN_FIELDS = ("pk", "user_id", "user__email", "phone", "notify_in_inbox", "notify_by_email", "notify_by_sms",
               "quiet_from", "quiet_until")  # fmt: skip


def plan(broadcast: Broadcast) -> list[list[int]]:
    """Write the deliveries (again: nothing is added twice) and return the pending ids in batches."""
    now = timezone.now()
    local_now = timezone.localtime(now)
    rows, eligible, unreachable = [], 0, 0
    for pk, user_id, email, phone, inbox, by_email, by_sms, quiet_from, quiet_until in (
        eligible_residents(broadcast).values_list(*PLAN_FIELDS).iterator(chunk_size=2000)
    ):
        eligible += 1
        chosen = channels_of(
            has_login=user_id is not None, email=email or "", phone=phone, inbox=inbox, by_email=by_email,
            by_sms=by_sms,
        )  # fmt: skip
        unreachable += not chosen
        ends = None if broadcast.urgent else quiet.quiet_hours_end(quiet_from, quiet_until, local_now)
        for channel in chosen:
            waits = ends is not None and channel != Channel.INBOX
            rows.append(
                Delivery(
                    broadcast=broadcast, resident_id=pk, channel=channel,
                    status=Status.DEFERRED if waits else Status.PENDING, not_before=ends if waits else None,
                )
            )  # fmt: skip
    with transaction.atomic():
        Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        Broadcast.objects.filter(pk=broadcast.pk).update(planned_at=now, eligible=eligible, unreachable=unreachable)
    return _queue(Delivery.objects.filter(broadcast=broadcast, status=Status.PENDING), now)


def _queue(pending, now: datetime.datetime) -> list[list[int]]:
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    size = batch_size()
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]
    for batch in batches:
        Delivery.objects.filter(pk__in=batch).update(queued_at=now)
    return batches


def reserve(village: Village, wanted: int) -> int:
    """Take up to `wanted` sends from today's cap (the row is locked, so two workers never both take the last)."""
    if wanted <= 0:
        return 0
    with transaction.atomic():
        DailyQuota.objects.get_or_create(village=village, day=timezone.localdate())
        quota = DailyQuota.objects.select_for_update().get(village=village, day=timezone.localdate())
        grant = quiet.granted(daily_cap(village), quota.used, wanted)
        if grant:
            DailyQuota.objects.filter(pk=quota.pk).update(used=F("used") + grant)
    return grant


def send_batch(broadcast_id: int, delivery_ids: Iterable[int]) -> int:
    """Send the batch's pending deliveries; returns how many were sent now."""
    broadcast = Broadcast.objects.select_related("village").get(pk=broadcast_id)
    rows = list(
        Delivery.objects.filter(pk__in=list(delivery_ids), broadcast=broadcast, status=Status.PENDING)
        .select_related("resident__user")
        .order_by("pk")
    )
    sent = _send_inbox(broadcast, [row for row in rows if row.channel == Channel.INBOX])
    outside = [row for row in rows if row.channel != Channel.INBOX]
    grant = reserve(broadcast.village, len(outside))
    if len(outside) > grant:
        cap = daily_cap(broadcast.village)
        Delivery.objects.filter(pk__in=[row.pk for row in outside[grant:]], status=Status.PENDING).update(
            status=Status.HELD, reason=f"daily limit of {cap} e-mails and text messages reached"
        )
    if not grant:
        return sent
    with translation.override(settings.LANGUAGE_CODE):  # e-mail and texts go out in the portal's language
        text = single_line(broadcast.text)
    link = public_url(broadcast.url) if broadcast.url else ""
    connection = get_connection(fail_silently=False) if any(r.channel == Channel.EMAIL for r in outside) else None
    taken_by_another = 0
    try:
        for row in outside[:grant]:
            outcome = _send_outside(row, text, link, connection)
            taken_by_another += outcome is None
            sent += outcome or 0
    finally:
        if connection is not None:
            connection.close()
        # Two workers on the same batch both reserved its sends; what the other one sent is given back, so
        # the day's count is what went out (or was tried), not twice that.
        refund(broadcast.village, taken_by_another)
    return sent


def refund(village: Village, unused: int) -> None:
    """Give back reserved sends that this worker did not make (another worker had the row)."""
    if unused > 0:
        DailyQuota.objects.filter(village=village, day=timezone.localdate(), used__gte=unused).update(
            used=F("used") - unused
        )


def _send_inbox(broadcast: Broadcast, rows: list[Delivery]) -> int:
    if not rows:
        return 0
    with transaction.atomic():
        claimed = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[row.pk for row in rows], status=Status.PENDING)
            .values_list("pk", flat=True)
        )
        users = {row.pk: row.resident.user_id for row in rows}
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=users[pk], message=broadcast.message, params=broadcast.params, url=broadcast.url
                )
                for pk in claimed
                if users[pk] is not None
            ]
        )
        Delivery.objects.filter(pk__in=claimed).update(status=Status.SENT, sent_at=timezone.now(), reason="")
    return len(claimed)


def _send_outside(row: Delivery, text: str, link: str, connection) -> int | None:
    """One e-mail or text message, in a transaction holding its row: committed SENT (1), FAILED (0), or still
    PENDING if the worker dies; None if another worker has the row or sent it already."""
    with transaction.atomic():
        if not Delivery.objects.select_for_update(skip_locked=True).filter(pk=row.pk, status=Status.PENDING).exists():
            return None
        resident = row.resident
        try:
            if row.channel == Channel.EMAIL:
                body = f"{text}\n\n{link}" if link else text
                EmailMessage(text[:150], body, settings.DEFAULT_FROM_EMAIL, [resident.user.email],
                             connection=connection).send()  # fmt: skip
            elif link:
                send_sms(resident.phone, f"{text} {link}", kind=NOTICE, params=notice_params(text, link))
            else:
                send_sms(resident.phone, text, kind=PLAIN)
        except SmsRateLimited as error:  # refused, so nothing went out: wait and send it then (not lost, not twice)
            retry_at = timezone.now() + datetime.timedelta(minutes=settings.BROADCASTS_SMS_RETRY_MINUTES)
            Delivery.objects.filter(pk=row.pk).update(
                status=Status.LIMITED, not_before=retry_at, reason=f"provider's rate limit: {error}"[:300]
            )
            return 0
        except Exception as error:  # this recipient only; a dying worker (BaseException) rolls the row back
            logger.warning(
                "Broadcast %s: could not reach resident %s by %s", row.broadcast_id, resident.pk, row.channel
            )
            # A refusal the provider would repeat (a bad number) or an answer that never came after the request
            # went out (it may have arrived) uses up the attempts: release_due never sends those again.
            final = isinstance(error, SmsError) and not error.retry
            Delivery.objects.filter(pk=row.pk).update(
                status=Status.FAILED,
                attempts=MAX_ATTEMPTS if final else F("attempts") + 1,
                reason=(str(error) if isinstance(error, SmsError) else f"{type(error).__name__}: {error}")[:300],
            )
            return 0
        Delivery.objects.filter(pk=row.pk).update(
            status=Status.SENT, attempts=F("attempts") + 1, sent_at=timezone.now(), reason=""
        )
    return 1


def release_due(now: datetime.datetime | None = None) -> list[tuple[int, list[int]]]:
    """Make due rows pending again and return (broadcast id, batch) pairs to queue (the periodic job queues them)."""
    now = now or timezone.now()
    Delivery.objects.filter(status__in=[Status.DEFERRED, Status.LIMITED], not_before__lte=now).update(
        status=Status.PENDING, reason=""
    )
    Delivery.objects.filter(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS).update(status=Status.PENDING)
    Delivery.objects.filter(status=Status.HELD).update(status=Status.PENDING)
    stale = Q(queued_at__isnull=True) | Q(queued_at__lt=now - STALE_AFTER)
    batches = []
    for broadcast_id in (
        Delivery.objects.filter(stale, status=Status.PENDING).values_list("broadcast_id", flat=True).distinct()
    ):
        pending = Delivery.objects.filter(stale, broadcast_id=broadcast_id, status=Status.PENDING)
        batches += [(broadcast_id, batch) for batch in _queue(pending, now)]
    return batches


def report(broadcast: Broadcast) -> dict:
    """Counts by channel and status for the committee's delivery report (one query)."""
    from django.db.models import Count

    counts = {
        (row["channel"], row["status"]): row["n"]
        for row in broadcast.deliveries.values("channel", "status").annotate(n=Count("pk"))
    }
    reached = broadcast.deliveries.filter(status=Status.SENT).values("resident").distinct().count()
    channels = [
        {"channel": label, "counts": [counts.get((value, status), 0) for status, _label in Status.choices]}
        for value, label in Channel.choices
    ]
    return {"channels": channels, "statuses": [label for _value, label in Status.choices], "reached": reached}

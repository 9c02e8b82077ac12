"""The committee's delivery report of broadcasts, as queries: read-only, so not in services.

A list of broadcasts carries its counts as annotations (one query for a page, whatever the number of deliveries),
and a broadcast's deliveries come with their residents in the page's one query. Contact details are masked where
they are read (home.privacy): the report says which channel reached a resident, never the number or address in
full; the committee has the register for that.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from home.models import Village
from home.privacy import mask_email, mask_mobile

from . import broadcasts
from .broadcast_models import Broadcast, DailyQuota, Delivery

Channel, Status = Delivery.Channel, Delivery.Status
WAITING = (Status.PENDING, Status.DEFERRED, Status.HELD)


def _count(**where) -> Count:
    return Count("deliveries", filter=Q(**{f"deliveries__{key}": value for key, value in where.items()}))


def used_today_subquery(today: datetime.date | None = None) -> Coalesce:
    """Today's sends taken from the broadcast's village's cap, as an annotation (no query per row)."""
    today = today or timezone.localdate()
    used = DailyQuota.objects.filter(village=OuterRef("village"), day=today).values("used")[:1]
    return Coalesce(Subquery(used, output_field=IntegerField()), Value(0))


def broadcast_rows(villages: QuerySet[Village]) -> QuerySet[Broadcast]:
    """The villages' broadcasts, newest first, each with its counts by channel and status."""
    return (
        Broadcast.objects.filter(village__in=villages)
        .select_related("village")
        .annotate(
            by_inbox=_count(channel=Channel.INBOX, status=Status.SENT),
            by_email=_count(channel=Channel.EMAIL, status=Status.SENT),
            by_sms=_count(channel=Channel.SMS, status=Status.SENT),
            reached=Count("deliveries__resident", filter=Q(deliveries__status=Status.SENT), distinct=True),
            failed=_count(status=Status.FAILED),
            deferred=_count(status=Status.DEFERRED),
            held=_count(status=Status.HELD),
            pending=_count(status=Status.PENDING),
            used_today=used_today_subquery(),
        )
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class Cap:
    village: Village
    cap: int
    used: int

    @property
    def left(self) -> int:
        return max(self.cap - self.used, 0)


def cap_of(village: Village, used: int | None = None) -> Cap:
    """The village's daily cap of e-mails and texts and how much of today's is taken (one query unless given)."""
    return Cap(village, broadcasts.daily_cap(village), broadcasts.used_today(village) if used is None else used)


def delivery_rows(broadcast: Broadcast, status: str = "", channel: str = "") -> QuerySet[Delivery]:
    """One broadcast's deliveries (optionally of one status and channel): failures first, then what waits."""
    rows = Delivery.objects.filter(broadcast=broadcast).select_related("resident__user")
    if status in Status.values:
        rows = rows.filter(status=status)
    if channel in Channel.values:
        rows = rows.filter(channel=channel)
    return rows.order_by("status", "resident_id", "channel", "pk")


def resident_name(delivery: Delivery) -> str:
    """The resident's public name (张*三): the register, not this report, is where the committee reads names."""
    return delivery.resident.public_name


def masked_contact(delivery: Delivery) -> str:
    """Where the message went, masked: 138****5678, w***@example.org; the inbox is the account's own."""
    resident = delivery.resident
    if delivery.channel == Channel.SMS:
        return mask_mobile(resident.phone.removeprefix("+86"))  # the demo's 100… numbers are no mobile to it
    if delivery.channel == Channel.EMAIL:
        return mask_email(resident.user.email if resident.user_id else "")
    return ""

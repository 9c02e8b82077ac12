"""Broadcasts: one announcement to every verified resident of a village (or of a consultation's audience).

A Broadcast is one event (an urgent notice published, a phase opened, a meeting called), unique by its `event` key,
so publishing the same notice again never announces it twice. A Delivery is one resident on one channel, unique
by (broadcast, resident, channel): a retried task finds the row already there and already sent, and sends nothing.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.models import Village


class Broadcast(models.Model):
    class Kind(models.TextChoices):
        URGENT_NOTICE = "urgent_notice", _("Urgent notice")
        PHASE = "phase", _("Consultation phase")
        MEETING = "meeting", _("Meeting called")

    class Audience(models.TextChoices):
        RESIDENTS = "residents", _("Verified residents of the village")
        REPRESENTATIVES = "representatives", _("Villager representatives")
        COUNCIL = "council", _("Villager council members")

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="broadcasts", verbose_name=_("village"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # "notice:<record page id>", "consultation:<id>:<phase>", "meeting:<id>": one broadcast per event, ever.
    event = models.CharField(max_length=80, unique=True)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.RESIDENTS)
    urgent = models.BooleanField(_("urgent (ignores quiet hours)"), default=False)
    title = models.CharField(_("title"), max_length=255)
    # An English msgid and its parameters, as in Notification: each reader's inbox shows it in their language.
    message = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    planned_at = models.DateTimeField(_("recipients listed at"), null=True, blank=True)
    eligible = models.PositiveIntegerField(_("eligible residents"), default=0)
    unreachable = models.PositiveIntegerField(_("eligible residents with no channel"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")

    def __str__(self) -> str:
        return self.title

    @property
    def text(self) -> str:
        try:
            return gettext(self.message) % self.params
        except (KeyError, TypeError, ValueError):
            return gettext(self.message)


class Delivery(models.Model):
    class Channel(models.TextChoices):
        INBOX = "inbox", _("Portal inbox")
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DEFERRED = "deferred", _("Waiting for the end of quiet hours")
        HELD = "held", _("Held: daily limit reached")
        LIMITED = "limited", _("Waiting: the text-message provider's rate limit")

    broadcast = models.ForeignKey(Broadcast, on_delete=models.CASCADE, related_name="deliveries")
    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    # When a task was last queued for it: a pending row whose task died is queued again once this is stale.
    queued_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "resident", "channel"], name="one_delivery_per_channel")
        ]
        indexes = [
            models.Index(fields=["broadcast", "status"]),
            models.Index(fields=["status", "not_before"]),
        ]

    def __str__(self) -> str:
        return f"{self.broadcast_id}/{self.resident_id}/{self.channel}: {self.status}"


class DailyQuota(models.Model):
    """E-mails and text messages a village's broadcasts have taken from the day's cap (reserved before sending)."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["village", "day"], name="one_quota_per_village_day")]

    def __str__(self) -> str:
        return f"{self.village_id} {self.day}: {self.used}"

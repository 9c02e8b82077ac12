"""Calling a meeting is broadcast to every verified resident of the village, once, when the meeting is recorded.

A meeting is recorded through council.services.record_meeting or the admin's meeting form; both save the row, so
the receiver listens to the save (no view checks anything). Only a meeting still to come is news: a meeting
typed in afterwards, with its minutes, is not announced. A villager-group meeting concerns one group, whose
members the portal does not know, so it is not broadcast to the whole village.
"""

from django.utils import timezone
from django.utils.translation import gettext_noop

MEETING_MESSAGE = gettext_noop("%(village)s: “%(title)s” is called for %(date)s at %(place)s.")


def announce_meeting(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    from home.shortlinks import code_for
    from notifications import broadcasts
    from notifications.models import Broadcast

    from . import quorum

    if not created or raw or instance.kind == quorum.GROUP or instance.date < timezone.localdate():
        return
    village = instance.village
    code = code_for(instance)
    params = {"village": village.name, "title": instance.title, "date": instance.date.isoformat(),
              "place": instance.place or village.name}  # fmt: skip
    broadcasts.announce(
        village, Broadcast.Kind.MEETING, f"meeting:{instance.pk}", instance.title, MEETING_MESSAGE, params,
        f"/n/{code}" if code else "",
    )  # fmt: skip


def connect() -> None:
    from django.db.models.signals import post_save

    from .models import Meeting

    post_save.connect(announce_meeting, sender=Meeting, dispatch_uid="council_meeting_broadcast")

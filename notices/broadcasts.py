"""An urgent notice (停水, 防汛) is broadcast to every verified resident of its village when it is first published.

Wagtail's page_published signal is the one place every publish passes (the editor, scheduled publishing, the API,
seed_demo), so no view checks anything. The event key is the notice's record page: publishing it again, or
publishing its zh-hant or English copy, finds the broadcast already made and announces nothing.
"""

from django.utils import timezone
from django.utils.translation import gettext_noop

from home import translations

URGENT_MESSAGE = gettext_noop("Urgent notice from %(village)s: %(title)s")


def announce_urgent_notice(sender, instance, **kwargs) -> None:
    from notifications import broadcasts
    from notifications.models import Broadcast

    from .services import village_of

    notice = instance.specific
    if not getattr(notice, "urgent", False):
        return
    if notice.posted_until is not None and notice.posted_until < timezone.localdate():
        return  # no longer posted: an old notice published again is not news
    from home.shortlinks import code_for

    record = translations.record_page(notice)
    village = village_of(record)
    code = code_for(record)
    broadcasts.announce(
        village, Broadcast.Kind.URGENT_NOTICE, f"notice:{record.pk}", record.title, URGENT_MESSAGE,
        {"village": village.name, "title": record.title}, f"/n/{code}" if code else "", urgent=True,
    )  # fmt: skip


def connect() -> None:
    from wagtail.signals import page_published

    from .models import NoticePage

    page_published.connect(announce_urgent_notice, sender=NoticePage, dispatch_uid="notices_urgent_broadcast")

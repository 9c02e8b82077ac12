"""Follow, unfollow, notify, mark read. Callers decide who hears what; this module only records and mails."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from home import translations
from portal.public_url import public_url
from residents.sms import NOTICE, PLAIN, notice_params, send_sms

from .mail import send_each
from .models import Follow, Notification

logger = logging.getLogger(__name__)


def _ref(obj) -> dict:
    if isinstance(obj, Page):
        # A consultation or notice is followed once, whichever language tree it was followed in.
        obj = translations.record_page(obj)
    return {"content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False), "object_id": obj.pk}


def follow(user, obj) -> bool:
    """True if the user follows it now and did not before (one follow per user and object, by constraint)."""
    _row, created = Follow.objects.get_or_create(user=user, **_ref(obj))
    return created


def unfollow(user, obj) -> bool:
    deleted, _rows = Follow.objects.filter(user=user, **_ref(obj)).delete()
    return bool(deleted)


def is_following(user, obj) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, **_ref(obj)).exists()


def followed_ids(user, model) -> set[int]:
    """The ids of `model` objects the user follows: one query for a whole list of them."""
    if not user.is_authenticated:
        return set()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return set(Follow.objects.filter(user=user, content_type=content_type).values_list("object_id", flat=True))


def followers(*objects) -> set[int]:
    """User ids following any of the objects."""
    ids: set[int] = set()
    for obj in objects:
        if obj is not None:
            ids.update(Follow.objects.filter(**_ref(obj)).values_list("user_id", flat=True))
    return ids


def notify(
    user_ids: Iterable[int], message: str, params: dict | None = None, url: str = "", *, sms: bool = False
) -> list[Notification]:
    """An in-site notification for each user, and an e-mail to those with an address who have not opted out.

    With ``sms``, a resident who asked for text messages, or has no e-mail address (most sign up with their mobile
    number), also gets a text message: for news they must not miss, such as the committee's answer to their
    sign-up. Runs inside a background task (the callers' @task), so e-mails and texts do not hold up a request.
    """
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return []
    params = params or {}
    with transaction.atomic():
        rows = Notification.objects.bulk_create(
            [Notification(recipient_id=pk, message=message, params=params, url=url) for pk in user_ids]
        )
    users = get_user_model().objects.filter(pk__in=user_ids).select_related("resident")
    link = public_url(url) if url else ""
    with translation.override(settings.LANGUAGE_CODE):
        text = rows[0].text
        body = f"{text}\n\n{link}" if link else text
        mails = []
        for user in users:
            resident = getattr(user, "resident", None)
            if user.email and (resident is None or resident.notify_by_email):
                mails.append((text, body, user.email))
            if sms and resident is not None and resident.phone and (resident.notify_by_sms or not user.email):
                try:
                    if "/n/" in link:  # a short link: the provider's notice template carries its code
                        send_sms(resident.phone, f"{text} {link}", kind=NOTICE, params=notice_params(text, link))
                    else:
                        send_sms(resident.phone, f"{text} {link}".strip(), kind=PLAIN)
                except Exception:  # one unreachable phone never stops the others
                    logger.exception("Could not send a text message to resident %s", resident.pk)
        send_each(mails)
    return rows


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, pk: int | None = None) -> int:
    """Mark one notification (or all of them) read; returns how many changed."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        rows = rows.filter(pk=pk)
    return rows.update(read_at=timezone.now())

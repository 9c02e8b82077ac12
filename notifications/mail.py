"""Sending e-mail to residents one message at a time, so that one bad recipient never stops the others.

A batch (a comment's followers, a phase announcement) used to be a loop of send_mail calls: the first message that
could not be built (a header with a line break: BadHeaderError) or sent (a refused address, a dropped connection)
raised, and everyone after it heard nothing. Now each message is tried on its own, failures are logged with the
recipient, and the rest go out. Subjects are made one line first, so a name typed with a line break still mails.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from residents.models import single_line

logger = logging.getLogger(__name__)
SUBJECT_MAX_LENGTH = 150


def send_each(messages: Iterable[tuple[str, str, str]]) -> int:
    """Send (subject, body, address) messages over one connection; returns how many went out."""
    sent = 0
    connection = get_connection(fail_silently=False)
    try:
        for subject, body, address in messages:
            message = EmailMessage(
                single_line(subject)[:SUBJECT_MAX_LENGTH],
                body,
                settings.DEFAULT_FROM_EMAIL,
                [address],
                connection=connection,
            )
            try:
                sent += message.send()
            except Exception:  # this message only: log it and carry on with the next recipient
                logger.exception("Could not send an e-mail to %s; the others are still sent", address)
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("Could not close the mail connection")
    return sent


def send_one(subject: str, body: str, address: str) -> bool:
    return send_each([(subject, body, address)]) == 1

"""Text messages through a pluggable sender. The default writes the message to the log, so that a bare
machine works; a deployment names its gateway's sender in RESIDENTS_SMS_SENDER."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("residents.sms")


class LogSender:
    """Writes every message to the log instead of sending it (development, demos, tests)."""

    def send(self, phone: str, message: str) -> None:
        logger.info("SMS to %s: %s", phone, message)


def get_sender():
    return import_string(getattr(settings, "RESIDENTS_SMS_SENDER", "residents.sms.LogSender"))()


def send_sms(phone: str, message: str) -> None:
    get_sender().send(phone, message)

"""Text messages through a pluggable sender. The default writes the message to the log, so that a bare
machine works; a deployment names its gateway's sender in RESIDENTS_SMS_SENDER (``residents.sms_aliyun``).

Chinese providers send only pre-approved templates filled with short parameters, so a caller says which kind
of message it sends (``CODE``: a sign-in code; ``NOTICE``: a sentence and a page's short link; ``PLAIN``: a
sentence) and gives the parameters. A sender with a ``send_template`` method gets them; a plain ``send(phone,
message)`` sender (the log, the tests' fakes) gets the whole text.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("residents.sms")

CODE, NOTICE, PLAIN = "code", "notice", "plain"
TEXT_LIMIT = 35  # characters in one template variable: providers refuse longer (Aliyun isv.PARAM_LENGTH_LIMIT)


class SmsError(Exception):
    """The provider refused the message. ``code`` is the provider's own error code; ``retry`` says whether
    sending the same message again may work (a system error) or will be refused again (a bad number)."""

    def __init__(self, code: str, detail: str = "", *, retry: bool = False) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail, self.retry = code, detail, retry


class SmsRateLimited(SmsError):
    """The provider's rate limit: it refused, so nothing went out and sending later cannot send twice."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail, retry=True)


class SmsUnavailable(SmsError):
    """No answer from the provider. ``maybe_sent`` when the request went out (a read timeout): the message may
    have arrived, so it is not sent again by itself; a connection that never opened can be retried."""

    def __init__(self, code: str, detail: str = "", *, maybe_sent: bool) -> None:
        super().__init__(code, detail, retry=not maybe_sent)
        self.maybe_sent = maybe_sent


def short_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis (a template variable's limit)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LogSender:
    """Writes every message to the log instead of sending it (development, demos, tests)."""

    def send(self, phone: str, message: str) -> None:
        logger.info("SMS to %s: %s", phone, message)


def get_sender():
    return import_string(getattr(settings, "RESIDENTS_SMS_SENDER", "residents.sms.LogSender"))()


def send_sms(phone: str, message: str, *, kind: str = PLAIN, params: dict[str, str] | None = None) -> None:
    """Send ``message`` (the whole text, for plain senders); ``kind`` and ``params`` fill a provider's template.
    Raises SmsError (or a subclass) when the provider refuses or does not answer."""
    sender = get_sender()
    if hasattr(sender, "send_template"):
        sender.send_template(phone, message, kind, params or {"text": short_text(message)})
    else:
        sender.send(phone, message)


def notice_params(text: str, url: str) -> dict[str, str]:
    """Parameters of a NOTICE: the sentence, cut short, and the short link's code (``/n/<code>`` → code).
    Providers refuse a link in a variable (Aliyun isv.PARAM_NOT_SUPPORT_URL), so the approved template holds the
    portal's address and only the code varies."""
    code = url.rstrip("/").rsplit("/n/", 1)[1] if "/n/" in url else ""
    return {"text": short_text(text), "code": code}

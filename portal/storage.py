"""The media storage: a full or unwritable disk is "temporarily unavailable", never a generic 500, and a file
written inside a transaction that then rolls back does not stay behind as an orphan.

Residents attach photos to proposals and requests; when the media folder cannot be written (disk full, a mount
gone read-only), the save raises ``StorageUnavailable``, which ``portal.unavailable`` answers like the
database-down path: a 503 that shows back what the resident typed. Files saved while a transaction is open are
remembered until it commits (``transaction.on_commit``); ``MediaCleanupMiddleware`` removes those that were never
committed when the request ends outside any transaction (so the rollback really happened), or when it failed.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage, Storage
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger(__name__)

_uncommitted: ContextVar[set[tuple[Storage, str]] | None] = ContextVar("uncommitted_media", default=None)


class StorageUnavailable(OSError):
    """The media folder could not be written."""


class TrackedSaveMixin:
    """Saves that fail as StorageUnavailable and are remembered until their transaction commits; any Storage."""

    # What the back end raises when it cannot store a file (S3 adds botocore's errors: portal/s3storage.py).
    unavailable_errors: tuple[type[BaseException], ...] = (OSError,)

    def _save(self, name, content):
        try:
            name = super()._save(name, content)
        except self.unavailable_errors as error:
            logger.error("Media storage unavailable while saving %s: %s", name, error)
            raise StorageUnavailable(str(error)) from error
        written = _uncommitted.get()
        if written is not None and connection.in_atomic_block:
            entry = (self, name)
            written.add(entry)
            transaction.on_commit(lambda: written.discard(entry))
        return name


class PortalFileStorage(TrackedSaveMixin, FileSystemStorage):
    """MEDIA_ROOT: on several app servers, a mount they all share (portal/settings/media.py)."""


def remove_uncommitted(written: set[tuple[Storage, str]]) -> None:
    for storage, name in list(written):
        # The store that failed the transaction may fail this too: log, do not raise.
        errors = getattr(storage, "unavailable_errors", (OSError,))
        try:
            storage.delete(name)
        except errors as error:
            logger.warning("Could not remove the uncommitted media file %s: %s", name, error)
    written.clear()


class MediaCleanupMiddleware:
    """Tracks the files a request writes and removes those its transactions did not commit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        written: set[tuple[Storage, str]] = set()
        token = _uncommitted.set(written)
        failed = True
        try:
            response = self.get_response(request)
            failed = response.status_code >= 500
            return response
        finally:
            _uncommitted.reset(token)
            # Inside an open transaction (a test's, or a caller's) "not committed yet" is not "rolled back":
            # only a failed request removes its files then.
            if written and (failed or not connection.in_atomic_block):
                remove_uncommitted(written)

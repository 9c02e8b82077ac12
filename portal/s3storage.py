"""Media on S3-compatible object storage (MEDIA_STORAGE=s3, portal/settings/media.py), with the same guarantees as
the shared folder: a store that cannot be written is "temporarily unavailable" (a 503 that shows back what the
resident typed), and a file saved inside a transaction that rolls back is removed again (portal/storage.py).

Imported only when MEDIA_STORAGE=s3, so that django-storages and boto3 are needed only where they are used.
"""

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from portal.storage import StorageUnavailable, TrackedSaveMixin


class PortalS3Storage(TrackedSaveMixin, S3Storage):
    # Endpoint unreachable, credentials refused, bucket full or read-only: all "cannot store now".
    unavailable_errors = (OSError, BotoCoreError, ClientError)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        # Storage.save asks the bucket whether the name is taken before _save: the first request to fail.
        try:
            return super().get_available_name(name, max_length)
        except self.unavailable_errors as error:
            raise StorageUnavailable(str(error)) from error

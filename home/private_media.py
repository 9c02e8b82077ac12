"""Files that only some people may see (photos of resident requests), served after the view checked who asks.

In production nginx does the sending: the view answers with an empty response and an `X-Accel-Redirect` header
naming the file under PRIVATE_MEDIA_ACCEL_PREFIX, an `internal` nginx location that browsers cannot open
directly (deploy/nginx-cunwu.conf). Without that setting (development, tests), or with media on object storage,
Django streams the file itself.
Either way the answer is private: never stored by a shared cache, never sniffed into HTML.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse

HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": "inline",
}


def serve_private_file(field_file) -> HttpResponse:
    """The file of a FileField/ImageField value; 404 when it is empty or gone from storage."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    # nginx can send only what it can read from a path: with object storage (MEDIA_STORAGE=s3) Django streams.
    if prefix and isinstance(field_file.storage, FileSystemStorage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
    else:
        response = FileResponse(field_file.storage.open(field_file.name, "rb"), content_type=content_type)
    for name, value in HEADERS.items():
        response[name] = value
    return response

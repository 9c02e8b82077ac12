"""The leak crawl's last step (tests/leak_crawl.py): the files that the crawled outputs link to, fetched as a
visitor gets them, and read back.

- Every `/media/…` address in any body (pages, API JSON, feeds) is answered as production's nginx answers it
  (deploy/nginx-cunwu.conf: renditions under /media/images/ from the media folder, the rest of /media/ 404).
  An address nginx refuses (an original image) is still read from storage and checked: a deployment that served
  all of /media/ (the old config) must not leak either.
- Every `/documents/<id>/<name>` address is fetched through Wagtail's serve view (collection privacy applies).
- What is read is added to the crawl's bodies as text, so the crawl's one assertion covers it: the address and
  file name (percent-decoded), Content-Type and Content-Disposition, every EXIF tag and image info of an image
  (read with Pillow), and a document's text (home.privacy.documents.document_text, the upload check's extractor).
- What may not be there at all, number or not, is a problem of its own: GPS, camera owner, comments, XMP in an
  image; an HTML type or HTML bytes for any file.
"""

import io
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image

from home.privacy.documents import Unreadable, document_text

# Addresses in HTML attributes, srcset lists and JSON strings (absolute or not); a query string or fragment ends it.
MEDIA_LINK = re.compile(r"""(?<![\w/])(/(?:media|documents)/[^\s"'<>()?#,\\]+)""")
HOST = re.compile(r"https?://[\w.:-]+(?=/)")
GPS_IFD, EXIF_IFD = 0x8825, 0x8769
# Tags that name or place a person: Artist, Copyright, Make/Model (the "Phone of Wang"), ImageDescription,
# the owner and serial tags of the EXIF IFD, UserComment, the Windows XP author/comment tags.
PERSONAL_TAGS = {0x013B, 0x8298, 0x010F, 0x0110, 0x010E, 0xA430, 0xA431, 0x9286, 0x9C9D, 0x9C9C, 0x9C9F}
PERSONAL_INFO = {"exif", "comment", "xmp", "XML:com.adobe.xmp", "icc_profile", "Author", "Comment", "Description"}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


@dataclass
class Served:
    """One file as a visitor got it."""

    status: int
    content_type: str = ""
    disposition: str = ""
    data: bytes = b""
    stored: bytes = b""  # an address nginx refuses, read from storage all the same
    kind: str = ""  # "image", "document", ""
    text: str = ""
    problems: list[str] = field(default_factory=list)


def served_by_nginx(url: str) -> tuple[int, str, bytes]:
    """What deploy/nginx-cunwu.conf answers for a /media/ address: renditions under /media/images/ from the media
    folder, with the type from the extension (nginx's mime.types); anything else under /media/ is 404."""
    assert url.startswith(settings.MEDIA_URL), url
    relative = unquote(url[len(settings.MEDIA_URL) :])
    path = Path(settings.MEDIA_ROOT) / relative
    if not relative.startswith("images/") or not path.is_file():
        return 404, "", b""
    return 200, mimetypes.guess_type(path.name)[0] or "application/octet-stream", path.read_bytes()


def image_text(data: bytes) -> tuple[str, list[str]]:
    """Every EXIF tag and info value of an image as text, and what must not be in a public image."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        values = [f"{tag}={value!r}" for tag, value in exif.items()]
        problems = [f"EXIF tag {tag:#06x}" for tag in exif if tag in PERSONAL_TAGS]
        for ifd in (GPS_IFD, EXIF_IFD):
            inner = exif.get_ifd(ifd)
            values += [f"{ifd:#x}.{tag}={value!r}" for tag, value in inner.items()]
            if ifd == GPS_IFD and inner:
                problems.append("EXIF GPS position")
            problems += [f"EXIF tag {tag:#06x}" for tag in inner if tag in PERSONAL_TAGS]
        for key, value in image.info.items():
            values.append(f"{key}={value!r}")
            if key in PERSONAL_INFO and value:
                problems.append(f"image info {key}")
        values.append(repr(getattr(image, "text", {})))  # PNG text chunks
        if getattr(image, "text", None):
            problems.append("PNG text chunks")
    return "\n".join(values), problems


def _read(url: str, client) -> Served:
    if url.startswith(settings.MEDIA_URL):
        status, content_type, data = served_by_nginx(url)
        served = Served(status, content_type, data=data)
        if status == 404:
            name = unquote(url[len(settings.MEDIA_URL) :])
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as stored:
                    served.stored = stored.read()
        return served
    response = client.get(url)
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return Served(
        response.status_code,
        response.get("Content-Type", ""),
        unquote(response.get("Content-Disposition", "")),
        data if response.status_code == 200 else b"",
    )


def read_served(url: str, client) -> Served:
    """A file fetched, and its address, headers, metadata and text read as text; problems named."""
    served = _read(url, client)
    data = served.data or served.stored
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    parts = [unquote(url), served.content_type, served.disposition]
    if "html" in served.content_type or (data.lstrip()[:1] == b"<" and extension not in ("csv", "txt")):
        served.problems.append(f"served as HTML ({served.content_type or 'bytes'})")
    if data and (served.content_type in IMAGE_TYPES or url.startswith(settings.MEDIA_URL)):
        served.kind = "image"
        try:
            text, problems = image_text(data)
        except OSError:
            text, problems = data.decode("latin-1"), ["media file that is no image"]
        parts.append(text)
        served.problems += problems
    elif data:
        served.kind = "document"
        try:
            parts.append(document_text(data, extension))
        except Unreadable:
            served.problems.append("a served document the checks cannot read")
    served.text = "\n".join(parts)
    return served


def media_links(bodies: dict[str, str]) -> list[str]:
    """Every /media/ and /documents/ address in the crawled bodies, in order found, each once."""
    found: dict[str, None] = {}
    for body in bodies.values():
        body = HOST.sub(" ", body.replace("&amp;", "&"))  # the API's absolute download_url, made a path
        for match in MEDIA_LINK.finditer(body):
            found.setdefault(match.group(1).rstrip("."), None)
    return list(found)

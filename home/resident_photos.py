"""Photos that residents upload (proposal photos, grid request photos): cleaned before anything is stored.

- The bytes are sniffed by Pillow; the name and type the browser sent are never trusted. JPEG, PNG, WebP and
  HEIC/HEIF (phones) are accepted; HEIC is converted to JPEG. Anything else (an HTML page called photo.jpg) is
  refused.
- The size is capped in bytes before decoding and in pixels from the image header, before any pixel is decoded,
  so a decompression bomb (a small file that unpacks to gigabytes) is refused at once with a message.
- The image is decoded, turned upright, scaled down to at most MAX_SIDE pixels a side, and written again as a new
  image without any metadata: no EXIF (GPS position of the house, camera owner's name), no XMP, no comments, no
  trailing payload.
- The stored name is random, with the extension of the format written (never the resident's own file name, which
  often says where or when it was taken).
"""

import io
import secrets

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

pillow_heif.register_heif_opener()
# Pillow's own bomb guard: a header announcing more than twice this many pixels raises at once. Kept at
# Wagtail's admin limit so that editors' images keep Wagtail's message; resident photos have the lower cap below.
Image.MAX_IMAGE_PIXELS = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 50_000_000  # a 50-megapixel phone photo; more is no photo of a village road
MAX_SIDE = 2560
# Format found by Pillow -> format written, extension, content type.
WRITTEN = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "MPO": ("JPEG", "jpg", "image/jpeg"),  # phones' multi-picture JPEG: the first picture is kept
    "HEIF": ("JPEG", "jpg", "image/jpeg"),
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("WEBP", "webp", "image/webp"),
}
SAVE_OPTIONS = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 88}}
ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


def _format_error() -> ValidationError:
    return ValidationError(_("Please choose a photo in JPEG, PNG, WebP or HEIC format."), code="photo_format")


def _pixels_error(limit: int) -> ValidationError:
    return ValidationError(
        _("The photo has too many pixels: at most %(limit)s megapixels, please.") % {"limit": limit // 1_000_000},
        code="photo_pixels",
    )


def _bytes_error() -> ValidationError:
    return ValidationError(_("The photo is too large: at most 5 MB, please."), code="photo_bytes")


def plain_copy(image: Image.Image, written: str) -> Image.Image:
    """A new image with the same pixels and nothing else (no info, no EXIF, no ICC, no palette tricks)."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    if written == "JPEG" and image.mode != "RGB" and image.mode != "L":
        image = image.convert("RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


def clean_photo(upload, *, max_bytes: int = MAX_PHOTO_BYTES, max_pixels: int = MAX_PHOTO_PIXELS):
    """The upload decoded and written again without metadata, under a random name; ValidationError if refused."""
    if upload.size is not None and upload.size > max_bytes:
        raise _bytes_error()
    upload.seek(0)
    try:
        with Image.open(upload) as image:  # reads the header only
            found = image.format
            if found not in WRITTEN:
                raise _format_error()
            width, height = image.size
            if width * height > max_pixels:
                raise _pixels_error(max_pixels)
            written, extension, content_type = WRITTEN[found]
            image.seek(0)
            upright = ImageOps.exif_transpose(image)  # the orientation the EXIF data gave, then the EXIF goes
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            plain = plain_copy(upright, written)
    except Image.DecompressionBombError:
        raise _pixels_error(max_pixels) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError):
        raise _format_error() from None
    finally:
        upload.seek(0)
    out = io.BytesIO()
    plain.save(out, format=written, **SAVE_OPTIONS[written])
    return SimpleUploadedFile(f"{secrets.token_hex(16)}.{extension}", out.getvalue(), content_type=content_type)

"""Upload checks for the Wagtail admin, on top of Wagtail's own (extension, image format, size, pixel count).

Documents: the file's content must match its extension (a PDF starts with %PDF-, a .docx is a zip with a Word
part, ...), so an HTML page or an executable renamed to .pdf is refused, and the size is capped by
WAGTAILDOCS_MAX_UPLOAD_SIZE. Images: re-encoded by Pillow on upload, so what is stored is a plain image with no
metadata (phones write the GPS position of a villager's house into every photo) and no trailing payload.
Errors are in the editor's language.
"""

import io
import secrets
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from PIL import Image, ImageOps
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from . import document_checks
from .resident_photos import plain_copy

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls (Compound File Binary)
ZIP_MAGIC = b"PK\x03\x04"
# Office Open XML and OpenDocument files are zips; the member that says which kind of document it is.
ZIP_MARKERS = {
    "docx": lambda names, mimetype: "word/document.xml" in names,
    "xlsx": lambda names, mimetype: "xl/workbook.xml" in names,
    "odt": lambda names, mimetype: mimetype == b"application/vnd.oasis.opendocument.text",
    "ods": lambda names, mimetype: mimetype == b"application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_TYPES = {"csv", "txt"}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
            continue
        return True
    return False


def content_matches_extension(upload, extension: str) -> bool:
    """True if the file's bytes are what its extension says (sniffed, never trusted from the browser)."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls"):
        return head.startswith(OLE_MAGIC)
    if extension in ZIP_MARKERS:
        if not head.startswith(ZIP_MAGIC):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
        except (zipfile.BadZipFile, KeyError, OSError):
            return False
        finally:
            upload.seek(0)
        return ZIP_MARKERS[extension](names, mimetype)
    if extension in TEXT_TYPES:
        return _is_text(head)
    return False


class DocumentForm(BaseDocumentForm):
    store_masked = forms.BooleanField(
        label=_lazy("Store a copy with the numbers masked"),
        required=False,
        help_text=_lazy("For CSV and Excel files with full ID, mobile or bank card numbers."),
    )

    def clean(self):
        """No full personal number in the title, file name or text (home.document_checks)."""
        data = super().clean()
        collection = data.get("collection") or getattr(self.instance, "collection", None)
        if document_checks.is_private(collection) and not document_checks.linked_from_live_page(self.instance):
            return data
        try:
            if "title" in self.fields:
                document_checks.check_title(data.get("title", ""))
            upload = data.get("file")
            if upload and hasattr(upload, "content_type") and not self.has_error("file"):
                data["file"] = document_checks.check_upload(
                    upload, _extension(upload.name), store_masked=bool(data.get("store_masked"))
                )
        except ValidationError as error:
            self.add_error("title" if error.code == "personal_number_title" else "file", error)
        return data

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):  # no new file on an edit
            return upload
        limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        if limit and upload.size > limit:
            raise ValidationError(
                _("This file is %(size)s; documents can be at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        extension = _extension(upload.name)
        if not content_matches_extension(upload, extension):
            raise ValidationError(
                _(
                    "This file is not a real %(type)s file. Upload PDF, Word, Excel, OpenDocument, CSV or "
                    "plain-text documents only, saved by the program that made them."
                )
                % {"type": extension.upper() or _("document")},
                code="content_mismatch",
            )
        return upload


REENCODE_EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
REENCODE = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}


def reencode_image(upload) -> SimpleUploadedFile | None:
    """The image decoded and written again by Pillow, without metadata; None for formats left alone (GIF, SVG)."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt = image.format
            if fmt not in REENCODE:
                return None
            image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF data gave
            # Pixels only: Pillow writes a JPEG's comment ("home of Wang") and a PNG's text chunks back from
            # image.info when it saves, so the original's metadata must not travel with the image.
            image = plain_copy(image, fmt)
            out = io.BytesIO()
            image.save(out, format=fmt, **REENCODE[fmt])
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    # A random name with the extension of the format written: the editor's file name (IMG_20261202_home.jpg, or a
    # name with an ID number in it) would otherwise be in every rendition's public address.
    name = f"{secrets.token_hex(16)}.{REENCODE_EXTENSION[fmt]}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=Image.MIME.get(fmt, "image/" + fmt.lower()))


class ImageForm(BaseImageForm):
    def clean(self):
        """No full personal number in the title: it is the image's alt text on every page that shows it."""
        data = super().clean()
        if "title" in self.fields:
            try:
                document_checks.check_title(data.get("title", ""))
            except ValidationError as error:
                self.add_error("title", error)
        return data

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "image"):  # no new file on an edit
            return upload
        clean = reencode_image(upload)
        if clean is None:
            return upload
        clean.image, clean.content_type = upload.image, clean.content_type
        return clean

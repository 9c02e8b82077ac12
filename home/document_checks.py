"""Documents in the admin: no full personal number in the title, the file name or the text (DOMAIN.md §5).

Called by home.uploads.DocumentForm for every document outside a private collection (one with a view
restriction): whatever is uploaded elsewhere can be linked from a public page, and its title and file name are
in the link text, the file's address and /api/v2/documents/. A refused CSV or XLSX file can be stored as a
masked copy instead (the form's "store a masked copy" box). Messages are in the editor's language.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from home.privacy import documents as document_scan

MAX_PLACES = 10


def place_label(place: tuple) -> str:
    kind, *values = place
    if kind == "row":
        return _("row %(number)s") % {"number": values[0]}
    if kind == "line":
        return _("line %(number)s") % {"number": values[0]}
    if kind == "sheet row":
        return _("sheet “%(sheet)s” row %(number)s") % {"sheet": values[0], "number": values[1]}
    if kind == "paragraph":
        return _("paragraph %(number)s") % {"number": values[0]}
    if kind == "table row":
        return _("table %(table)s row %(number)s") % {"table": values[0], "number": values[1]}
    if kind == "page":
        return _("page %(number)s") % {"number": values[0]}
    if kind == "header":
        return _("header or footer")
    if kind == "properties":
        return _("document properties")
    return _("the text of the file")


def places_text(places: list[tuple]) -> str:
    shown = ", ".join(place_label(place) for place in places[:MAX_PLACES])
    if len(places) > MAX_PLACES:
        shown += " " + _("and %(count)s more") % {"count": len(places) - MAX_PLACES}
    return shown


def is_private(collection) -> bool:
    return collection is not None and collection.get_view_restrictions().exists()


def check_title(title: str) -> None:
    masked = document_scan.find_in_text(title or "")
    if masked:
        raise ValidationError(
            _("The title shows a full personal number (%(masked)s). Leave it out or write it masked.")
            % {"masked": masked},
            code="personal_number_title",
        )


def check_upload(upload, extension: str, *, store_masked: bool):
    """The upload, or its masked copy when asked for; ValidationError naming where full numbers are."""
    masked = document_scan.find_in_text(upload.name)
    if masked:
        raise ValidationError(
            _("The file name shows a full personal number (%(masked)s). Rename the file and upload it again.")
            % {"masked": masked},
            code="personal_number_file_name",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        scan = document_scan.scan_document(data, extension)
    except document_scan.Unreadable:
        raise ValidationError(
            _(
                "This file cannot be checked for personal numbers (it is locked with a password, damaged or too "
                "large). Save it again without a password, or split it."
            ),
            code="personal_number_unreadable",
        ) from None
    if not scan:
        return upload
    maskable = extension in document_scan.MASKABLE
    if store_masked and maskable:
        copy = document_scan.masked_copy(data, extension)
        if not document_scan.scan_document(copy, extension):
            return SimpleUploadedFile(upload.name, copy, content_type=getattr(upload, "content_type", None))
    message = _("This file shows full personal numbers (for example %(masked)s) in: %(places)s.") % {
        "masked": scan.example,
        "places": places_text(scan.places),
    }
    if maskable:
        message += " " + _(
            "Tick “Store a copy with the numbers masked” and choose the file again to store the masked copy."
        )
    else:
        message += " " + _("Publish a copy with the numbers masked (such as 4201**********1234, 138****5678).")
    raise ValidationError(message, code="personal_numbers")

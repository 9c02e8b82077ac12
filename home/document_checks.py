"""Documents in the admin: no full personal number in the title, the file name or the text (DOMAIN.md §5).

Called by home.uploads.DocumentForm for every document outside a private collection (one with a view
restriction): whatever is uploaded elsewhere can be linked from a public page, and its title and file name are
in the link text, the file's address and /api/v2/documents/. A refused CSV or XLSX file can be stored as a
masked copy instead (the form's "store a masked copy" box). Messages are in the editor's language.

A document in a private collection is not checked at upload, so the publish guard (home.privacy.guard) checks
every document a page links (linked_document_problems) when the page is published. The text scan of a file is
cached by the file's hash: publishing a notice with twenty attachments does not read twenty files again. A
private document that a live page already links is checked at upload as well (linked_from_live_page).
"""

import hashlib
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext as _

from home.privacy import documents as document_scan
from home.privacy.detect import mask_all

MAX_PLACES = 10
# Bumped when the detector or the readers change, so that files cached as clean are read again.
SCAN_VERSION = 1
SCAN_CACHE_SECONDS = 60 * 60 * 24 * 30
UNREADABLE = "unreadable"


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


def linked_from_live_page(document) -> bool:
    """A document already linked from a live page (Wagtail's reference index): a new file or title for it is
    public at once, so it is checked at upload even in a private collection."""
    if document is None or not document.pk:
        return False
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    pages = ReferenceIndex.get_references_to(document).filter(base_content_type=ContentType.objects.get_for_model(Page))
    ids = [int(pk) for pk in pages.values_list("object_id", flat=True) if str(pk).isdigit()]
    return bool(ids) and Page.objects.live().filter(pk__in=ids).exists()


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
    problem = _file_name_problem(upload.name)
    if problem:
        raise problem
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        scan = document_scan.scan_document(data, extension)
    except document_scan.Unreadable:
        raise _unreadable() from None
    if not scan:
        return upload
    if store_masked and extension in document_scan.MASKABLE:
        copy = document_scan.masked_copy(data, extension)
        if not document_scan.scan_document(copy, extension):
            return SimpleUploadedFile(upload.name, copy, content_type=getattr(upload, "content_type", None))
    raise _found_in_file(scan, extension)


def _file_name_problem(name: str) -> ValidationError | None:
    masked = document_scan.find_in_text(name)
    if not masked:
        return None
    return ValidationError(
        _("The file name shows a full personal number (%(masked)s). Rename the file and upload it again.")
        % {"masked": masked},
        code="personal_number_file_name",
    )


def _unreadable() -> ValidationError:
    return ValidationError(
        _(
            "This file cannot be checked for personal numbers (it is locked with a password, damaged or too "
            "large). Save it again without a password, or split it."
        ),
        code="personal_number_unreadable",
    )


def _found_in_file(scan: document_scan.Scan, extension: str) -> ValidationError:
    maskable = extension in document_scan.MASKABLE
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
    return ValidationError(message, code="personal_numbers")


# -- documents linked from a page being published -------------------------------------------------------------


def _document_ids(instance: models.Model, document_model) -> Iterator[int]:
    """The documents an object (a page or a revision's page, in memory) links: foreign keys (a notice's
    attachments), DocumentChooserBlocks in streams and <a linktype="document"> in rich text, its inline
    children's too. Read with the fields' own extract_references (Wagtail's reference index uses them), so any
    page model's fields are found without this module knowing the feature apps."""
    from modelcluster.models import ClusterableModel, get_all_child_relations

    for field in instance._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is document_model:
            value = field.value_from_object(instance)
            if value is not None:
                yield int(value)
        elif hasattr(field, "extract_references"):
            value = field.value_from_object(instance)
            if value is None:
                continue
            for model, object_id, _model_path, _content_path in field.extract_references(value):
                if model is not None and issubclass(model, document_model) and str(object_id).isdigit():
                    yield int(object_id)
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            if relation.get_accessor_name() == "wagtail_admin_comments":
                continue
            for child in getattr(instance, relation.get_accessor_name()).all():
                yield from _document_ids(child, document_model)


def linked_documents(instance: models.Model) -> list[Any]:
    """Every document the object links, in one query."""
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    ids = list(dict.fromkeys(_document_ids(instance, document_model)))
    if not ids:
        return []
    found = document_model.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _scan_key(file_hash: str, extension: str) -> str:
    return f"document-scan:{SCAN_VERSION}:{file_hash}:{extension}"


def _read(document) -> bytes | None:
    """The stored file's bytes, None when it is missing (nothing there to show). A document stored without its
    hash (made in code, not through the admin's form) gets it now, so that the next check finds the cache."""
    name = document.file.name if document.file else ""
    if not name or not document.file.storage.exists(name):
        return None
    with document.file.storage.open(name, "rb") as stored:
        data = stored.read()
    if not document.file_hash:
        # The same digest as Wagtail's hash_filelike; an identity, not security.
        document.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324
        type(document).objects.filter(pk=document.pk).update(file_hash=document.file_hash)
    return data


def _scan(data: bytes, extension: str) -> document_scan.Scan | str:
    try:
        return document_scan.scan_document(data, extension)
    except document_scan.Unreadable:
        return UNREADABLE


def cached_scans(documents: list[Any]) -> dict[int, document_scan.Scan | str | None]:
    """Each document's scan (None: no file), from the cache by file hash when the same file was read before;
    a file is read at most once per call, however many documents hold it."""
    keys = {d.pk: _scan_key(d.file_hash, d.file_extension) for d in documents if d.file_hash}
    cached = cache.get_many(list(set(keys.values())))
    scans, fresh = {}, {}
    for document in documents:
        key = keys.get(document.pk)
        if key in cached or key in fresh:
            places, example = cached[key] if key in cached else fresh[key]
            scans[document.pk] = UNREADABLE if places == UNREADABLE else document_scan.Scan(places, example)
            continue
        data = _read(document)
        if data is None:
            scans[document.pk] = None
            continue
        key = _scan_key(document.file_hash, document.file_extension)
        if key in fresh:  # the same file under another document, hashed just now
            places, example = fresh[key]
            scans[document.pk] = UNREADABLE if places == UNREADABLE else document_scan.Scan(places, example)
            continue
        scan = scans[document.pk] = _scan(data, document.file_extension)
        fresh[key] = (UNREADABLE, "") if scan == UNREADABLE else (scan.places, scan.example)
    if fresh:
        cache.set_many(fresh, SCAN_CACHE_SECONDS)
    return scans


def document_problem(document, scan) -> ValidationError | None:
    """Why this document cannot be linked from a public page (its title, file name or text), or None."""
    try:
        check_title(document.title)
    except ValidationError as problem:
        return problem
    problem = _file_name_problem(document.file.name if document.file else "")
    if problem:
        return problem
    if scan == UNREADABLE:
        return _unreadable()
    if scan:
        return _found_in_file(scan, document.file_extension)
    return None


def linked_document_problems(instance: models.Model) -> list[str]:
    """One message per linked document that shows a full personal number, the document named (masked) — in
    the active language. Checked whatever the document's collection: a private one was not checked at upload."""
    documents = linked_documents(instance)
    if not documents:
        return []
    scans = cached_scans(documents)
    messages = []
    for document in documents:
        problem = document_problem(document, scans[document.pk])
        if problem is not None:
            messages.append(
                _("The linked document “%(document)s”: %(problem)s")
                % {"document": mask_all(document.title), "problem": " ".join(problem.messages)}
            )
    return messages

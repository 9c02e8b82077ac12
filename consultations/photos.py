"""A proposal photo: cleaned (type, size, pixels, metadata, name), stored as a Wagtail image in the village's
collection."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from home import resident_photos
from home.resident_photos import clean_photo

from .models import Proposal
from .services import ConsultationError

MAX_PHOTO_BYTES = resident_photos.MAX_PHOTO_BYTES


def check_photo(upload: UploadedFile) -> UploadedFile:
    """The photo cleaned by home.resident_photos (sniffed, capped, re-encoded without metadata, random name)."""
    try:
        return clean_photo(upload)
    except ValidationError as error:
        raise ConsultationError(error.messages[0]) from None


def store_photo(upload: UploadedFile, *, village, user, title: str):
    """Save a checked upload as a Wagtail image in the village's media collection (editors can manage it there)."""
    clean = check_photo(upload)
    image_model = get_image_model()
    image = image_model(title=title[:255] or _("Photo"), file=clean, uploaded_by_user=user)
    if village is not None and village.collection_id:
        image.collection_id = village.collection_id
    image._set_image_file_metadata()
    image.save()
    return image


def discard_if_unused(image_id: int) -> bool:
    """Delete a proposal photo that nothing shows any more: no proposal, and no page or snippet that an editor
    put it in (Wagtail's reference index). Wagtail removes the file and its renditions with the image."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None or Proposal.objects.filter(photo_id=image_id).exists():
        return False
    if ReferenceIndex.get_references_to(image).exists():
        return False
    image.delete()
    return True


def resident_photo_ids():
    """The images residents uploaded with their proposals (a subquery): kept out of the public images API."""
    return Proposal.objects.filter(photo__isnull=False).values("photo_id")


def hide_withdrawn_photo(image_id: int) -> int:
    """A withdrawn proposal's photo leaves public view: its renditions (the only public files of an image; the
    original is not served) are deleted, files included. Returns how many were removed."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None or ReferenceIndex.get_references_to(image).exists():
        return 0  # an editor also shows it in a page: that page keeps it
    removed = 0
    for rendition in image.renditions.all():
        rendition.delete()  # Wagtail's signal removes the file once committed
        removed += 1
    return removed

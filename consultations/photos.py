"""A proposal photo: checked (type, size, really an image), stored as a Wagtail image in the village collection."""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from .models import Proposal
from .services import ConsultationError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def check_photo(upload: UploadedFile) -> None:
    """Refuse anything but a JPEG, PNG or WebP photo of at most 5 MB, whatever the browser claims."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ConsultationError(_("The photo is too large: at most 5 MB, please."))
    if upload.content_type not in PHOTO_TYPES:
        raise ConsultationError(_("Please choose a photo in JPEG, PNG or WebP format."))
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            found = image.format
            image.verify()
    except Exception:
        found = None
    finally:
        upload.seek(0)
    if found not in PHOTO_TYPES.values():
        raise ConsultationError(_("Please choose a photo in JPEG, PNG or WebP format."))


def store_photo(upload: UploadedFile, *, village, user, title: str):
    """Save a checked upload as a Wagtail image in the village's media collection (editors can manage it there)."""
    check_photo(upload)
    image_model = get_image_model()
    image = image_model(title=title[:255] or upload.name, file=upload, uploaded_by_user=user)
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

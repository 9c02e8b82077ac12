"""Re-encode the resident photos stored before uploads were cleaned (home/resident_photos.py): grid request photos
and proposal photos get a new file without metadata under a random name; the old file is deleted.

    manage.py clean_resident_photos [--dry-run]

Photos already cleaned (a random name of 32 hex digits) are left alone, so the command can be run again.
"""

import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction

from home.resident_photos import clean_photo

CLEAN_NAME = re.compile(r"(^|/)[0-9a-f]{32}\.(jpg|png|webp)$")


def _cleaned(field_file):
    """The cleaned upload of a stored file; None if it is already clean, gone, or no photo (left for a person)."""
    if not field_file or CLEAN_NAME.search(field_file.name) or not field_file.storage.exists(field_file.name):
        return None
    with field_file.storage.open(field_file.name, "rb") as stored:
        stored.size = field_file.size
        try:
            return clean_photo(stored, max_bytes=field_file.size + 1, max_pixels=10**9)
        except ValidationError:
            return None


class Command(BaseCommand):
    help = "Re-encode resident photos stored before cleaning (no EXIF, random names)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        from wagtail.images import get_image_model

        from consultations.models import Proposal
        from grid.models import ResidentRequest

        done = 0
        for request in ResidentRequest.objects.exclude(photo="").iterator():
            clean = _cleaned(request.photo)
            if clean is None:
                continue
            done += 1
            if not dry_run:
                old = request.photo.name
                request.photo.save(clean.name, clean, save=False)
                ResidentRequest.objects.filter(pk=request.pk).update(photo=request.photo.name)
                request.photo.storage.delete(old)
        image_ids = Proposal.objects.filter(photo__isnull=False).values("photo_id")
        for image in get_image_model().objects.filter(pk__in=image_ids).iterator():
            clean = _cleaned(image.file)
            if clean is None:
                continue
            done += 1
            if not dry_run:
                old, storage = image.file.name, image.file.storage
                with transaction.atomic():
                    image.renditions.all().delete()
                    image.file.save(clean.name, clean, save=False)
                    image._set_image_file_metadata()
                    image.save()
                storage.delete(old)
        verb = "would clean" if dry_run else "cleaned"
        self.stdout.write(f"{verb} {done} photo(s)")

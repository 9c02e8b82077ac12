"""Re-encode the images editors uploaded before the admin's image form cleaned them (home/uploads.py): each gets
a new file with the pixels only (no EXIF GPS position, camera owner, comment, XMP) under a random name, and its
renditions are deleted, so that the next page view writes them from the clean file. Wagtail names a rendition
after the original's stored name (its first 60 characters), so the old name (IMG_20261202_home.jpg, or a name
with an ID number) leaves every public address with it.

    manage.py scrub_images [--dry-run]

Images already stored under a random name (32 hex digits) are left alone, so the command can be run again; so
are formats Pillow does not re-encode here (GIF, SVG: listed, for a person to replace). Resident photos go
through the same re-encoding (manage.py clean_resident_photos uses the resident photo caps instead).
"""

import re

from django.core.management.base import BaseCommand
from django.db import transaction

from home.uploads import reencode_image

CLEAN_NAME = re.compile(r"(^|/)[0-9a-f]{32}\.(jpg|png|webp)$")  # as home.uploads and home.resident_photos name


class Command(BaseCommand):
    help = "Re-encode images stored before uploads were cleaned (no metadata, random names, fresh renditions)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        from wagtail.images import get_image_model

        done, left = 0, []
        for image in get_image_model().objects.order_by("pk").iterator():
            name, storage = image.file.name, image.file.storage
            if not name or CLEAN_NAME.search(name) or not storage.exists(name):
                continue
            with storage.open(name, "rb") as stored:
                clean = reencode_image(stored)
            if clean is None:
                left.append(f"{image.pk} {name}")
                continue
            done += 1
            if dry_run:
                continue
            with transaction.atomic():
                for rendition in image.renditions.all():
                    rendition.delete()  # Wagtail's signal removes the file once committed
                image.file.save(clean.name, clean, save=False)
                image._set_image_file_metadata()
                image.save()
            storage.delete(name)
        verb = "would re-encode" if dry_run else "re-encoded"
        self.stdout.write(f"{verb} {done} image(s)")
        for line in left:
            self.stdout.write(f"left as it is (format not re-encoded): {line}")

"""manage.py backup: a consistent archive of the database and the media files, with a manifest."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Write a backup archive (database dump, media, manifest with row counts and a ballot checksum)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=None, help="Folder for the archive (BACKUP_DIR).")
        parser.add_argument("--media-root", type=Path, default=None, help="Media folder (MEDIA_ROOT).")

    def handle(self, *args, output_dir=None, media_root=None, **options):
        try:
            archive = create_backup(Path(output_dir or settings.BACKUP_DIR), media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = read_manifest(archive)
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"{archive}\n{len(manifest['row_counts'])} tables, {rows} rows, {manifest['media_files']} media files, "
            f"ballots {manifest['ballot_checksum']}"
        )

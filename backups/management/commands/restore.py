"""manage.py restore ARCHIVE: bring a backup back into an empty database, then check it against the manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (and the media folder), then verify row counts."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--database-url", default=None, help="Target database (default: the configured one).")
        parser.add_argument("--media-root", type=Path, default=None, help="Media folder (MEDIA_ROOT).")

    def handle(self, *args, archive, database_url=None, media_root=None, **options):
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            manifest = restore_backup(archive, database_url=database_url, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Restored {len(manifest['row_counts'])} tables, {rows} rows, {manifest['media_files']} media files; "
            f"row counts and ballots ({manifest['ballot_checksum']}) match the manifest."
        )

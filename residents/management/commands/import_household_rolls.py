"""The household rolls of the whole county from the command line (residents.county_rolls)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from residents.county_rolls import collect, import_all
from residents.roll import RollFileError

from ..progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Import household rolls for many villages: a folder of CSV/XLSX files (one per village, named by its code, "
        "or with a 统计用区划代码 column) or one file with that column. Checked whole first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="A folder of roll files, or one file with a village column.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only; write nothing.")

    def handle(self, *args, **options) -> None:
        county = collect(options["path"])
        for error in county.errors:
            self.stdout.write(self.style.ERROR(f"  {error}"))
        if county.errors:
            raise CommandError(_("%(count)d problems: nothing was written.") % {"count": len(county.errors)})
        for roll in county.rolls.values():
            self.stdout.write(f"  {roll.village.township} {roll.village.name}: {len(roll.rows)}")
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            jobs = import_all(county, progress=ProgressBar(self.stdout, _("Villages")))
        except RollFileError as exc:
            raise CommandError(str(exc)) from exc
        for job in jobs:
            summary = _("%(matched)d matched, %(created)d created, %(rejected)d rejected") % job.counts()
            self.stdout.write(f"  {job.village.name}: {summary}")
            for entry in job.report:
                if entry["outcome"] == "rejected":
                    self.stdout.write(self.style.WARNING(f"    {entry['file']} {entry['row']}: {entry['message']}"))

"""Import the county's village register: villages, page trees, committee accounts (residents.onboarding)."""

import csv
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from residents.onboarding import RegisterRefused, apply_register
from residents.tables import TableError, read_table
from residents.village_register import RegisterFileError, RegisterPlan, plan_register

from ..progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Create or update the villages of the county's register (CSV or XLSX) with their pages, media collection, "
        "committee group and one committee account each. Nothing is written if any row is refused."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The register: CSV (UTF-8 or GBK) or XLSX.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only; write nothing.")
        parser.add_argument(
            "--passwords",
            type=Path,
            help="Where to write the new accounts' one-time passwords (CSV, readable by the owner only). "
            "Default: committee-passwords-<time>.csv in the current folder.",
        )

    def handle(self, *args, **options) -> None:
        try:
            table, kind = read_table(options["file"].read_bytes())
            plan = plan_register(table)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except (TableError, RegisterFileError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{options['file'].name} ({kind}): {len(plan.rows)} rows")
        if not plan.ok or options["dry_run"]:
            self._report(plan)
            if not plan.ok:
                raise CommandError(_("%(count)d rows refused: nothing was written.") % {"count": len(plan.bad_rows)})
            self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            plan, credentials = apply_register(table, progress=ProgressBar(self.stdout, _("Villages")))
        except RegisterRefused as refused:
            self._report(refused.plan)
            count = len(refused.plan.bad_rows)
            raise CommandError(_("%(count)d rows refused: nothing was written.") % {"count": count}) from None
        self._summary(plan)
        if credentials:
            path = options["passwords"] or Path(f"committee-passwords-{timezone.now():%Y%m%d-%H%M%S}.csv")
            self._write_passwords(path, credentials)
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "%(count)d committee accounts made; their one-time passwords are in %(path)s. "
                        "Print it, then delete it."
                    )
                    % {"count": len(credentials), "path": path}
                )
            )
        else:
            self.stdout.write(_("No new committee accounts: every village already had one."))

    def _report(self, plan: RegisterPlan) -> None:
        for row in plan.rows:
            if row.errors:
                self.stdout.write(self.style.ERROR(f"  {_('row')} {row.number}: {' '.join(row.errors)}"))
            elif row.action != "unchanged":
                self.stdout.write(f"  {_('row')} {row.number}: {row.action} {row.township} {row.name} ({row.code})")
        self._summary(plan)

    def _summary(self, plan: RegisterPlan) -> None:
        self.stdout.write(
            _("%(create)d to create, %(update)d to update, %(unchanged)d unchanged, %(refused)d refused")
            % plan.counts()
        )

    @staticmethod
    def _write_passwords(path: Path, credentials) -> None:
        # Created readable by its owner only: the file holds working passwords until each committee changes its own.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["division_code", "township", "village", "username", "password"])
            for c in credentials:
                writer.writerow([c.division_code, c.township, c.village, c.username, c.password])

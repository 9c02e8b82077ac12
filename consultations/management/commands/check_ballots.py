"""manage.py check_ballots: report any ballot data that breaks an integrity rule (consultations/integrity.py)."""

from django.core.management.base import BaseCommand, CommandError

from consultations.integrity import findings, set_aside


class Command(BaseCommand):
    help = "Check every question's participations, ballot box, receipts and paper batches; list duplicates."

    def handle(self, *args, **options) -> None:
        for finding in set_aside():
            self.stdout.write(f"question {finding.question_id}: set aside, not counted: {finding.problem}")
        found = findings()
        for finding in found:
            self.stdout.write(f"question {finding.question_id}: {finding.problem}")
        if found:
            raise CommandError(f"{len(found)} finding(s).")
        self.stdout.write(self.style.SUCCESS("Ballots consistent: every participation counted once, in one tally."))

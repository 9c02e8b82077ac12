from django.core.management.base import BaseCommand

from consultations.tasks import announce_phases


class Command(BaseCommand):
    help = "Tell followers that a consultation phase opened (run every few minutes from cron or a worker)."

    def handle(self, *args, **options):
        result = announce_phases.call()
        self.stdout.write(f"{result} notifications")

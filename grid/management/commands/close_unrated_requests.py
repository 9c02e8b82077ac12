from django.core.management.base import BaseCommand

from grid.services import AUTO_CLOSE_DAYS, close_unrated


class Command(BaseCommand):
    help = f"Close requests answered more than {AUTO_CLOSE_DAYS} days ago without a satisfaction rating (run daily)."

    def handle(self, *args, **options) -> None:
        count = close_unrated()
        self.stdout.write(f"Closed {count} unrated request(s).")

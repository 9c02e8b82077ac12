"""`manage.py clear_portal_caches`: after a write that sent no signal (an import with queryset.update() or
bulk_create(), raw SQL, a restore), so that no cached page shows the old rows (docs/caching.md)."""

from django.core.management.base import BaseCommand

from home.caches import clear_portal_caches


class Command(BaseCommand):
    help = "Forget every cached page, lookup and route (after writes that bypass signals: imports, raw SQL)."

    def handle(self, *args, **options) -> None:
        cleared = clear_portal_caches()
        self.stdout.write(self.style.SUCCESS(f"Cleared: {', '.join(cleared)}."))

"""Build the demo county. Safe to run again: what exists is kept, what is missing is added."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each feature app contributes its own demo content, in this order (villages and accounts first).
SEEDERS = [
    "home.demo",
    "residents.demo",
    "notices.demo",
    "village_rules.demo",
    "consultations.demo",
    "council.demo",
    "legal_aid.demo",
    "grid.demo",
    "village_rules.demo_revisions",
    "residents.demo_mfa",  # last: every staff account exists by now
]


class Command(BaseCommand):
    help = "Create or complete the demo county: villages, pages and demo accounts (password: changeme)."

    def handle(self, *args, **options) -> None:
        for module_name in SEEDERS:
            import_module(module_name).seed(lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(self.style.SUCCESS("Demo county ready."))

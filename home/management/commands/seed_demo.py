"""Build the demo county. Safe to run again: what exists is kept, what is missing is added."""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo_mail import demo_mail_to
from home.welcome import welcome_lines

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
    "search.demo",
    "residents.demo_mfa",  # last: every staff account exists by now
]


class Command(BaseCommand):
    help = "Create or complete the demo county: villages, pages and demo accounts (password: changeme)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--mail-dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "demo-mail",
            help="Where the demo county's e-mails are written instead of being sent (default: demo-mail/).",
        )
        parser.add_argument(
            "--address",
            default=settings.WAGTAILADMIN_BASE_URL,
            help="The portal's address, printed at the end with the demo accounts.",
        )
        parser.add_argument(
            "--no-welcome",
            action="store_true",
            help="Do not end with the address and the demo accounts (make run prints them after the server's lines).",
        )

    def handle(self, *args, **options) -> None:
        with demo_mail_to(options["mail_dir"]) as mail:
            for module_name in _seeders():
                import_module(module_name).seed(lambda message: self.stdout.write(f"  {message}"))
        if mail.sent:
            where = _shown(options["mail_dir"])
            self.stdout.write(f"  e-mails: {mail.sent} to demo accounts, written to {where}/ (not sent)")
        self.stdout.write(self.style.SUCCESS("Demo county ready."))
        if not options["no_welcome"]:
            self.stdout.write("\n".join(["", *welcome_lines(options["address"])]))


def _seeders() -> list[str]:
    """The base's list, with the seeders the feature apps registered (home.registry) before the last one, which
    needs every staff account to exist."""
    from home import registry

    registered = [name for name in registry.demo_seeders() if name not in SEEDERS]
    return [*SEEDERS[:-1], *registered, SEEDERS[-1]]


def _shown(directory: Path) -> str:
    """The directory relative to the project when it is inside it (demo-mail), else in full."""
    try:
        return str(directory.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(directory)

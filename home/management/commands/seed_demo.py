"""Build the demo county. Safe to run again: what exists is kept, what is missing is added."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo_mail import demo_mail_to
from home.seeding import seeders
from home.welcome import welcome_lines


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
            # Each installed app's demo module seeds its part, after the seeders it needs (home.seeding).
            for seeder in seeders():
                seeder.seed(lambda message: self.stdout.write(f"  {message}"))
        if mail.sent:
            where = _shown(options["mail_dir"])
            self.stdout.write(f"  e-mails: {mail.sent} to demo accounts, written to {where}/ (not sent)")
        self.stdout.write(self.style.SUCCESS("Demo county ready."))
        if not options["no_welcome"]:
            self.stdout.write("\n".join(["", *welcome_lines(options["address"])]))


def _shown(directory: Path) -> str:
    """The directory relative to the project when it is inside it (demo-mail), else in full."""
    try:
        return str(directory.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(directory)

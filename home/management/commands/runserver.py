"""Django's development server (with staticfiles' handler), which can end its start-up lines with a welcome.

`make run` starts it with --welcome: after "Starting development server at ..." and Django's warning come the
portal's address and the demo accounts (home/welcome.py), so they are the last lines on the screen.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserverCommand

from home.welcome import welcome_lines


class Command(StaticfilesRunserverCommand):
    welcome = False

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--welcome",
            action="store_true",
            help="After the server's own lines, print its address and the demo accounts.",
        )

    def handle(self, *args, **options) -> None:
        self.welcome = options["welcome"]
        super().handle(*args, **options)

    def on_bind(self, server_port: int) -> None:
        super().on_bind(server_port)
        if self.welcome:
            host = f"[{self.addr}]" if self._raw_ipv6 else ("0.0.0.0" if self.addr == "0" else self.addr)  # noqa: S104
            self.stdout.write("\n".join(["", *welcome_lines(f"{self.protocol}://{host}:{server_port}/")]))

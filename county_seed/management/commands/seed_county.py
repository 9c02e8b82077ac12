"""`manage.py seed_county`: generate a county at scale for benchmarks (county_seed.generator; docs/county.md)."""

from django.core.management.base import BaseCommand, CommandError

from county_seed.generator import AlreadySeeded, RegisterRefused, Sizes, seed_county


class Command(BaseCommand):
    help = (
        "Generate a county of plausible villages with years of notices, residents, consultations, ballots, "
        "requests and meetings (for benchmarks; refuses to run twice over the same county)."
    )

    def add_arguments(self, parser) -> None:
        defaults = Sizes()
        parser.add_argument("--villages", type=int, default=defaults.villages)
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument(
            "--residents-percent",
            type=float,
            default=defaults.residents_percent,
            help="Residents with an account, as a percentage of each village's adult villagers.",
        )
        parser.add_argument("--seed", type=int, default=defaults.seed, help="The same seed gives the same county.")

    def handle(self, *args, **options) -> None:
        if options["villages"] < 1 or options["years"] < 1 or options["residents_percent"] <= 0:
            raise CommandError("--villages and --years must be at least 1, --residents-percent more than 0.")
        sizes = Sizes(options["villages"], options["years"], options["residents_percent"], options["seed"])
        try:
            report = seed_county(sizes, log=self._progress)
        except (AlreadySeeded, RegisterRefused, ValueError) as error:
            raise CommandError(str(error)) from error
        for name, count in report.counts.items():
            self.stdout.write(f"  {name}: {count:,}")
        for name, seconds in report.seconds.items():
            self.stdout.write(f"  time, {name}: {seconds:.1f} s")
        self.stdout.write(self.style.SUCCESS("County generated."))

    def _progress(self, message: str) -> None:
        self.stdout.write(f"  {message}")
        self.stdout.flush()  # shown as it happens, also when the output goes to a file or a pipe

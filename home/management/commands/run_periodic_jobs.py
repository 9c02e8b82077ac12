"""The portal's periodic jobs, due or not: run every few minutes by deploy/cunwu-periodic.timer, and by `make run`
beside the development server (--every).

Each job is safe to run at any time and as often as one likes: a phase is announced once (PhaseNotice is unique
per consultation and phase), a request is closed once. So a missed or doubled run changes nothing but timing.
"""

import logging
import time

from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)


def run_due_jobs() -> dict[str, int]:
    from consultations.tasks import announce_phases
    from grid.services import close_unrated
    from home import registry

    done = {"phase announcements": announce_phases.call(), "requests closed unrated": close_unrated()}
    # What the feature apps registered from their AppConfig.ready (home.registry).
    for name, job in registry.periodic_jobs().items():
        done[name] = job()
    return done


class Command(BaseCommand):
    help = "Run the periodic jobs (phase announcements, closing unrated requests) once, or every N seconds."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Keep running, once every this many seconds.")

    def handle(self, *args, every: int = 0, **options) -> None:
        if every <= 0:
            self._run_once()
            return
        while True:
            try:
                self._run_once()
            except Exception:  # e.g. SQLite busy beside runserver: the next round does the same work
                logger.exception("Periodic jobs failed; trying again in %s s", every)
            time.sleep(every)

    def _run_once(self) -> None:
        done = run_due_jobs()
        self.stdout.write("; ".join(f"{name}: {count}" for name, count in done.items()))

"""Cast ballots through the real HTTP views, with N concurrent clients, against gunicorn + PostgreSQL.

    .venv/bin/python bench/vote_throughput.py [--ballots 2000] [--clients 16] [--workers 2×CPUs+1] [--threads 1]
                                              [--worker-class sync] [--settle 1.0] [--settle-timeout 240]

Creates its own database (vc_bench_votes on 127.0.0.1:5432, user postgres), migrates it, seeds one village,
one consultation in its voting phase with a secret yes/no question and one signed-in verified resident per
ballot, starts gunicorn on a loopback port, lets the clients vote once each, prints ballots/s, p50/p99
latency and errors, checks stored = cast in the database (ballot boxes and participations), then stops the
server and drops the database. --db names the database, so that two trees can be measured side by side.
Loopback only; every request has a timeout and the run is bounded by --ballots.

Seeding 2,000 voters (and gunicorn's start) leaves the 1-minute load average at 2-3 on two cores, and a run started
then measures the seeding's tail as much as the votes: --settle waits, before the clients start, until the 1-minute
load average is at most that figure (at most --settle-timeout seconds; 0 = do not wait), and the figures printed
say what the load was when they began. While the clients vote, the database's sessions are sampled every 20 ms:
how many wait for a lock (the question's ballot box is one row, locked by every ballot until its commit).
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
# --db NAME, read before Django is set up: two trees' runs side by side each need their own database.
DB_NAME = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else "vc_bench_votes"

sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def seed(ballots: int) -> tuple[str, int, list[str], str]:
    """The vote URL, the 'yes' option, one session key per voter and the CSRF secret the clients share."""
    import datetime

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Locale

    call_command("migrate", verbosity=0)
    from consultations import services
    from consultations.models import ConsultationIndexPage, ConsultationPage, Question
    from home.models import Village, VillagePage
    from residents.models import Resident

    village = Village.objects.create(
        code="bench", name="基准村", township="柳溪镇", adult_villagers=ballots, households=ballots, representatives=30
    )
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    now = timezone.now()
    page = ConsultationPage(
        title="基准投票",
        slug="bench-vote",
        voting_opens=now - datetime.timedelta(days=1),
        results_open=now + datetime.timedelta(days=1),
    )
    index.add_child(instance=page)
    question = Question.objects.create(page=page, text="是否同意？", mode=Question.Mode.SECRET)
    yes = next(o for o in services.ensure_options(question) if o.role == "yes")

    User = get_user_model()
    unusable = "!"  # Django's marker for "no password": these voters never sign in with one
    users = User.objects.bulk_create(
        [User(username=f"bench{i:05d}", password=unusable) for i in range(ballots)], batch_size=500
    )
    Resident.objects.bulk_create(
        [
            Resident(user=u, village=village, display_name=u.username, verification=Resident.Verification.VERIFIED)
            for u in users
        ],
        batch_size=500,
    )
    expire = now + datetime.timedelta(days=1)
    store = SessionStore()
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if "ModelBackend" in b)
    sessions, keys = [], []
    # What a sign-in also stores: residents.first_signin's "own password" check, made once at sign-in. Without it
    # every first request of a seeded session ran that check and rewrote the session (two queries no real voter
    # pays). A tree without the check ignores the key, so the same script measures older trees too.
    signed_in = {}
    try:
        from residents.first_signin import CHECKED_KEY
    except ImportError:
        pass
    else:
        signed_in[CHECKED_KEY] = True
    for user in users:
        key = secrets.token_hex(16)
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash()}
        data.update(signed_in)
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
        keys.append(key)
    Session.objects.bulk_create(sessions, batch_size=500)
    url = f"/zh-hans/consultations/{page.pk}/vote/{question.pk}/"
    from django.db import connections

    connections.close_all()
    return url, yes.pk, keys, secrets.token_hex(16)


def cpu_seconds(group: int) -> float:
    """User + system CPU time of every process in a process group (Linux /proc), whatever the machine's load.

    Latency on a shared machine mostly measures the queue for the CPU; CPU per ballot measures our own work.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state ppid pgrp … utime (12th) stime (13th), counted from state = 0.
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def git_head() -> str:
    try:
        return subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True).strip()  # noqa: S607
    except (OSError, subprocess.CalledProcessError):
        return "?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settle(limit: float, timeout: float) -> float:
    """Wait until the 1-minute load average is at most limit (or timeout seconds pass); the load then."""
    deadline = time.monotonic() + timeout
    while limit > 0 and os.getloadavg()[0] > limit and time.monotonic() < deadline:
        time.sleep(2)
    return os.getloadavg()[0]


class LockSampler(threading.Thread):
    """Samples pg_stat_activity of the bench's database: sessions running a statement, and those waiting on a lock."""

    def __init__(self, database: str) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.samples: list[tuple[int, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            while not self.done.is_set():
                row = conn.execute(
                    "SELECT count(*) FILTER (WHERE state = 'active'),"
                    " count(*) FILTER (WHERE wait_event_type = 'Lock') FROM pg_stat_activity WHERE datname = %s",
                    [self.database],
                ).fetchone()
                self.samples.append((row[0], row[1]))
                time.sleep(0.02)

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        active = statistics.mean(a for a, _ in self.samples)
        waiting = statistics.mean(w for _, w in self.samples)
        share = sum(1 for _, w in self.samples if w) / len(self.samples)
        return (
            f"{len(self.samples)} samples: {active:.1f} statements running, {waiting:.1f} waiting for a lock "
            f"(someone waits in {share:.0%} of samples)"
        )


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    # As deploy/gunicorn.conf.py runs the portal: 2 × CPUs + 1 workers, one thread each.
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)) * 2 + 1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--worker-class",
        default=None,
        help="gunicorn's worker class; default as deploy/gunicorn.conf.py runs it: sync, gthread with --threads > 1",
    )
    parser.add_argument("--db", default=DB_NAME, help="the database to create and drop (default vc_bench_votes)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="seconds gunicorn keeps PostgreSQL connections (DB_CONN_MAX_AGE, as in production); 0 = one per request",
    )
    parser.add_argument("--settle", type=float, default=1.0, help="start when the 1-min load average is at most this")
    parser.add_argument("--settle-timeout", type=float, default=240)
    args = parser.parse_args()

    recreate_database()
    print(f"seeding {args.ballots} voters …", flush=True)
    url, option, keys, csrf = seed(args.ballots)
    port = free_port()
    # gunicorn itself picks gthread only for more than one thread. A gthread worker keeps each client's
    # keep-alive connection to itself, so 16 clients spread unevenly over 5 workers queue behind their worker's
    # others while another worker idles. A sync worker closes the connection after each response (whatever the
    # client or nginx's upstream keepalive asks), so each request is accepted by whichever worker is free.
    worker_class = args.worker_class or ("gthread" if args.threads > 1 else "sync")
    server = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DB_CONN_MAX_AGE": str(args.conn_max_age)},
        start_new_session=True,
    )
    try:
        wait_for(port, time.monotonic() + 60)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        queue = iter(keys)
        body_template = {"option": str(option), "csrfmiddlewaretoken": csrf}

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while True:
                with lock:
                    key = next(queue, None)
                if key is None:
                    break
                headers = {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={key}; csrftoken={csrf}",
                    "Host": f"127.0.0.1:{port}",
                }
                started = time.perf_counter()
                try:
                    conn.request("POST", url, body=urlencode(body_template), headers=headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except OSError as error:
                    status, conn = repr(error), http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status != 200:  # a secret ballot: the confirmation page with the receipt
                        errors.append(str(status))

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        settled = settle(args.settle, args.settle_timeout)
        sampler = LockSampler(DB_NAME)
        sampler.start()
        cpu_before = cpu_seconds(server.pid)
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        cpu = cpu_seconds(server.pid) - cpu_before
        sampler.done.set()
        sampler.join(timeout=5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    from consultations.models import BallotBox, Participation

    # A secret ballot is counted in the question's box and leaves no row of its own (docs/security.md).
    stored = sum(BallotBox.objects.values_list("ballots", flat=True))
    participations = Participation.objects.count()
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    load = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"clients {args.clients}, gunicorn {args.workers} {worker_class} workers × {args.threads} threads, ", end="")
    print(f"DB_CONN_MAX_AGE {args.conn_max_age}; load average (1/5/15 min) {load} on {os.cpu_count()} CPUs")
    print(f"1-min load average when the clients started: {settled:.2f} (--settle {args.settle})")
    print(f"database sessions while voting: {sampler.summary()}")
    print(f"cast {len(latencies)} ballots in {wall:.1f} s: {len(latencies) / wall:.0f} ballots/s")
    print(f"latency p50 {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
    print(f"gunicorn CPU {cpu:.1f} s: {cpu * 1000 / max(1, len(latencies)):.1f} ms per ballot")
    print(f"code: {ROOT} at {git_head()}")
    print(f"errors {len(errors)}{': ' + ', '.join(sorted(set(errors))) if errors else ''}")
    print(
        f"stored ballots {stored}, participations {participations}, cast {len(keys)}: "
        f"{'OK' if stored == participations == len(keys) else 'MISMATCH'}"
    )
    from django.db import connections

    connections.close_all()
    drop_database()


if __name__ == "__main__":
    main()

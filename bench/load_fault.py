"""Mixed load with faults against the production stack on loopback: gunicorn + PostgreSQL + Redis.

    .venv/bin/python bench/load_fault.py [--seconds 300] [--rate 6] [--ballot-rate 2]
        [--restart-postgres [--postgres-down SECONDS]]

Builds its own database (vc_load on 127.0.0.1:5432), seeds the demo county plus a bench village with
--voters signed-in verified residents, a consultation in its voting phase (an open yes/no/abstain question)
and one in deliberation (proposals to support), collects static files and starts gunicorn with production
settings (deploy/gunicorn.conf.py: workers from the CPU count) and Redis (REDIS_URL, db --redis-db, emptied
before and after) for the cache and sessions. Then, for --seconds, two request streams run side by side,
each at a fixed arrival rate:

- the mix (--rate): 90% anonymous page reads, 8% signed-in reads, 2% writes (a quarter comments, a quarter
  supports, half ballots), the traffic the issue describes;
- a focused ballot stream (--ballot-rate): signed-in voters casting ballots, some of them changing their vote.
  Why: at 1% of the mix, a 5-minute run at a moderate 6 req/s casts about 18 ballots, too few to say anything
  about integrity; getting hundreds from the mix alone would take ~100 req/s, more than this shared 2-core
  machine should be asked for. A second stream at 2 ballots/s gives ~600 ballots in the same 5 minutes, so that
  the worker kill and the PostgreSQL restart both happen while ballots are being cast. Its figures are printed
  apart, so the mix's throughput and latency stay those of the issue's mix.

At 30% of the run one gunicorn worker is killed with SIGKILL: one that has just begun a ballot transaction if one
is caught within 10 s (pg_stat_activity, and ss for the worker holding that connection), else any. With
--restart-postgres, at 60% the PostgreSQL cluster is restarted once (pg_ctlcluster; the machine's shared server,
so only when asked). An idle cluster restarts in 2-3 s, which only a handful of requests notice; --postgres-down
keeps it stopped that many seconds instead (stop, wait, start), as long as a restart under load can take (11 s
was seen here), so that reads, signed-in pages and ballots all meet the outage.

It prints throughput, error rate, errors by kind and by phase, what the answers were in the kill and restart
windows (page from the cache, 503 page, other), p50/p95/p99 latency (from the scheduled start, so a stall
counts), the 500s and 503s in the server's log, the load average, and the integrity check: every ballot whose
receipt reached the voter is stored exactly once and for that voter, each voter has exactly one counted
ballot. A 503 counts as clear only if it is the portal's page (its title, Retry-After, no traceback). Exit
status 1 on any 500, unclear 503 or integrity failure. Loopback only, every request has a timeout, the run is
bounded by --seconds.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import http.cookies
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "vc_load"
PG = "postgres://postgres@127.0.0.1:5432"
HOST = "127.0.0.1"
RECEIPT = re.compile(r"(?<![0-9A-Z])[2-9A-HJKMNP-Z]{8}(?![0-9A-Z])")

sys.path.insert(0, str(ROOT))

from bench.load_figures import STREAM_BALLOT, Stats, integrity, outcome_of, report  # noqa: E402


def production_env(port: int, redis_db: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{port}",
        "STATIC_ROOT": "/tmp/vc_load_static",  # noqa: S108 (a throwaway folder for the bench)
        "MEDIA_ROOT": "/tmp/vc_load_media",  # noqa: S108
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "ERROR",
        "DB_CONN_MAX_AGE": "60",
    }
    os.environ.update(env)
    return env


def flush_redis(redis_db: int) -> None:
    """The bench's own Redis db, emptied before and after: no page, session or site-root entry of another run."""
    import redis

    redis.Redis.from_url(f"redis://127.0.0.1:6379/{redis_db}").flushdb()


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def manage(*args: str) -> None:
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, check=True)  # noqa: S603


def seed(voters: int) -> dict:
    """Everything the clients need: URLs, options, proposals, sessions. Runs in this process (Django set up)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connections
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from consultations import services
    from consultations.models import ConsultationIndexPage, ConsultationPage, Proposal, Question
    from home.models import Village, VillagePage
    from residents.models import Resident

    village = Village.objects.create(
        code="loadbench",
        name="压测村",
        township="柳溪镇",
        adult_villagers=voters,
        households=voters,
        representatives=30,
    )
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = ConsultationIndexPage.objects.child_of(village_page).get()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    voting = ConsultationPage(
        title="村道硬化方案表决", slug="load-vote", voting_opens=now - day, results_open=now + day
    )
    index.add_child(instance=voting)
    discussing = ConsultationPage(
        title="文化广场改造征求意见",
        slug="load-discuss",
        proposals_open=now - 2 * day,
        deliberation_opens=now - day,
        voting_opens=now + 5 * day,
    )
    index.add_child(instance=discussing)
    question = Question.objects.create(page=voting, text="是否同意村道硬化方案？", mode=Question.Mode.OPEN)
    options = [o.pk for o in services.ensure_options(question)]

    User = get_user_model()
    unusable = "!"  # Django's marker for "no password": these voters never sign in with one
    users = User.objects.bulk_create([User(username=f"load{i:05d}", password=unusable) for i in range(voters)])
    residents = Resident.objects.bulk_create(
        [
            Resident(user=u, village=village, display_name=f"村民{i}", verification=Resident.Verification.VERIFIED)
            for i, u in enumerate(users)
        ]
    )
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(page=discussing, author=residents[i], title=f"建议{i}：增加健身器材", text="广场东侧空地。")
            for i in range(20)
        ]
    )
    store = SessionStore()
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if "ModelBackend" in b)
    sessions, keys = [], []
    for user in users:
        key = secrets.token_hex(16)
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash()}
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=now + day))
        keys.append(key)
    Session.objects.bulk_create(sessions)
    public = [p.url for p in Page.objects.live().public().filter(depth__gte=2, locale=Locale.get_default())]
    public = [url for url in public if url][:400] + ["/zh-hans/search/?q=村规民约", "/zh-hans/search/?q=低保"]
    plan = {
        "public": public,
        "signed_in": [voting.url, discussing.url, "/zh-hans/accounts/profile/"],
        "vote": f"/zh-hans/consultations/{voting.pk}/vote/{question.pk}/",
        "options": options,
        "support": [f"/zh-hans/consultations/{discussing.pk}/proposals/{p.pk}/support/" for p in proposals],
        "comment": [
            f"/zh-hans/consultations/{voting.pk}/comments/",
            f"/zh-hans/consultations/{discussing.pk}/comments/",
        ],
        "keys": keys,
        "residents": [r.pk for r in residents],
        "question": question.pk,
    }
    connections.close_all()
    return plan


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def worker_pids(master: int) -> list[int]:
    command = ["pgrep", "-P", str(master)]
    out = subprocess.run(command, capture_output=True, text=True).stdout  # noqa: S603
    return [int(pid) for pid in out.split()]


def receipt_from(set_cookies: list[str]) -> str | None:
    """The receipt in the success message that the vote view put in the messages cookie."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    for header in set_cookies:
        cookie = http.cookies.SimpleCookie()
        cookie.load(header)
        if "messages" in cookie:
            for message in CookieStorage(HttpRequest())._decode(cookie["messages"].value) or []:
                if message.level == constants.SUCCESS and (found := RECEIPT.search(str(message.message))):
                    return found.group(0)
    return None


# A connection inside the ballot transaction (services._cast), at its first inserts, not a page reading ballots.
BALLOT_TRANSACTION = r"""
    SELECT client_port, left(query, 60) FROM pg_stat_activity
    WHERE datname = %s AND xact_start IS NOT NULL AND client_port IS NOT NULL
      AND query ~* '^\s*INSERT INTO "consultations_(participation|ballot)" '
"""
SS_LINE = re.compile(r"127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:5432\s+users:\(\(\"[^\"]*\",pid=(\d+)")


def run(args, plan: dict, port: int, master: int) -> Stats:
    stats = Stats()
    csrf = secrets.token_hex(16)
    rng, stream_rng = random.Random(42), random.Random(7)

    def request(kind: str, method: str, url: str, scheduled: float, voter: int | None, body: dict | None = None):
        headers = {"Host": f"{HOST}:{port}", "X-Forwarded-Proto": "https", "Accept-Language": "zh-hans"}
        if voter is not None:
            headers["Cookie"] = f"sessionid={plan['keys'][voter]}; csrftoken={csrf}"
            headers["X-Real-IP"] = f"10.{voter // 65536}.{voter // 256 % 256}.{voter % 256}"
        payload = None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}:{port}"
            headers["Referer"] = f"https://{HOST}:{port}/"
            payload = urlencode({**body, "csrfmiddlewaretoken": csrf}, doseq=True)
        error = None
        try:
            # A new connection per request: gunicorn's sync workers close it after every response anyway.
            conn = http.client.HTTPConnection(HOST, port, timeout=args.timeout)
            conn.request(method, url, body=payload, headers=headers)
            response = conn.getresponse()
            outcome = outcome_of(response, response.read())
            expected = 302 if method == "POST" else 200
            if response.status != expected:
                error = outcome
            elif kind in ("ballot", STREAM_BALLOT):
                receipt = receipt_from(response.headers.get_all("Set-Cookie") or [])
                if receipt:
                    outcome = "302 receipt"
                    with stats.lock:
                        stats.acknowledged.append((receipt, voter))
                else:
                    outcome = error = "302 without receipt"
        except (OSError, http.client.HTTPException) as exc:
            outcome = error = type(exc).__name__
        stats.record(kind, time.monotonic() - scheduled, outcome, error)

    def one(scheduled: float) -> None:
        draw = rng.random()
        voter = rng.randrange(len(plan["keys"]))
        if draw < 0.90:
            request("anonymous read", "GET", rng.choice(plan["public"]), scheduled, None)
        elif draw < 0.98:
            request("signed-in read", "GET", rng.choice(plan["signed_in"]), scheduled, voter)
        else:
            # Ballots are half of the writes: they are what the integrity check is about.
            write = rng.random()
            if write < 0.25:
                text = f"同意，建议尽快实施。（{secrets.token_hex(3)}）"
                request("comment", "POST", rng.choice(plan["comment"]), scheduled, voter, {"text": text})
            elif write < 0.5:
                request("support", "POST", rng.choice(plan["support"]), scheduled, voter, {})
            else:
                request("ballot", "POST", plan["vote"], scheduled, voter, {"option": rng.choice(plan["options"])})

    def ballot(scheduled: float) -> None:
        # Voters drawn at random: most vote once, some change their vote (an open ballot may be changed).
        voter = stream_rng.randrange(len(plan["keys"]))
        option = stream_rng.choice(plan["options"])
        request(STREAM_BALLOT, "POST", plan["vote"], scheduled, voter, {"option": option})

    # Two fixed-rate schedules merged: the mix every 1/rate s, the ballot stream every 1/ballot_rate s.
    schedules = [(1 / args.rate, one)] + ([(1 / args.ballot_rate, ballot)] if args.ballot_rate > 0 else [])
    sent = [0] * len(schedules)
    kill_at, restart_at = args.seconds * 0.3, args.seconds * 0.6
    killed = restarted = False
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
        began = time.monotonic()
        next_load = began
        while True:
            i = min(range(len(schedules)), key=lambda i: sent[i] * schedules[i][0])
            scheduled = began + sent[i] * schedules[i][0]
            if scheduled - began >= args.seconds:
                break
            if scheduled > time.monotonic():
                time.sleep(scheduled - time.monotonic())
            pool.submit(schedules[i][1], scheduled)
            sent[i] += 1
            elapsed = time.monotonic() - began
            if time.monotonic() >= next_load:
                stats.loads.append(os.getloadavg()[0])
                next_load += 10
            if not killed and elapsed >= kill_at:
                killed = True
                threading.Thread(target=kill_worker, args=(stats, began, master), daemon=True).start()
            if args.restart_postgres and not restarted and elapsed >= restart_at:
                restarted = True
                threading.Thread(target=restart_postgres, args=(stats, began, args.postgres_down), daemon=True).start()
        pool.shutdown(wait=True)
        stats.wall = time.monotonic() - began
    return stats


def worker_connections(workers: set[int]) -> dict[int, int]:
    """Local port of each worker's PostgreSQL connection -> worker pid (connections persist: CONN_MAX_AGE)."""
    command = ["ss", "-tnpH", "state", "established", "dport", "=", ":5432"]
    out = subprocess.run(command, capture_output=True, text=True).stdout  # noqa: S603
    return {int(port): int(pid) for port, pid in SS_LINE.findall(out) if int(pid) in workers}


def worker_in_ballot(master: int, seconds: float) -> tuple[int, str] | None:
    """A gunicorn worker whose connection has just begun writing a ballot, if one shows up in time.

    The ports are looked up beforehand, so that the kill follows the sighting within a millisecond or two: the
    transaction still has its ballot, its choices and its commit to go."""
    import psycopg

    workers = set(worker_pids(master))
    ports = worker_connections(workers)
    deadline = time.monotonic() + seconds
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        while time.monotonic() < deadline:
            found = dict(conn.execute(BALLOT_TRANSACTION, (DB_NAME,)).fetchall())
            if found and not found.keys() & ports.keys():
                ports = worker_connections(workers)  # a worker that opened a new connection
            for port, query in found.items():
                if port in ports:
                    return ports[port], query
            time.sleep(0.002)
    return None


def kill_worker(stats: Stats, began: float, master: int) -> None:
    caught = worker_in_ballot(master, seconds=10)
    victim = caught[0] if caught else worker_pids(master)[0]
    os.kill(victim, signal.SIGKILL)
    stats.phase = "worker kill (10 s)"
    where = f"inside a ballot transaction ({caught[1]}…)" if caught else "no ballot transaction caught in 10 s"
    print(f"  t={time.monotonic() - began:.0f}s killed gunicorn worker {victim}: {where}", flush=True)
    time.sleep(10)
    if stats.phase == "worker kill (10 s)":
        stats.phase = "normal"


def restart_postgres(stats: Stats, began: float, down: float) -> None:
    """Restart the cluster once; with --postgres-down, stop it, keep it down that long, then start it."""
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    ctl = ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main"]
    how = f"stopping it for {down:g}s" if down else "restart -m fast"
    print(f"  t={time.monotonic() - began:.0f}s restarting PostgreSQL {cluster}/main ({how})", flush=True)
    stats.phase = "postgres restart"
    started = time.monotonic()
    try:
        if down:
            subprocess.run([*ctl, "stop", "-m", "fast"], check=False)  # noqa: S603
            time.sleep(down)
            subprocess.run([*ctl, "start"], check=False)  # noqa: S603
        else:
            subprocess.run([*ctl, "restart", "-m", "fast"], check=False)  # noqa: S603
    finally:
        # Never leave the shared cluster stopped, whatever happened above.
        if subprocess.run(["/usr/bin/pg_isready", "-q", "-h", HOST], check=False).returncode != 0:  # noqa: S603
            subprocess.run([*ctl, "start"], check=False)  # noqa: S603
    print(f"  PostgreSQL back after {time.monotonic() - started:.1f}s", flush=True)
    time.sleep(5)  # connections reopen on the next request (conn_health_checks)
    stats.phase = "after restart"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--rate", type=float, default=6, help="requests per second of the mix (fixed arrival rate)")
    parser.add_argument("--ballot-rate", type=float, default=2, help="ballots per second of the focused stream")
    parser.add_argument("--clients", type=int, default=64, help="client threads (upper bound on concurrency)")
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=15)
    parser.add_argument("--redis-db", type=int, default=9, help="emptied before and after the run")
    parser.add_argument("--restart-postgres", action="store_true")
    parser.add_argument(
        "--postgres-down", type=float, default=0, help="with --restart-postgres: seconds to keep it stopped"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    port = free_port()
    env = production_env(port, args.redis_db)
    print(f"database {DB_NAME}: migrate, seed_demo, bench village …", flush=True)
    recreate_database()
    flush_redis(args.redis_db)
    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    manage("collectstatic", "--noinput", "-v0")
    plan = seed(args.voters)
    log = Path("/tmp/vc_load_gunicorn.log")  # noqa: S108 (read back for the 500 count, kept for a look)
    with log.open("w") as log_file:
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "--log-level", "error", "portal.wsgi"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port, time.monotonic() + 90)
        workers = len(worker_pids(server.pid))
        print(
            f"gunicorn on {HOST}:{port}, {workers} workers; mix {args.rate:g} req/s and ballot stream "
            f"{args.ballot_rate:g}/s for {args.seconds}s; {len(plan['public'])} public URLs, {args.voters} voters",
            flush=True,
        )
        stats = run(args, plan, port, server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    clean = report(stats, log)
    ok = integrity(stats, plan)
    if not args.keep:
        flush_redis(args.redis_db)
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    sys.exit(0 if ok and clean else 1)


if __name__ == "__main__":
    main()

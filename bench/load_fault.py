"""Mixed load with faults against the production stack on loopback: gunicorn + PostgreSQL + Redis.

    .venv/bin/python bench/load_fault.py [--seconds 300] [--rate 6] [--restart-postgres]

Builds its own database (vc_load on 127.0.0.1:5432), seeds the demo county plus a bench village with
--voters signed-in verified residents, a consultation in its voting phase (an open yes/no/abstain question)
and one in deliberation (proposals to support), collects static files and starts gunicorn with production
settings (deploy/gunicorn.conf.py: workers from the CPU count) and Redis (REDIS_URL, db --redis-db) for the
cache and sessions. Then it sends requests at a fixed arrival rate for --seconds: 90% anonymous page reads,
8% signed-in reads, 2% writes (a quarter comments, a quarter supports, half ballots). At 30% of the run it kills one
gunicorn worker with SIGKILL; with --restart-postgres, at 60% it restarts the PostgreSQL cluster once
(pg_ctlcluster; the machine's shared server, so only when asked). It prints throughput, error rate, p50/p99
latency (from the scheduled start, so a stall counts), errors by kind and by phase, the load average, and the
integrity check: every ballot whose receipt reached the voter is stored exactly once, each voter has exactly
one counted ballot. Loopback only, every request has a timeout, the run is bounded by --seconds.
"""

import argparse
import collections
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


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_kind = collections.Counter()
        self.errors = collections.Counter()
        self.errors_by_phase = collections.Counter()
        self.acknowledged: list[tuple[str, int]] = []  # (receipt, voter index)
        self.phase = "normal"

    def record(self, kind: str, latency: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.by_kind[kind] += 1
            if error:
                self.errors[f"{kind}: {error}"] += 1
                self.errors_by_phase[self.phase] += 1


def run(args, plan: dict, port: int, master: int) -> Stats:
    stats = Stats()
    csrf = secrets.token_hex(16)
    rng = random.Random(42)

    def connection() -> http.client.HTTPConnection:
        # A new connection per request: gunicorn's sync workers close it after every response anyway.
        return http.client.HTTPConnection(HOST, port, timeout=args.timeout)

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
            conn = connection()
            conn.request(method, url, body=payload, headers=headers)
            response = conn.getresponse()
            response.read()
            expected = 302 if method == "POST" else 200
            if response.status != expected:
                error = str(response.status)
            elif kind == "ballot":
                receipt = receipt_from(response.headers.get_all("Set-Cookie") or [])
                if receipt:
                    with stats.lock:
                        stats.acknowledged.append((receipt, voter))
                else:
                    error = "no receipt"
        except (OSError, http.client.HTTPException) as exc:
            error = type(exc).__name__
        stats.record(kind, time.monotonic() - scheduled, error)

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

    interval = 1 / args.rate
    loads: list[float] = []
    kill_at, restart_at = args.seconds * 0.3, args.seconds * 0.6
    killed = restarted = False
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
        began = time.monotonic()
        n = 0
        next_load = began
        while (elapsed := time.monotonic() - began) < args.seconds:
            scheduled = began + n * interval
            if scheduled > time.monotonic():
                time.sleep(scheduled - time.monotonic())
            pool.submit(one, scheduled)
            n += 1
            if time.monotonic() >= next_load:
                loads.append(os.getloadavg()[0])
                next_load += 10
            if not killed and elapsed >= kill_at:
                victim = worker_pids(master)[0]
                os.kill(victim, signal.SIGKILL)
                print(f"  t={elapsed:.0f}s killed gunicorn worker {victim}", flush=True)
                killed = True
            if args.restart_postgres and not restarted and elapsed >= restart_at:
                restarted = True
                threading.Thread(target=restart_postgres, args=(stats, began), daemon=True).start()
        pool.shutdown(wait=True)
        stats.wall = time.monotonic() - began
    stats.loads = loads
    return stats


def restart_postgres(stats: Stats, began: float) -> None:
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    print(f"  t={time.monotonic() - began:.0f}s restarting PostgreSQL {cluster}/main", flush=True)
    stats.phase = "postgres restart"
    started = time.monotonic()
    command = ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart", "-m", "fast"]
    subprocess.run(  # noqa: S603
        command,
        check=False,
    )
    print(f"  PostgreSQL back after {time.monotonic() - started:.1f}s", flush=True)
    time.sleep(5)  # connections reopen on the next request (conn_health_checks)
    stats.phase = "after restart"


def integrity(stats: Stats, plan: dict) -> bool:
    from django.db import connections
    from django.db.models import Count

    from consultations.models import Ballot, Participation

    connections.close_all()
    receipts = [r for r, _voter in stats.acknowledged]
    stored = collections.Counter(Ballot.objects.filter(receipt__in=receipts).values_list("receipt", flat=True))
    missing = [r for r in receipts if stored[r] == 0]
    doubled = [r for r in receipts if stored[r] > 1]
    counted = Ballot.objects.filter(question_id=plan["question"], replaced=False)
    per_voter = counted.values("resident").annotate(n=Count("pk")).filter(n__gt=1).count()
    voters = Participation.objects.filter(question_id=plan["question"]).count()
    print(
        f"ballots acknowledged to voters: {len(receipts)}; "
        f"stored exactly once: {len(receipts) - len(missing) - len(doubled)}; "
        f"missing {len(missing)}; duplicated {len(doubled)}"
    )
    print(
        f"ballots in the database: {Ballot.objects.filter(question_id=plan['question']).count()} "
        f"(counted {counted.count()}, voters {voters}, voters with more than one counted ballot {per_voter})"
    )
    ok = not missing and not doubled and per_voter == 0 and counted.count() == voters
    print(f"integrity: {'OK' if ok else 'FAILED'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--rate", type=float, default=6, help="requests per second (fixed arrival rate)")
    parser.add_argument("--clients", type=int, default=64, help="client threads (upper bound on concurrency)")
    parser.add_argument("--voters", type=int, default=300)
    parser.add_argument("--timeout", type=float, default=15)
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--restart-postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    port = free_port()
    env = production_env(port, args.redis_db)
    print(f"database {DB_NAME}: migrate, seed_demo, bench village …", flush=True)
    recreate_database()
    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    manage("collectstatic", "--noinput", "-v0")
    plan = seed(args.voters)
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "--log-level", "error", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for(port, time.monotonic() + 90)
        workers = len(worker_pids(server.pid))
        print(
            f"gunicorn on {HOST}:{port}, {workers} workers; {args.rate:g} req/s for {args.seconds}s; "
            f"{len(plan['public'])} public URLs, {args.voters} signed-in voters",
            flush=True,
        )
        stats = run(args, plan, port, server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    total = sum(stats.by_kind.values())
    errors = sum(stats.errors.values())
    ordered = sorted(stats.latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

    print(
        f"\nrequests {total} in {stats.wall:.0f}s: {total / stats.wall:.1f} req/s "
        f"({', '.join(f'{k} {v}' for k, v in stats.by_kind.most_common())})"
    )
    print(f"errors {errors} ({errors / total:.2%}); by phase: {dict(stats.errors_by_phase)}")
    for kind, count in stats.errors.most_common(12):
        print(f"  {count:5d}  {kind}")
    print(
        f"latency p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms, p99 {pct(0.99):.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms"
    )
    loads = stats.loads
    print(
        f"load average (1 min) during the run: min {min(loads):.1f}, "
        f"mean {sum(loads) / len(loads):.1f}, max {max(loads):.1f} on {os.cpu_count()} CPUs (shared machine)"
    )
    ok = integrity(stats, plan)
    if not args.keep:
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""Two app servers behind a local nginx on loopback: what one server does, the other sees; one killed mid-load
loses no acknowledged ballot.

    .venv/bin/python bench/two_servers.py [--voters 600] [--clients 16] [--no-demo] [--keep] [--reuse]

Production settings (bench/bench_settings.py: portal.settings.production plus the bench-only /bench/ URLs) on
PostgreSQL database vc_servers (127.0.0.1:5432, user postgres; dropped at the end unless --keep; --reuse measures
a kept one again) and Redis DB 11 (127.0.0.1:6379, flushed before and after; nothing else is touched). Seeds the
demo county (seed_demo, unless --no-demo) plus one village with a notice and a consultation in its voting phase
(an open question: every ballot has a receipt) and --voters signed-in residents, then starts two gunicorn servers
A and B (deploy/gunicorn.conf.py, 2 sync workers each) on two loopback ports and Debian's nginx with a temporary
config under /tmp/vc_servers (`nginx -c … -p …`, its own port, an upstream block of A and B as in
deploy/nginx-cunwu.conf). It shows, and exits 1 if any fails:

1. a session created by signing in on A is valid on B;
2. a page cached by A is a hit on B (X-Page-Cache);
3. a page published on A (bench/bench_urls.py's publish view, in A's process) shows its new title on B's next
   response, although B had it cached;
4. a ballot cast on A is counted on B (B shows the voter the ballot's receipt);
5. a rate limit reached on A applies on B (the ballot limit is 3 per voter here), not to another voter;
6. under load (--clients clients casting one ballot each for every remaining voter through nginx), A is killed
   with SIGKILL (its whole process group) at a third of the run: every ballot acknowledged with a receipt is in
   the database exactly once, no voter has two counted ballots, and B answered after the kill.

Before the load it warms every public page type of the demo county on each worker and prints each gunicorn
worker's memory (RSS, PSS, private). Loopback only; every request has a timeout; a few minutes, most of it
seed_demo.
"""

import argparse
import collections
import datetime
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_fault import free_port, receipt_from, worker_pids  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "vc_servers"
REDIS_URL = "redis://127.0.0.1:6379/11"
WORK = Path("/tmp/vc_servers")  # noqa: S108 (the bench's own throwaway folder)
PLAN = WORK / "plan.json"
HOST = "127.0.0.1"
BALLOT_LIMIT = 3
# Shared by the bench process and both servers: sessions and the messages cookie are signed with it.
SECRET = os.environ.get("BENCH_SECRET_KEY") or "two-servers-bench-only-" + "x" * 40
TOKEN = secrets.token_hex(16)
CSRF = secrets.token_hex(16)

NGINX_CONF = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    upstream cunwu_web {{
        server 127.0.0.1:{a} max_fails=3 fail_timeout=10s;
        server 127.0.0.1:{b} max_fails=3 fail_timeout=10s;
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        # The clients play visitors behind a load balancer: their address comes in X-Forwarded-For.
        set_real_ip_from 127.0.0.1;
        real_ip_header X-Forwarded-For;
        location / {{
            proxy_pass http://cunwu_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            proxy_next_upstream error timeout http_502 http_504;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 10s;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def server_env(nginx_port: int) -> dict:
    origins = f"https://{HOST}:{nginx_port}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "CSRF_TRUSTED_ORIGINS": origins,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),  # one folder for both servers, as a shared mount would be
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "ERROR",
        "RATE_LIMIT_BALLOTS_PER_USER": str(BALLOT_LIMIT),
        "BENCH_TOKEN": TOKEN,
    }


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # DB 11 only: the bench's own


def seed(voters: int, demo: bool) -> dict:
    """The bench village, its notice and consultation, the voters' sessions and one resident with a password."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone
    from wagtail.models import Locale

    from consultations import services
    from consultations.models import ConsultationIndexPage, ConsultationPage, Question
    from home.models import Village, VillagePage
    from notices.models import NoticeCategory, NoticeIndexPage, NoticePage
    from residents.models import Resident

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    urls = {}
    if demo:
        from bench.pages import demo_urls

        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        urls = demo_urls()
    village = Village.objects.create(
        code="twoservers",
        name="双服村",
        township="柳溪镇",
        adult_villagers=voters,
        households=voters,
        representatives=30,
    )
    village_page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    notice = NoticePage(
        title="停水通知",
        slug="water",
        date=datetime.date.today(),
        category=NoticeCategory.objects.first(),
        summary="明天上午停水。",
    )
    NoticeIndexPage.objects.child_of(village_page).get().add_child(instance=notice)
    now, day = timezone.now(), datetime.timedelta(days=1)
    voting = ConsultationPage(title="村道硬化方案表决", slug="two-vote", voting_opens=now - day, results_open=now + day)
    ConsultationIndexPage.objects.child_of(village_page).get().add_child(instance=voting)
    question = Question.objects.create(page=voting, text="是否同意村道硬化方案？", mode=Question.Mode.OPEN)
    options = [option.pk for option in services.ensure_options(question)]
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"two{i:05d}", password="!") for i in range(voters)])  # noqa: S106
    residents = Resident.objects.bulk_create(
        Resident(user=u, village=village, display_name=f"村民{i}", verification=Resident.Verification.VERIFIED)
        for i, u in enumerate(users)
    )
    password = secrets.token_urlsafe(12)
    signer = User.objects.create_user("twoservers-login", password=password)
    Resident.objects.create(
        user=signer, village=village, display_name="登录村民", verification=Resident.Verification.VERIFIED
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
    plan = {
        "urls": urls,
        "village": village_page.url,
        "notice": [notice.pk, notice.url],
        "consultation": voting.url,
        "vote": f"/zh-hans/consultations/{voting.pk}/vote/{question.pk}/",
        "question": question.pk,
        "options": options,
        "keys": keys,
        "residents": [r.pk for r in residents],
        "login": ["twoservers-login", password],
    }
    connections.close_all()
    return plan


class Client:
    """One keep-alive connection to a port; cookies and headers as a browser behind nginx would send them."""

    def __init__(self, port: int, address: str = "10.9.0.1") -> None:
        self.port, self.address = port, address
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def send(self, method: str, url: str, cookies: dict | None = None, body: dict | None = None, **extra: str):
        # Every server sees the public host name that nginx passes on (the page cache's key holds it).
        public = f"{HOST}:{NGINX_PORT[0]}"
        headers = {"Host": public, "X-Forwarded-Proto": "https", "Accept-Language": "zh-hans"}
        headers.update({name.replace("_", "-"): value for name, value in extra.items()})
        headers["X-Forwarded-For" if self.port == NGINX_PORT[0] else "X-Real-IP"] = self.address
        cookies = {"csrftoken": CSRF, **(cookies or {})}
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        payload = None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = headers["Referer"] = f"https://{public}"
            payload = urlencode({**body, "csrfmiddlewaretoken": CSRF})
        try:
            self.conn.request(method, url, body=payload, headers=headers)
            response = self.conn.getresponse()
            return response, response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            raise


NGINX_PORT = [0]


def set_cookie(response, name: str) -> str | None:
    for header in response.headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    return None


def checks(plan: dict, a: int, b: int) -> list[tuple[str, bool, str]]:
    results = []
    on_a, on_b = Client(a), Client(b)
    # 1. A session made by signing in on A.
    username, password = plan["login"]
    response, _ = on_a.send("POST", "/zh-hans/accounts/login/", body={"login": username, "password": password})
    session = set_cookie(response, "sessionid")
    profile, _ = on_b.send("GET", "/zh-hans/accounts/profile/", {"sessionid": session or ""})
    anonymous, _ = Client(b).send("GET", "/zh-hans/accounts/profile/")
    results.append(
        (
            "session created on A is valid on B",
            bool(session) and response.status == 302 and profile.status == 200 and anonymous.status == 302,
            f"sign-in on A {response.status}, profile on B {profile.status} (without the cookie {anonymous.status})",
        )
    )
    # 2. The page cache filled by A. A village page's first view may create the village's records (its council),
    # which retires the copy it stored (bench/README.md, cache_scope.py): A views it until A itself gets a hit.
    states_a = [on_a.send("GET", plan["village"])[0].getheader("X-Page-Cache") for _ in range(3)]
    there, _ = on_b.send("GET", plan["village"])
    states = ", ".join(states_a)
    results.append(
        (
            "page cached by A is a hit on B",
            states_a[-1] == "hit" and there.getheader("X-Page-Cache") == "hit",
            f"X-Page-Cache on A {states}, then on B (its first view) {there.getheader('X-Page-Cache')}",
        )
    )
    # 3. A page published on A, cached on B beforehand.
    page_id, url = plan["notice"]
    on_b.send("GET", url)
    before, _ = on_b.send("GET", url)
    title = f"停水通知（已更新 {secrets.token_hex(3)}）"
    done, text = on_a.send("POST", f"/bench/publish/{page_id}/", body={"title": title}, X_Bench_Token=TOKEN)
    after, body = on_b.send("GET", url)
    shown = title in body.decode()
    results.append(
        (
            "page published on A shows on B's next response",
            before.getheader("X-Page-Cache") == "hit" and done.status == 200 and shown,
            f"B before: {before.getheader('X-Page-Cache')}; A: {done.status} {text.decode()[:40]!r};"
            f" B after: {after.status} "
            f"{after.getheader('X-Page-Cache')}, new title {'shown' if shown else 'MISSING'}",
        )
    )
    # 4. A ballot cast on A, counted on B.
    voter = {"sessionid": plan["keys"][0]}
    cast, _ = on_a.send("POST", plan["vote"], voter, {"option": plan["options"][0]})
    receipt = receipt_from(cast.headers.get_all("Set-Cookie") or [])
    page, body = on_b.send("GET", plan["consultation"], voter)
    results.append(
        (
            "ballot cast on A is counted on B",
            bool(receipt) and page.status == 200 and receipt in body.decode(),
            f"cast on A {cast.status}, receipt {receipt}; B's page for the voter {page.status}, receipt "
            f"{'shown' if receipt and receipt in body.decode() else 'MISSING'}",
        )
    )
    # 5. The ballot limit (3 per voter in 10 minutes) reached on A.
    voter = {"sessionid": plan["keys"][1]}
    on_a_statuses = [
        on_a.send("POST", plan["vote"], voter, {"option": plan["options"][i % 2]})[0].status for i in range(4)
    ]
    on_b_status = on_b.send("POST", plan["vote"], voter, {"option": plan["options"][0]})[0].status
    other = on_b.send("POST", plan["vote"], {"sessionid": plan["keys"][2]}, {"option": plan["options"][0]})[0].status
    results.append(
        (
            "rate limit reached on A applies on B",
            on_a_statuses == [302] * BALLOT_LIMIT + [429] and on_b_status == 429 and other == 302,
            f"A {on_a_statuses}, then B {on_b_status}; another voter on B {other}",
        )
    )
    return results


def memory(master: int) -> list[tuple[int, int, int, int]]:
    """(pid, RSS, PSS, private) in MB of each gunicorn worker: RSS counts the pages shared with the master."""
    rows = []
    for pid in worker_pids(master):
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
        private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        rows.append((pid, fields["Rss"] // 1024, fields["Pss"] // 1024, private // 1024))
    return rows


def warm(plan: dict, port: int) -> int:
    """Every public page type, rendered on each worker (a new query string each time: a page-cache miss)."""
    client, count = Client(port), 0
    for label, url in plan["urls"].items():
        for i in range(6):
            joiner = "&" if "?" in url else "?"
            response, _ = client.send("GET", f"{url}{joiner}warm={i}")
            assert response.status == 200, (label, url, response.status)
            count += 1
    return count


def load(plan: dict, args, servers: dict) -> dict:
    """Every remaining voter casts one ballot through nginx; server A is killed after a third of them."""
    voters = iter(range(3, len(plan["keys"])))
    total = len(plan["keys"]) - 3
    lock = threading.Lock()
    stats = {"acknowledged": [], "errors": collections.Counter(), "by_server": collections.Counter(), "sent": 0}
    kill = {"at": None, "after": 0}

    def client(number: int) -> None:
        conn = Client(NGINX_PORT[0])
        while True:
            with lock:
                voter = next(voters, None)
                stats["sent"] += voter is not None
                due = kill["at"] is None and stats["sent"] >= total // 3
                if due:
                    kill["at"] = time.monotonic()
            if due:
                os.killpg(servers["A"].pid, signal.SIGKILL)  # the master and its workers: the server is gone
            if voter is None:
                return
            conn.address = f"10.{voter // 65536}.{voter // 256 % 256}.{voter % 256}"
            option = plan["options"][voter % len(plan["options"])]
            try:
                response, _ = conn.send("POST", plan["vote"], {"sessionid": plan["keys"][voter]}, {"option": option})
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    stats["errors"][type(error).__name__] += 1
                continue
            receipt = receipt_from(response.headers.get_all("Set-Cookie") or [])
            upstream = response.getheader("X-Upstream", "?")
            with lock:
                stats["by_server"][upstream] += 1
                if response.status == 302 and receipt:
                    stats["acknowledged"].append((receipt, voter))
                    if kill["at"] is not None:
                        kill["after"] += 1
                else:
                    stats["errors"][f"{response.status}{'' if response.status != 302 else ' without receipt'}"] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats["wall"] = time.monotonic() - began
    stats["total"] = total
    stats["acknowledged_after_kill"] = kill["after"]
    return stats


def integrity(plan: dict, stats: dict) -> tuple[bool, str]:
    from django.db import connections
    from django.db.models import Count

    from consultations.models import Ballot, Participation

    connections.close_all()
    receipts = [receipt for receipt, _voter in stats["acknowledged"]]
    rows = Ballot.objects.filter(question_id=plan["question"])
    stored = collections.Counter(rows.filter(receipt__in=receipts).values_list("receipt", flat=True))
    owner = dict(rows.filter(receipt__in=receipts).values_list("receipt", "resident_id"))
    lost = [r for r in receipts if stored[r] == 0]
    doubled = [r for r in receipts if stored[r] > 1]
    wrong = [
        r for r, voter in stats["acknowledged"] if owner.get(r, plan["residents"][voter]) != plan["residents"][voter]
    ]
    load_residents = plan["residents"][3:]
    # Each load voter voted once: a second row (even a replaced one) would be a ballot stored twice.
    twice = rows.filter(resident_id__in=load_residents).values("resident").annotate(n=Count("pk")).filter(n__gt=1)
    counted = rows.filter(replaced=False).count()
    participations = Participation.objects.filter(question_id=plan["question"]).count()
    in_db = rows.filter(resident_id__in=load_residents).count()
    ok = not (lost or doubled or wrong) and not twice.exists() and counted == participations
    text = (
        f"acknowledged {len(receipts)}; stored exactly once {len(receipts) - len(lost) - len(doubled)};"
        f" lost {len(lost)};"
        f" stored twice {len(doubled) + twice.count()}; for another voter {len(wrong)}; load ballots in the database"
        f" {in_db} (so {in_db - len(receipts) + len(lost)} stored but not acknowledged: cut off by the kill);"
        f" counted {counted} = voters {participations}"
    )
    return ok, text


def start_server(name: str, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"{HOST}:{port}"},
        stdout=open(WORK / f"gunicorn-{name}.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            response, _ = Client(port).send("GET", "/healthz")
            if response.status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)
    raise SystemExit(f"nothing answers on port {port}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=600)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--no-demo", action="store_true", help="skip seed_demo (no page types to warm)")
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="the kept database and plan, ballots cleared")
    args = parser.parse_args()
    began = time.monotonic()
    WORK.mkdir(exist_ok=True)
    ports = {"nginx": free_port(), "A": free_port(), "B": free_port()}
    NGINX_PORT[0] = ports["nginx"]
    env = server_env(ports["nginx"])
    os.environ.update(env)
    import django

    django.setup()
    flush_redis()
    if args.reuse:
        from consultations import services
        from consultations.models import Question

        # Ballots are kept for good (nothing deletes them): a new question on the same consultation instead.
        plan = json.loads(PLAN.read_text())
        old = Question.objects.get(pk=plan["question"])
        question = Question.objects.create(
            page=old.page, text=f"{old.text} ({Question.objects.count()})", mode=old.mode
        )
        plan["question"] = question.pk
        plan["vote"] = f"/zh-hans/consultations/{old.page_id}/vote/{question.pk}/"
        plan["options"] = [option.pk for option in services.ensure_options(question)]
    else:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin_sql(f"CREATE DATABASE {DB_NAME}")
        print(f"seeding {'the demo county and ' if not args.no_demo else ''}{args.voters} voters …", flush=True)
        plan = seed(args.voters, demo=not args.no_demo)
        PLAN.write_text(json.dumps(plan))
    print(f"ready in {time.monotonic() - began:.0f} s; {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    servers = {name: start_server(name, ports[name], env) for name in ("A", "B")}
    conf = WORK / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=WORK, a=ports["A"], b=ports["B"], port=ports["nginx"]))
    nginx = ["/usr/sbin/nginx", "-c", str(conf), "-p", str(WORK)]
    failed = []
    try:
        subprocess.run(nginx, check=True)  # noqa: S603 (Debian's nginx, our own config)
        for name in ("A", "B", "nginx"):
            wait_for(ports[name], time.monotonic() + 90)
        print(f"A on :{ports['A']}, B on :{ports['B']}, nginx on :{ports['nginx']} (2 sync workers each)")
        for name, ok, detail in checks(plan, ports["A"], ports["B"]):
            print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
            if not ok:
                failed.append(name)
        if plan["urls"]:
            started = {name: memory(servers[name].pid) for name in ("A", "B")}
            warmed = sum(warm(plan, ports[name]) for name in ("A", "B"))
            load_now = " / ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"worker memory after {warmed} uncached views of {len(plan['urls'])} page types (load {load_now}):")
            for name in ("A", "B"):
                before = {pid: rss for pid, rss, _pss, _private in started[name]}
                for pid, rss, pss, private in memory(servers[name].pid):
                    print(
                        f"  {name} worker {pid}: RSS {rss} MB (after the checks {before.get(pid, '?')} MB),"
                        f" PSS {pss} MB, private {private} MB"
                    )
                master = Path(f"/proc/{servers[name].pid}/status").read_text()
                print(f"  {name} master: {next(line for line in master.splitlines() if line.startswith('VmRSS'))}")
        print(f"load: {args.clients} clients, {len(plan['keys']) - 3} ballots through nginx; A killed after a third")
        stats = load(plan, args, servers)
        ok, text = integrity(plan, stats)
        errors = sum(stats["errors"].values())
        print(
            f"sent {stats['sent']} in {stats['wall']:.1f} s ({stats['sent'] / stats['wall']:.0f}/s); acknowledged"
            f" {len(stats['acknowledged'])} ({stats['acknowledged_after_kill']} after the kill); errors seen by"
            f" clients {errors}: {dict(stats['errors'])}; answered by {dict(stats['by_server'])}"
        )
        print(f"{'PASS' if ok else 'FAIL'}  no acknowledged ballot lost or stored twice: {text}")
        if not ok:
            failed.append("integrity")
        if stats["acknowledged_after_kill"] == 0:
            failed.append("B answered after the kill")
            print("FAIL  no ballot was acknowledged after A was killed")
    finally:
        subprocess.run([*nginx, "-s", "stop"], check=False)  # noqa: S603
        for server in servers.values():
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
        flush_redis()
        from django.db import connections

        connections.close_all()
        if not (args.keep or args.reuse):
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            shutil.rmtree(WORK, ignore_errors=True)
    load_now = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average {load_now} (1/5/15 min) on {os.cpu_count()} CPUs; whole run {time.monotonic() - began:.0f} s")
    print("all checks passed" if not failed else f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

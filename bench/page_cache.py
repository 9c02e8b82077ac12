"""Anonymous village page views with and without the page cache: requests/s, p50/p95, CPU ms per request.

    .venv/bin/python bench/page_cache.py [--seconds 10] [--clients 8] [--workers 2] [--notices 30]

Production settings (DEBUG off, whitenoise manifest storage, Redis cache) against PostgreSQL on
127.0.0.1:5432 (user postgres): creates its own database vc_bench_pagecache, migrates it, seeds one village
with --notices notices, starts its own redis-server and gunicorn on free loopback ports, then loads the village
page with --clients keep-alive clients for --seconds, once with PAGE_CACHE=true (hits) and once with
PAGE_CACHE=false (every view rendered, the cost of a miss). It also prints in-process CPU milliseconds per
request (median of 30, Django test client), steadier than throughput on a shared machine. Everything it
started is stopped and the database dropped at the end. Loopback only; bounded in time.
"""

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "vc_bench_pagecache"
PG = "postgres://postgres@127.0.0.1:5432"
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def seed(notices: int) -> str:
    """One village with its sections and `notices` notices; returns the village page's URL."""
    import datetime

    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Locale

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    from home.models import Village, VillagePage
    from notices.models import NoticeCategory, NoticeIndexPage, NoticePage

    village = Village.objects.create(
        code="bench", name="基准村", township="柳溪镇", adult_villagers=900, households=300, representatives=27
    )
    page = VillagePage.objects.get(village=village, locale=Locale.get_default())
    index = NoticeIndexPage.objects.child_of(page).get()
    categories = list(NoticeCategory.objects.all())
    for number in range(notices):
        index.add_child(
            instance=NoticePage(
                title=f"村务公告第{number}号",
                slug=f"n{number}",
                date=datetime.date.today() - datetime.timedelta(days=number),
                category=categories[number % len(categories)],
                summary="关于村道维修和财务公开的说明。",
            )
        )
    return page.url


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


def load(port: int, url: str, seconds: float, clients: int) -> tuple[float, list[float], int, str]:
    """Keep-alive clients requesting `url` back to back; returns wall time, latencies, errors, cache state."""
    latencies: list[float] = []
    errors = [0]
    states: set[str] = set()
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Host": "127.0.0.1", "Accept-Encoding": "identity"})
                response = conn.getresponse()
                response.read()
                ok, state = response.status == 200, response.getheader("X-Page-Cache", "")
            except OSError:
                ok, state, conn = False, "", http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
            with lock:
                errors[0] += 0 if ok else 1
                states.add(state)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, errors[0], "/".join(sorted(states))


def serve_and_load(env: dict, url: str, args, page_cache: bool) -> str:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
        [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "true" if page_cache else "false"},
        start_new_session=True,
    )
    try:
        wait_for(port, time.monotonic() + 60)
        load(port, url, 2, args.clients)  # warm-up: imports, connections, the cache
        wall, latencies, errors, states = load(port, url, args.seconds, args.clients)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    label = "cache on (hits)" if page_cache else "cache off (renders)"
    return (
        f"{label:<22} {len(ordered) / wall:>8.0f} req/s   p50 {statistics.median(ordered) * 1000:>6.1f} ms   "
        f"p95 {p95 * 1000:>6.1f} ms   requests {len(ordered)}   errors {errors}   X-Page-Cache {states or '-'}"
    )


def cpu_per_request(url: str) -> str:
    """Median CPU ms of 30 requests through the whole middleware stack, in this process."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client, override_settings

    lines = []
    for enabled in (True, False):
        with override_settings(PAGE_CACHE_ENABLED=enabled):
            cache.clear()
            client = Client(HTTP_HOST="127.0.0.1")
            client.get(url)
            samples = []
            for _ in range(30):
                started = time.process_time()
                response = client.get(url)
                samples.append(time.process_time() - started)
            assert response.status_code == 200
            label = "cache on (hits)" if enabled else "cache off (renders)"
            lines.append(f"{label:<22} {statistics.median(samples) * 1000:>6.2f} CPU ms/request (median of 30)")
    assert settings.PAGE_CACHE_SECONDS > 0
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--notices", type=int, default=30)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-pagecache-"))
    redis_port = free_port()
    redis = subprocess.Popen(  # noqa: S603  (Debian's redis-server, private port, no persistence)
        ["/usr/bin/redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        print(f"seeding one village with {args.notices} notices …", flush=True)
        url = seed(args.notices)
        print(f"village page {url}: gunicorn {args.workers} sync workers, {args.clients} clients, {args.seconds:.0f} s")
        print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores shared with other jobs)")
        print(serve_and_load(env, url, args, page_cache=True), flush=True)
        print(serve_and_load(env, url, args, page_cache=False), flush=True)
        print(cpu_per_request(url))
    finally:
        from django.db import connections

        connections.close_all()
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        os.killpg(redis.pid, signal.SIGTERM)
        redis.wait(timeout=30)


if __name__ == "__main__":
    main()

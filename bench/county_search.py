"""Issue 21's search and home figures on existing databases, side by side: the demo county and a generated one.

    .venv/bin/python bench/county_search.py --db vc_seed --demo-db vc_county_demo [--rounds 3] [--index]

For each database (127.0.0.1:5432, user postgres), in a child process with the development settings, the
lookup and tree caches on (a local-memory cache, as one worker has them), the page cache off and connections
kept: the portal home's queries and median CPU ms of 30 views (as bench/pages.py's in_process), the explorer
at the portal home (queries, as a superuser), and the search page's p50 / p95 wall ms per locale over
bench/search_bench.py's 20 queries × rounds. With --index also, on the generated county: a full rebuild of the
site-search index (search.indexing.rebuild, what update_index adds) and the median time of refresh_page (what a
page save does) over 20 notices. Nothing is asserted; the load average is printed with the figures.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
LOCALES = ("zh-hans", "zh-hant", "en")


def home_cpu(url: str) -> tuple[int, float]:
    """(queries, median CPU ms of 30 views) with the page cache off, as bench/pages.py's in_process measures."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    request_started.disconnect(close_old_connections)  # a server keeps its connection across requests
    request_finished.disconnect(close_old_connections)
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(30):
        started = time.process_time()
        client.get(url)
        samples.append(time.process_time() - started)
    return len(queries), statistics.median(samples) * 1000


def child(rounds: int, index: bool) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from urllib.parse import quote

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from wagtail.models import Locale, Page

    from bench.search_bench import QUERIES
    from home.models import Village

    result: dict = {"villages": Village.objects.count()}
    result["home"] = home_cpu("/zh-hans/")
    user, _created = get_user_model().objects.get_or_create(
        username="county-bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(user)
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    url = reverse("wagtailadmin_explore", args=[home.pk])
    staff.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert staff.get(url).status_code == 200
    result["explorer queries"] = len(queries)
    client = Client(HTTP_HOST="127.0.0.1")
    result["search"] = {}
    for language in LOCALES:
        client.get(f"/{language}/search/?q=x")
        times = []
        for _ in range(rounds):
            for text in QUERIES:
                started = time.perf_counter()
                assert client.get(f"/{language}/search/?q={quote(text)}").status_code == 200
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        result["search"][language] = (statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)])
    if index:
        from notices.models import NoticePage
        from search import indexing

        started = time.perf_counter()
        result["rebuild rows"] = indexing.rebuild()
        result["rebuild s"] = time.perf_counter() - started
        samples = []
        for page_id in NoticePage.objects.order_by("?").values_list("pk", flat=True)[:20]:
            started = time.perf_counter()
            indexing.refresh_page(page_id)
            samples.append((time.perf_counter() - started) * 1000)
        result["refresh_page ms"] = statistics.median(samples)
    print("RESULT " + json.dumps(result))


def measure(name: str, rounds: int, index: bool) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{name}",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PAGE_CACHE": "0",
        "LOOKUP_CACHE": "1",
        "DB_CONN_MAX_AGE": "60",
        "MFA_REQUIRED_FOR_STAFF": "false",
        "LOG_LEVEL": "WARNING",
    }
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.county_search import child; "
    code += f"child({rounds}, {index})"
    out = subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    line = next((line for line in out.stdout.splitlines() if line.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"{name} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="vc_seed")
    parser.add_argument("--demo-db", default="vc_county_demo")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--index", action="store_true", help="also time a full rebuild and refresh_page")
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {os.getloadavg()}")
    figures = {
        "demo": measure(args.demo_db, args.rounds, False),
        "county": measure(args.db, args.rounds, args.index),
    }
    for label, f in figures.items():
        queries, uncached = f["home"]
        search = " · ".join(f"{lang} {p50:.0f} / {p95:.0f}" for lang, (p50, p95) in f["search"].items())
        print(
            f"{label} ({f['villages']} villages): home {queries} q, {uncached:.1f} ms CPU uncached; "
            f"explorer {f['explorer queries']} q; search p50 / p95 ms: {search}"
        )
        if "rebuild s" in f:
            print(
                f"  index rebuild {f['rebuild rows']:,} rows in {f['rebuild s']:.1f} s; "
                f"refresh_page median {f['refresh_page ms']:.1f} ms"
            )
    print(f"load average at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()

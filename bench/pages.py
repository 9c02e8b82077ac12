"""Every public page type through gunicorn, cached and uncached, next to a bare Django view.

    .venv/bin/python bench/pages.py [--seconds 5] [--clients 8] [--workers 2] [--proposals 500]

Production settings (DEBUG off, whitenoise manifest storage, Redis cache) plus one bench-only URL
(bench/bench_settings.py, bench/bench_urls.py: /bench/bare/ returns 5 KB of HTML through the same middleware).
PostgreSQL on 127.0.0.1:5432 (user postgres): creates its own database vc_benchpages, migrates it, runs
seed_demo and gives one consultation --proposals proposals; starts its own redis-server and gunicorn
(--workers sync workers) on free loopback ports. For each page (home, village, notice, finance notice,
consultation, council, legal-education article without and with its quiz form, search) it loads the page
with --clients keep-alive clients for --seconds, once with the page cache on (PAGE_CACHE=true; the
X-Page-Cache header says hit) and once off (PAGE_CACHE=false: every view rendered), with the bare view first
and last in the same server run; it prints requests/s, p50/p99, the ratio to the bare view, the queries of an
uncached view and in-process CPU ms per request (median of 30, Django test client), steadier than throughput
on a shared machine. Everything it started is stopped and the database and its files removed at the end.
Loopback only; about 5 minutes, half of it seed_demo (longer on a loaded machine).

    .venv/bin/python bench/pages.py --layers [--rounds 5]

measures instead, in this process and with the page cache off, what each layer over Wagtail's page serving
buys (docs/wagtail-internals.md): every page uncached with all layers on, then with one switched off at a time
(ROUTING_SHORTCUT_ENABLED, TREE_CACHE_ENABLED, LOOKUP_CACHE_ENABLED, the stock search backend) and with all of
them off (Wagtail as it comes), the configurations taken in turn within each round so that the machine's load
drifts over all alike; prints per page the queries and the median CPU ms of each configuration and what each
layer saves as a share of the page's uncached cost with every layer on. No gunicorn run.
"""

import argparse
import datetime
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_cache import admin_sql, free_port, load, wait_for

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = os.environ.get("BENCH_PAGES_DB", "vc_benchpages")  # another name when several people run it
PG = "postgres://postgres@127.0.0.1:5432"
BARE = "/bench/bare/"
TARGET_CACHED, TARGET_UNCACHED, QUERY_BUDGET = 0.8, 0.05, 12


def _has_finance(page) -> bool:
    return any(block.block_type == "finance" for block in page.body)


def seed(proposals: int) -> dict[str, str]:
    """The demo county plus `proposals` proposals on one consultation; returns {page label: URL}."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from wagtail.models import Locale

    from consultations.models import ConsultationPage, Proposal
    from residents.models import Resident

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    locale = Locale.get_default()
    consultation = (
        ConsultationPage.objects.live()
        .filter(locale=locale)
        .annotate(n=Count("proposals"))
        .order_by("-n", "pk")
        .first()
    )
    authors = list(Resident.objects.filter(village=consultation.get_parent().get_parent().specific.village))
    authors = authors or list(Resident.objects.all()[:5])
    existing = consultation.proposals.count()
    Proposal.objects.bulk_create(
        Proposal(
            page=consultation,
            author=authors[number % len(authors)],
            title=f"建议第{number}条：修缮村道和路灯",
            text="<p>村东头的路灯坏了三盏，晚上出行不便，建议尽快修好，并在桥头加装一盏。</p>",
        )
        for number in range(existing, proposals)
    )
    return demo_urls(f"consultation ({max(proposals, existing)} proposals)", consultation)


def demo_urls(consultation_label: str = "consultation", consultation=None) -> dict[str, str]:
    """{page label: URL} of one page of every public type in the demo county (seed_demo), in zh-hans: 东山村's,
    so that a county with more villages is measured on the same pages."""
    from django.db.models import Count
    from wagtail.models import Locale, Page

    from consultations.models import ConsultationPage
    from council.models import CouncilPage
    from home.models import VillagePage
    from legal_aid.models import LegalEducationPage
    from notices.models import NoticePage

    locale = Locale.get_default()
    village = VillagePage.objects.filter(locale=locale, village__code="dongshan").first() or (
        VillagePage.objects.filter(locale=locale).order_by("pk").first()
    )
    consultation = consultation or (
        ConsultationPage.objects.live()
        .filter(locale=locale, path__startswith=village.path)
        .annotate(n=Count("proposals"))
        .order_by("-n", "pk")
        .first()
    )
    notices = NoticePage.objects.live().filter(locale=locale, path__startswith=village.path).order_by("-date", "pk")
    finance = next(page for page in notices if _has_finance(page))
    plain = next(page for page in notices if not _has_finance(page))
    home = Page.objects.filter(depth=2, locale=locale).first()
    articles = LegalEducationPage.objects.live().filter(locale=locale).order_by("path")
    return {
        "home": home.url,
        "village": village.url,
        "notice": plain.url,
        "finance notice": finance.url,
        consultation_label: consultation.url,
        "council": CouncilPage.objects.live().filter(locale=locale, path__startswith=village.path).first().url,
        "legal-education article": next(page for page in articles if not page.quiz).url,
        "legal-education with quiz": next(page for page in articles if page.quiz).url,
        "search": "/zh-hans/search/?q=" + quote("公告"),
    }


def measure(env: dict, urls: dict[str, str], args, page_cache: bool) -> tuple[dict, dict]:
    """{label: (req/s, p50, p99, errors, X-Page-Cache)} for every page and the bare view, one gunicorn run."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
        [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "true" if page_cache else "false"},
        start_new_session=True,
    )
    results = {}
    loads = {}
    try:
        wait_for(port, time.monotonic() + 60)
        # The bare view first and last (its mean is the yardstick): the machine's load drifts during a run.
        for label, url in [("bare view", BARE), *urls.items(), ("bare view (again)", BARE)]:
            load(port, url, 0.5, args.clients)  # warm-up: imports, connections, the cache
            wall, latencies, errors, states = load(port, url, args.seconds, args.clients)
            ordered = sorted(latencies)
            p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
            results[label] = (len(ordered) / wall, statistics.median(ordered) * 1000, p99 * 1000, errors, states)
            loads[label] = os.getloadavg()[0]
        again = results.pop("bare view (again)")
        first = results["bare view"]
        results["bare view"] = tuple((a + b) / 2 for a, b in zip(first[:4], again[:4], strict=True)) + (first[4],)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return results, loads


def in_process(urls: dict[str, str]) -> dict[str, tuple[int, float, float]]:
    """{label: (queries uncached, CPU ms cached, CPU ms uncached)}, Django test client in this process."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    # A server keeps its connection across requests; reconnecting would also empty the query log.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    figures = {}
    for label, url in {"bare view": BARE, **urls}.items():
        row = []
        for enabled in (False, True):
            with override_settings(PAGE_CACHE_ENABLED=enabled):
                cache.clear()
                client = Client(HTTP_HOST="127.0.0.1")
                client.get(url)
                if not enabled:
                    with CaptureQueriesContext(connection) as queries:
                        client.get(url)
                    row.append(len(queries))
                samples = []
                for _ in range(30):
                    started = time.process_time()
                    response = client.get(url)
                    samples.append(time.process_time() - started)
                assert response.status_code == 200, (url, response.status_code)
                row.append(statistics.median(samples) * 1000)
        figures[label] = (row[0], row[2], row[1])
    return figures


STOCK_SEARCH = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LAYERS = {  # configuration: settings overridden (the page cache is off in all of them)
    "all on": {},
    "routing off": {"ROUTING_SHORTCUT_ENABLED": False},
    "tree cache off": {"TREE_CACHE_ENABLED": False},
    # The tree cache's entries are keyed by the lookups' stamp: with the lookups off it is off too.
    "lookups off": {"LOOKUP_CACHE_ENABLED": False},
    "stock search backend": {"WAGTAILSEARCH_BACKENDS": STOCK_SEARCH},
    "all off": {
        "ROUTING_SHORTCUT_ENABLED": False,
        "TREE_CACHE_ENABLED": False,
        "LOOKUP_CACHE_ENABLED": False,
        "WAGTAILSEARCH_BACKENDS": STOCK_SEARCH,
    },
}


def layers(urls: dict[str, str], rounds: int, samples: int = 30) -> dict[str, dict[str, tuple[int, float]]]:
    """{page: {configuration: (queries, CPU ms)}}: the CPU figure is the median over rounds of each round's
    median of `samples` uncached views; configurations rotate within every round."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    pages = {"bare view": BARE, **urls}
    queries: dict[tuple[str, str], int] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    names = list(LAYERS)
    for number in range(rounds):
        order = names[number % len(names) :] + names[: number % len(names)]
        for name in order:
            with override_settings(PAGE_CACHE_ENABLED=False, **LAYERS[name]):
                cache.clear()
                client = Client(HTTP_HOST="127.0.0.1")
                for label, url in pages.items():
                    client.get(url)  # fills the lookups and the tree cache, as a running server has them
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(url)
                    assert response.status_code == 200, (name, url, response.status_code)
                    queries[label, name] = len(captured)
                    times = []
                    for _ in range(samples):
                        started = time.process_time()
                        client.get(url)
                        times.append(time.process_time() - started)
                    cpu.setdefault((label, name), []).append(statistics.median(times) * 1000)
        print(f"  round {number + 1}/{rounds} done, load average {os.getloadavg()[0]:.1f}", flush=True)
    return {
        label: {name: (queries[label, name], statistics.median(cpu[label, name])) for name in names} for label in pages
    }


def report_layers(figures: dict[str, dict[str, tuple[int, float]]]) -> None:
    names = list(LAYERS)
    head = f"{'page':<30}" + "".join(f" {name:>22}" for name in names)
    print("queries / CPU ms per uncached view (median)")
    print(head)
    print("-" * len(head))
    for label, row in figures.items():
        print(f"{label:<30}" + "".join(f" {row[name][0]:>7} / {row[name][1]:>10.2f}" for name in names))
    print()
    print("what each layer saves, as a share of the page's uncached cost with every layer on (CPU; queries)")
    head = f"{'page':<30}" + "".join(f" {name:>22}" for name in names[1:])
    print(head)
    print("-" * len(head))
    for label, row in figures.items():
        on_queries, on_cpu = row["all on"]
        cells = []
        for name in names[1:]:
            off_queries, off_cpu = row[name]
            saved, extra = (off_cpu - on_cpu) / on_cpu, off_queries - on_queries
            cells.append(f" {saved:>+8.0%} {extra:>+4d} q ({off_cpu / on_cpu:.2f}x)")
        print(f"{label:<30}" + "".join(f"{cell:>23}" for cell in cells))


def report(urls, cached, uncached, loads_on, loads_off, figures) -> None:
    bare_on, bare_off = cached["bare view"][0], uncached["bare view"][0]
    head = (
        f"{'page':<30} {'cached req/s':>12} {'ratio':>6} {'p50/p99 ms':>13} {'uncached req/s':>14} {'ratio':>6}"
        f" {'p50/p99 ms':>13} {'queries':>7} {'CPU ms hit/miss':>16}  X-Page-Cache"
    )
    print(head)
    print("-" * len(head))
    failures = []
    for label in ("bare view", *urls):
        on, off = cached[label], uncached[label]
        queries, cpu_hit, cpu_miss = figures[label]
        ratio_on, ratio_off = on[0] / bare_on, off[0] / bare_off
        print(
            f"{label:<30} {on[0]:>12.0f} {ratio_on:>6.2f} {on[1]:>6.0f}/{on[2]:<6.0f} {off[0]:>14.1f} {ratio_off:>6.3f}"
            f" {off[1]:>6.0f}/{off[2]:<6.0f} {queries:>7} {cpu_hit:>7.2f}/{cpu_miss:<8.2f}  {on[4] or '-'}"
            + (f"  errors {on[3]}+{off[3]}" if on[3] or off[3] else "")
        )
        if label == "bare view":
            continue
        if ratio_on < TARGET_CACHED:
            failures.append(f"{label}: cached {ratio_on:.2f} < {TARGET_CACHED}")
        if ratio_off < TARGET_UNCACHED:
            failures.append(f"{label}: uncached {ratio_off:.3f} < {TARGET_UNCACHED}")
        if queries > QUERY_BUDGET:
            failures.append(f"{label}: {queries} queries > {QUERY_BUDGET}")
    print(
        f"load average (1 min) during the cached runs {min(loads_on.values()):.1f}-{max(loads_on.values()):.1f},"
        f" uncached {min(loads_off.values()):.1f}-{max(loads_off.values()):.1f} (2 cores shared with other jobs)"
    )
    print("targets: cached >= 0.8 of the bare view, uncached >= 0.05, <= 12 queries per uncached page")
    print("missed: " + "; ".join(failures) if failures else "all targets met")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--layers", action="store_true", help="what each layer over Wagtail buys, in process")
    parser.add_argument("--rounds", type=int, default=5, help="with --layers: rounds over the configurations")
    args = parser.parse_args()

    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    redis_port = free_port()
    redis = subprocess.Popen(  # noqa: S603  (Debian's redis-server, private port, no persistence)
        ["/usr/bin/redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        print(f"seeding the demo county and {args.proposals} proposals …", flush=True)
        urls = seed(args.proposals)
        print(f"seeded in {time.monotonic() - began:.0f} s; {args.workers} sync workers, {args.clients} clients,")
        print(f"{args.seconds:.0f} s per measurement; {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
        for label, url in urls.items():
            print(f"  {label:<30} {url}")
        if args.layers:
            print(f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())} (1/5/15 min)", flush=True)
            report_layers(layers(urls, args.rounds))
            loads = " ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"load average {loads}; whole run {time.monotonic() - began:.0f} s")
            return
        cached, loads_on = measure(env, urls, args, page_cache=True)
        uncached, loads_off = measure(env, urls, args, page_cache=False)
        figures = in_process(urls)
        report(urls, cached, uncached, loads_on, loads_off, figures)
        print(f"whole run {time.monotonic() - began:.0f} s")
    finally:
        from django.db import connections

        connections.close_all()
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        os.killpg(redis.pid, signal.SIGTERM)
        redis.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

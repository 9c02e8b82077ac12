"""The demo county (4 villages) and a generated county (seed_county) side by side, on PostgreSQL.

    .venv/bin/python bench/county.py [--villages 40] [--years 2] [--reuse] [--skip-backup] [--build-only]
        [--skip-memory] [--skip-cache] [--skip-import] [--import-villages 305] [--roll-villages 5] [--skip-index]

Two databases on 127.0.0.1:5432 (user postgres): `vc_county_demo` (seed_demo) and `--db` (default vc_seed:
seed_demo, then seed_county --villages N --years Y), each migrated and seeded unless --reuse finds it seeded.
For each it prints, measured in a child process with the bench settings (production settings, its own
redis-server on loopback, the page cache off: every view rendered):

- queries and CPU ms (median of 30, Django test client) of an uncached view of every public page type, on
  东山村's pages, which both counties have (bench/pages.py's in_process);
- admin screens as a superuser (explorer, verification queue, moderation queue, paper ballots, disclosure
  calendar, requests workbench, outcomes, dashboard): status, queries, median wall ms of 5;
- the search page in every locale: p50 / p95 wall ms over bench/search_bench.py's 20 queries × 5 rounds;
- seed times (the commands' own wall time; seed_county's report), and `manage.py backup` then `restore` into
  an empty database: times, archive size, and the restore's own check of row counts and ballot checksum;
- gunicorn worker memory (RSS, PSS, private) after a walk of the public pages and the search page
  (bench/county_memory.py);
- the hit ratio of the other villages' pages in the page cache and the tree cache while 东山村 edits, on a
  copy of each database (bench/county_cache.py);
- the village register import of --import-villages rows into a fresh database, first and second run, and the
  household rolls of --roll-villages villages (bench/county_import.py; one database, not side by side);
- last, as it rewrites the search rows: one page's incremental index update and the full rebuild of the
  site-search index (bench/county_index.py).

CPU is this process's (the page and admin figures are measured in process, gunicorn-free). Figures only;
nothing is asserted. The databases are kept (--reuse measures them again without seeding; the index part
leaves them with the same search rows, rewritten); the restore target, the copy, the import database and the
archive are removed. Each later section is printed as soon as it is measured.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_cache import admin_sql, free_port

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
PYTHON = str(ROOT / ".venv/bin/python")
LOCALES = ("zh-hans", "zh-hant", "en")


def manage(env: dict, *args: str) -> tuple[float, str]:
    """Run manage.py; (wall seconds, its output). Fails loudly."""
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603  (our own manage.py, fixed arguments)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.monotonic() - started, result.stdout


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{PG}/postgres") as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def build(env: dict, name: str, villages: int, years: int, reuse: bool) -> dict:
    """Migrate and seed the database unless --reuse finds it; the seed times."""
    env = {**env, "DATABASE_URL": f"{PG}/{name}"}
    if reuse and database_exists(name):
        return {"reused": True}
    admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {name}")
    times = {"migrate": manage(env, "migrate", "-v0")[0]}
    times["seed_demo"] = manage(env, "seed_demo", "--no-welcome", "--mail-dir", env["BENCH_MAIL_DIR"])[0]
    if villages:
        seconds, out = manage(env, "seed_county", "--villages", str(villages), "--years", str(years))
        times["seed_county"] = seconds
        times["seed_county report"] = [line.strip() for line in out.splitlines() if line.strip().startswith("time")]
        print(out, flush=True)
    return times


def backup_restore(env: dict, name: str, workdir: Path) -> dict:
    """manage.py backup, then restore into an empty database (which checks row counts and the ballot checksum)."""
    env = {**env, "DATABASE_URL": f"{PG}/{name}"}
    out_dir = workdir / f"backup-{name}"
    seconds, out = manage(env, "backup", "--output-dir", str(out_dir), "--media-root", env["MEDIA_ROOT"])
    archive = Path(out.splitlines()[0].strip())
    target = f"{name}_restore"
    admin_sql(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")
    admin_sql(f"CREATE DATABASE {target}")
    try:
        restore_seconds, restored = manage(
            env, "restore", str(archive), "--database-url", f"{PG}/{target}", "--media-root", str(workdir / "r")
        )
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {target} WITH (FORCE)")
    return {
        "backup s": seconds,
        "archive MB": archive.stat().st_size / 1e6,
        "backup": out.strip().splitlines()[-1],
        "restore s": restore_seconds,
        "restore": restored.strip().splitlines()[-1],
    }


# ---- the child: measures one database in this process ----------------------------------------------------------


def admin_urls() -> dict[str, str]:
    from django.urls import reverse
    from wagtail.models import Locale, Page

    from notices.models import NoticeIndexPage

    default = Locale.get_default()
    home = Page.objects.get(depth=2, locale=default)
    biggest = NoticeIndexPage.objects.filter(locale=default).order_by("-numchild", "pk").first()
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer: county home": reverse("wagtailadmin_explore", args=[home.pk]),
        f"explorer: notices ({biggest.numchild})": reverse("wagtailadmin_explore", args=[biggest.pk]),
        "verification queue": reverse("residents_admin:queue"),
        "moderation queue": reverse("consultations_admin:moderation_queue"),
        "paper ballots": reverse("consultations_admin:paper_ballot"),
        "consultation outcomes": reverse("consultations_admin:outcomes"),
        "disclosure calendar": reverse("notices_calendar"),
        "requests workbench": reverse("grid_admin:workbench"),
        "walk-in request form": reverse("grid_admin:file"),
        "supervision members": reverse("supervision_members"),
        "assisted entry": reverse("consultations_admin:assisted"),
        "rules revisions": reverse("rules_revisions:list"),
        "assessment (public site)": f"/zh-hans/requests/assessment/?period={datetime.date.today().year}",
    }


def time_admin(urls: dict[str, str], rounds: int = 5) -> dict[str, tuple[int, int, float]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _created = get_user_model().objects.get_or_create(
        username="county-bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    figures = {}
    for label, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured)  # now: the next request's request_started empties the connection's query log
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        figures[label] = (response.status_code, queries, statistics.median(times))
    return figures


def time_search(rounds: int = 5) -> dict[str, tuple[float, float]]:
    from urllib.parse import quote

    from django.test import Client, override_settings

    from bench.search_bench import QUERIES

    figures = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        client = Client(HTTP_HOST="127.0.0.1")
        for language in LOCALES:
            times = []
            for _ in range(rounds):
                for text in QUERIES:
                    started = time.perf_counter()
                    response = client.get(f"/{language}/search/?q={quote(text)}")
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (language, text, response.status_code)
            times.sort()
            figures[language] = (statistics.median(times), times[int(len(times) * 0.95) - 1])
    return figures


def sizes() -> dict[str, int]:
    from wagtail.models import Page

    from consultations.models import Participation
    from home.models import Village
    from notices.models import NoticePage
    from residents.models import Resident
    from search.models import SearchDocument

    return {
        "villages": Village.objects.count(),
        "pages": Page.objects.count(),
        "notices (all languages)": NoticePage.objects.count(),
        "residents": Resident.objects.count(),
        "participations": Participation.objects.count(),
        "search rows": SearchDocument.objects.count(),
    }


def child() -> None:
    import django

    django.setup()
    from bench.county_memory import walk_urls
    from bench.pages import demo_urls, in_process

    urls = demo_urls()
    result = {
        "sizes": sizes(),
        "pages": in_process(urls),
        "admin": time_admin(admin_urls()),
        "search": time_search(),
        "urls": urls,
        "walk": walk_urls(urls),
    }
    print("RESULT " + json.dumps(result, ensure_ascii=False))


def measure(env: dict, name: str) -> dict:
    _seconds, out = manage({**env, "DATABASE_URL": f"{PG}/{name}", "BENCH_CHILD": "1"}, "shell", "-c", CHILD_CODE)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


CHILD_CODE = "import sys; sys.path.insert(0, '.'); from bench.county import child; child()"


# ---- the report ----------------------------------------------------------------------------------------------------


WIDTH = 34


def report(labels: list[str], built: list[dict], measured: list[dict], backups: list[dict]) -> None:
    width = WIDTH
    head = f"{'':<{width}}" + "".join(f" {label:>28}" for label in labels)
    print(head)
    print("-" * len(head))
    for key in measured[0]["sizes"]:
        print(f"{key:<{width}}" + "".join(f" {m['sizes'][key]:>28,}" for m in measured))
    print("\npublic pages, uncached: queries / CPU ms (median of 30)")
    for key in measured[0]["pages"]:
        cells = [f"{m['pages'][key][0]} / {m['pages'][key][2]:.1f}" for m in measured]
        print(f"{key:<{width}}" + "".join(f" {cell:>28}" for cell in cells))
    print("\nadmin screens as a superuser: status, queries, wall ms (median of 5)")
    for index, key in enumerate(measured[0]["admin"]):
        cells = []
        for m in measured:
            label, (status, queries, ms) = list(m["admin"].items())[index]
            cells.append(f"{status} {queries:>4} q {ms:>8.0f} ms")
        print(f"{key.split(' (')[0]:<{width}}" + "".join(f" {cell:>28}" for cell in cells))
    print("\nsearch page, wall ms p50 / p95 (20 queries x 5 rounds, page cache off)")
    for language in LOCALES:
        cells = [f"{m['search'][language][0]:.1f} / {m['search'][language][1]:.1f}" for m in measured]
        print(f"{language:<{width}}" + "".join(f" {cell:>28}" for cell in cells))
    print("\nseeding (wall s)")
    for key in ("migrate", "seed_demo", "seed_county"):
        cells = [f"{b[key]:.0f}" if key in b else ("reused" if b.get("reused") else "-") for b in built]
        print(f"{key:<{width}}" + "".join(f" {cell:>28}" for cell in cells))
    for b, label in zip(built, labels, strict=True):
        for line in b.get("seed_county report", []):
            print(f"  {label}: {line}")
    if backups:
        print("\nbackup and restore")
        for key in ("backup s", "archive MB", "restore s"):
            print(f"{key:<{width}}" + "".join(f" {b[key]:>28.1f}" for b in backups))
        for b, label in zip(backups, labels, strict=True):
            print(f"  {label}: {b['backup']}\n  {label}: {b['restore']}")


def later_parts(args, env: dict, workdir: Path, labels: list[str], measured: list[dict]) -> None:
    """Memory, cache, imports and (last: it rewrites the search rows) the index, each printed when done. A part
    that fails says so and the next one runs: a county-sized run is long, and one part's failure (a connection
    left on the template of the copy, say) should not cost the others' figures."""
    from bench import county_cache, county_import, county_index, county_memory

    names = (args.demo_db, args.db)

    def memory() -> None:
        figures = [county_memory.memory(env, f"{PG}/{n}", m["walk"]) for n, m in zip(names, measured, strict=True)]
        county_memory.report(labels, figures, WIDTH)

    parts = {
        "memory": (args.skip_memory, memory),
        "cache": (
            args.skip_cache,
            lambda: county_cache.report(labels, [county_cache.measure(env, n) for n in names], WIDTH),
        ),
        "import": (
            args.skip_import,
            lambda: county_import.report(county_import.measure(env, workdir, args.import_villages, args.roll_villages)),
        ),
        "index": (
            args.skip_index,
            lambda: county_index.report(labels, [county_index.measure(env, f"{PG}/{n}") for n in names], WIDTH),
        ),
    }
    for name, (skipped, part) in parts.items():
        if skipped:
            continue
        try:
            part()
        except (Exception, SystemExit) as error:
            print(f"\n{name} part failed: {str(error)[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=40)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--db", default="vc_seed")
    parser.add_argument("--demo-db", default="vc_county_demo")
    parser.add_argument("--reuse", action="store_true", help="measure the databases again without seeding them")
    parser.add_argument("--skip-backup", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="seed, then stop (measure with --reuse)")
    parser.add_argument("--skip-memory", action="store_true", help="no gunicorn worker memory")
    parser.add_argument("--skip-cache", action="store_true", help="no cache hit ratio under edits (on a copy)")
    parser.add_argument("--skip-import", action="store_true", help="no register and roll import times")
    parser.add_argument("--import-villages", type=int, default=305, help="rows of the imported register")
    parser.add_argument("--roll-villages", type=int, default=5, help="villages whose rolls are imported")
    parser.add_argument("--skip-index", action="store_true", help="no search index rebuild and refresh times")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each section shows as soon as it is printed, into a log too
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="bench-county-"))
    redis_port = free_port()
    redis = subprocess.Popen(  # noqa: S603  (Debian's redis-server, private port, no persistence)
        ["/usr/bin/redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    (workdir / "media").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "BACKUP_DIR": str(workdir / "backups"),
        "BENCH_MAIL_DIR": str(workdir / "mail"),
        "MFA_REQUIRED_FOR_STAFF": "false",
        "LOG_LEVEL": "WARNING",
    }
    labels = ["demo (4 villages)", f"4 + {args.villages} villages x {args.years} y"]
    try:
        manage({**env, "DATABASE_URL": f"{PG}/postgres"}, "collectstatic", "--noinput", "-v0")
        built = []
        for name, villages in ((args.demo_db, 0), (args.db, args.villages)):
            print(f"building {name} …", flush=True)
            built.append(build(env, name, villages, args.years, args.reuse))
        if args.build_only:
            print(json.dumps(built, indent=2, default=str))
            return
        print(f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, load average {os.getloadavg()[0]:.1f}")
        measured = [measure(env, name) for name in (args.demo_db, args.db)]
        backups = [] if args.skip_backup else [backup_restore(env, n, workdir) for n in (args.demo_db, args.db)]
        report(labels, built, measured, backups)
        later_parts(args, env, workdir, labels, measured)
        loads = " ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"\nload average {loads}; whole run {time.monotonic() - began:.0f} s")
    finally:
        os.killpg(redis.pid, signal.SIGTERM)
        redis.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

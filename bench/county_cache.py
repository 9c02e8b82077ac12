"""bench/county.py's cache hit ratio of untouched villages while one village edits, on a copy of the database.

bench/cache_scope.py's measurement (its `run`, `edit` and `Counter`) against PostgreSQL at the county's size
instead of a fresh SQLite county: a child process on `CREATE DATABASE vc_bench_copy TEMPLATE <db>` (the edits
write; the copy is dropped afterwards) with the bench settings, the page cache on (an hour, so nothing expires
during the run), the lookups and the tree cache on, all in the bench's own redis-server.

The editing village is 东山村 (both counties have it). The other villages' pages are a repeatable sample of
OTHERS live pages of the other villages in every language (all of them on the demo, which has fewer), the
editing village's a sample of OWN, both without the pages the page cache never keeps (never_cached).
cache_scope.run empties the cache, views every sampled page twice, then makes EDITS edits in 东山村 in a row,
cycling through what a committee does (publish a corrected notice, save a draft, add a notice, unpublish one,
move one, delete one, save the village's register entry), each in its own transaction as in the admin; after
each, VIEWS random pages of the sample of other villages and a fifth as many of 东山村's are viewed with the
page cache off (did the route come from the tree cache?) and then on (X-Page-Cache: hit?). The lookups read
again from the database are counted too.
"""

import json
import random
import time
from types import SimpleNamespace

OTHERS = 300
OWN = 60
EDITS = 28  # four rounds of cache_scope's seven kinds of edit
VIEWS = 20
COPY = "vc_bench_copy"


def sample_urls(village_pages, limit: int, rng: random.Random) -> list[str]:
    from wagtail.models import Page

    ids: list[int] = []
    for village_page in village_pages:
        ids += Page.objects.live().filter(path__startswith=village_page.path).values_list("pk", flat=True)
    ids = sorted(ids)
    chosen = rng.sample(ids, min(limit, len(ids)))
    return sorted(filter(None, (page.get_url() for page in Page.objects.filter(pk__in=chosen))))


def never_cached(urls: list[str]) -> set[str]:
    """The pages the page cache never keeps, whatever the edits (X-Page-Cache: bypass on a second view: an open
    consultation's page, say, which shows each visitor their own ballot form): left out of the sample, since
    no invalidation scoping can make them hits."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    client = Client()
    for url in urls:
        client.get(url)
    return {url for url in urls if client.get(url).get("X-Page-Cache") == "bypass"}


def child() -> None:
    import django

    django.setup()
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from bench.cache_scope import run
    from home.models import Village, VillagePage

    request_started.disconnect(close_old_connections)  # a server keeps its connection across requests
    request_finished.disconnect(close_old_connections)
    editing = Village.objects.filter(code="dongshan").first() or Village.objects.order_by("pk").first()
    rng = random.Random(21)
    others = sample_urls(VillagePage.objects.exclude(village=editing).order_by("pk"), OTHERS, rng)
    own = sample_urls(VillagePage.objects.filter(village=editing).order_by("pk"), OWN, rng)
    bypassed = never_cached(others + own)
    others, own = [u for u in others if u not in bypassed], [u for u in own if u not in bypassed]
    args = SimpleNamespace(seed=21, edits=EDITS, views=VIEWS)
    started = time.monotonic()
    figures = run("scoped", args, editing, others, own)
    result = {
        **figures,
        "editing": editing.name,
        "other villages": Village.objects.exclude(pk=editing.pk).count(),
        "others sampled": len(others),
        "own sampled": len(own),
        "never cached": len(bypassed),
        "edits": EDITS,
        "wall s": time.monotonic() - started,
    }
    print("RESULT " + json.dumps(result, ensure_ascii=False))


CHILD_CODE = "import sys; sys.path.insert(0, '.'); from bench.county_cache import child; child()"


def copy_database(name: str) -> None:
    """CREATE DATABASE … TEMPLATE needs the template without connections; a child that just ended may still be
    closing its own, so try again for a while."""
    from bench.page_cache import admin_sql

    admin_sql(f"DROP DATABASE IF EXISTS {COPY} WITH (FORCE)")
    for attempt in range(30):
        try:
            admin_sql(f"CREATE DATABASE {COPY} TEMPLATE {name}")
            return
        except Exception as error:  # psycopg.errors.ObjectInUse: "source database is being accessed"
            if "being accessed" not in str(error) or attempt == 29:
                raise
            time.sleep(2)


def measure(env: dict, name: str) -> dict:
    from bench.county import PG, manage
    from bench.page_cache import admin_sql

    began = time.monotonic()
    copy_database(name)
    copied = time.monotonic() - began
    try:
        child_env = {
            **env,
            "DATABASE_URL": f"{PG}/{COPY}",
            "PAGE_CACHE": "true",
            "PAGE_CACHE_SECONDS": "3600",
            "LOOKUP_CACHE": "true",
            "TREE_CACHE": "true",
        }
        _seconds, out = manage(child_env, "shell", "-c", CHILD_CODE)
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {COPY} WITH (FORCE)")
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return {**json.loads(line.removeprefix("RESULT ")), "copy s": copied}


def share(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f}% ({hits}/{total})" if total else "n/a"


def report(labels: list[str], figures: list[dict], width: int) -> None:
    first = figures[0]
    print(
        f"\ncache hit ratio while {first['editing']} makes {first['edits']} edits (page cache on, a copy of the"
        f" database; {VIEWS} views of other villages' pages after each edit)"
    )
    rows = {
        "other villages (pages sampled)": [f"{f['other villages']} ({f['others sampled']})" for f in figures],
        "sampled pages never cached, left out": [str(f["never cached"]) for f in figures],
        "others: page cache hits": [share(f["page hits"], f["views"]) for f in figures],
        "others: routes from the tree cache": [share(f["tree route hits"], f["tree views"]) for f in figures],
        "editing village: page cache hits": [share(f["own page hits"], f["own views"]) for f in figures],
        "editing village: routes, tree cache": [share(f["tree own route hits"], f["tree own views"]) for f in figures],
        "lookups read again from the database": [str(f["lookup loads"]) for f in figures],
        "copy of the database s / run s": [f"{f['copy s']:.0f} / {f['wall s']:.0f}" for f in figures],
    }
    for label, cells in rows.items():
        print(f"{label:<{width}}" + "".join(f" {cell:>28}" for cell in cells))

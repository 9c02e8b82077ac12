"""bench/county.py's site-search indexing at county size: one page's incremental update, then a full rebuild.

In a child process on the database, with the bench settings:

- incremental: `search.indexing.refresh_page`, what the page-publish and page-save signals call
  (search/signals.py) to rewrite one page's rows, on SAMPLES notice pages in the default locale (a repeatable
  random sample), each in its own transaction as after a publish; the median and the slowest wall ms;
- full: `search.indexing.rebuild`, what `manage.py update_index` (search/management/commands) adds to Wagtail's
  own index rebuild: empty the site-search table, write every row again, ANALYZE it. Wall seconds and rows.

Both write the rows the pages already have (the same text, new row ids), so the database stays as it was in
everything a view shows; county.py runs this part last. Wagtail's own admin-search backend (the other half of
update_index) is not timed.
"""

import json
import random
import statistics
import time

SAMPLES = 20


def child() -> None:
    import django

    django.setup()
    from wagtail.models import Locale

    from notices.models import NoticePage
    from search import indexing
    from search.models import SearchDocument

    ids = list(NoticePage.objects.filter(locale=Locale.get_default()).order_by("pk").values_list("pk", flat=True))
    sample = random.Random(21).sample(ids, min(SAMPLES, len(ids)))
    indexing.refresh_page(sample[0])  # the first call imports and builds the search types
    samples = []
    for page_id in sample:
        started = time.perf_counter()
        indexing.refresh_page(page_id)
        samples.append((time.perf_counter() - started) * 1000)
    rows_before = SearchDocument.objects.count()
    started = time.perf_counter()
    written = indexing.rebuild()
    rebuilt = time.perf_counter() - started
    result = {
        "pages": len(samples),
        "refresh ms": statistics.median(samples),
        "refresh max ms": max(samples),
        "rows before": rows_before,
        "rows": written,
        "rebuild s": rebuilt,
    }
    print("RESULT " + json.dumps(result))


CHILD_CODE = "import sys; sys.path.insert(0, '.'); from bench.county_index import child; child()"


def measure(env: dict, database_url: str) -> dict:
    from bench.county import manage

    _seconds, out = manage({**env, "DATABASE_URL": database_url}, "shell", "-c", CHILD_CODE)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def report(labels: list[str], figures: list[dict], width: int) -> None:
    print("\nsite-search index (run last: it rewrites the search rows)")
    rows = {
        f"refresh_page, {figures[0]['pages']} notices: median ms": [f"{f['refresh ms']:.1f}" for f in figures],
        "refresh_page, slowest ms": [f"{f['refresh max ms']:.1f}" for f in figures],
        "full rebuild: rows (before)": [f"{f['rows']:,} ({f['rows before']:,})" for f in figures],
        "full rebuild wall s": [f"{f['rebuild s']:.1f}" for f in figures],
    }
    for label, cells in rows.items():
        print(f"{label:<{width}}" + "".join(f" {cell:>28}" for cell in cells))

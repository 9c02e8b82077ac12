"""Hit ratio of the other villages' pages while one village edits (issue 21: per-village cache scoping).

    .venv/bin/python bench/cache_scope.py [--villages 12] [--notices 3] [--edits 60] [--views 20] [--seed 21]

Builds a county of --villages villages in a fresh SQLite database of its own (a temporary file, migrated here),
every village with its sections and --notices notices, mirrored into zh-hans, zh-hant and en as on the real site.
Every public page of every village is viewed once in every language (page cache, tree cache and lookups warm).
Then village A makes --edits changes in a row, cycling through what a committee does: publish a corrected notice,
save a draft, add a notice, unpublish one, move one, delete one, save the village's register entry. After each
change --views random pages of the other villages (random language) are viewed through Django's test client.

Printed, for each mode:
- page cache: the share of those views answered from the whole-page cache (X-Page-Cache: hit);
- tree cache: with the page cache off, the share of those views whose route came from the tree cache, and how
  many times the cached lookups (sites, locales, restrictions) had to be read again from the database;
- village A's own pages: the same shares, which must be low (its caches are retired by its edits).

Modes: "scoped" is the portal as it is; "as before" also retires every village's tree cache and the lookups after
each change, and every cached page after a move, which is what the portal did before issue 21 (any page save
anywhere cleared the lookups and with them the whole tree cache). Same seed, same edits, same views.

In-process, SQLite and the local-memory cache (the test settings with the caches switched on): a hit ratio does
not depend on the database; times are not measured. Nothing is left behind (the database file is removed).
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LANGUAGES = ("zh-hans", "zh-hant", "en")
EDIT_KINDS = ("publish", "draft", "new notice", "unpublish", "move", "delete", "register")


def setup(path: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.LOOKUP_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 3600
    print("migrating a fresh database ...", flush=True)
    call_command("migrate", verbosity=0)


def seed(villages: int, notices: int) -> list:
    from home.demo import ensure_page, paragraph
    from home.models import Village, VillagePage
    from notices.models import NoticeIndexPage, NoticePage

    made = []
    day = datetime.date(2026, 11, 20)
    for number in range(villages):
        village = Village.objects.create(
            code=f"v{number:03d}",
            name=f"柳溪{number}村",
            township="柳溪镇",
            adult_villagers=900,
            households=300,
            representatives=27,
        )
        page = VillagePage.objects.get(village=village, locale__language_code="zh-hans")
        index = NoticeIndexPage.objects.child_of(page).get()
        for item in range(notices):
            title = f"{village.name}{item + 1}月财务公开"
            ensure_page(index, NoticePage(title=title, slug=f"finance-{item}", date=day, body=paragraph("收支明细")))
        made.append(village)
        print(f"  village {number + 1}/{villages}", flush=True)
    return made


def urls_of(village) -> list[str]:
    from wagtail.models import Page

    from home.models import VillagePage

    found = []
    for village_page in VillagePage.objects.filter(village=village):
        for page in Page.objects.live().descendant_of(village_page, inclusive=True):
            url = page.get_url()
            if url:
                found.append(url)
    return sorted(found)


class Counter:
    """Counts tree-cache route hits and lookup loads by wrapping the two functions (no change to their code)."""

    def __init__(self) -> None:
        from home import lookups, treecache

        self.routes = self.route_hits = self.loads = 0
        original_route, original_load = treecache.route, lookups._load

        def route(root, components):
            entry = original_route(root, components)
            self.routes += 1
            self.route_hits += entry is not None
            return entry

        def load():
            self.loads += 1
            return original_load()

        treecache.route, lookups._load = route, load


def edit(kind: str, village, rng: random.Random, number: int) -> None:
    """One change a committee makes in its village."""
    from home.demo import ensure_page, paragraph
    from home.models import Village, VillagePage
    from notices.models import NoticeIndexPage, NoticePage
    from supervision.review import reviewed_category_ids

    page = VillagePage.objects.get(village=village, locale__language_code="zh-hans")
    index = NoticeIndexPage.objects.child_of(page).get()
    # A notice under the supervision committee's review (a finance notice on the demo county) is published only
    # once a reviewer approved the revision (supervision/review.py): a committee's plain edits are on the others.
    reviewed = reviewed_category_ids()
    notices = [n for n in NoticePage.objects.child_of(index).live().order_by("pk") if n.category_id not in reviewed]
    if kind == "new notice" or not notices:
        ensure_page(index, NoticePage(title=f"停水通知{number}", slug=f"water-{number}", date=datetime.date.today()))
        return
    notice = rng.choice(notices).specific  # a subclass of NoticePage (an audit report) saves as itself
    if kind == "publish":
        notice.title = f"{notice.title.split('（')[0]}（更正{number}）"
        notice.body = paragraph(f"第{number}次更正")
        notice.save_revision().publish()
    elif kind == "draft":
        notice.title = f"{notice.title}（草稿）"
        notice.save_revision()
    elif kind == "unpublish":
        notice.unpublish()
    elif kind == "move":
        notice.move(index, pos="first-child")
    elif kind == "delete":
        notice.delete()
    elif kind == "register":
        Village.objects.get(pk=village.pk).save()


def as_before(kind: str) -> None:
    """What the portal did before issue 21 on the same change."""
    from home import lookups, treecache
    from portal import pagecache

    # Any page or village saved anywhere: new lookups, and with their new stamp a new tree cache for everyone.
    lookups.clear()
    treecache.bump_everything()
    if kind == "move":  # and a move made every cached page stale
        pagecache.bump_everything()


def run(mode: str, args, editing, others: list[str], own: list[str]) -> dict:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    client = Client()
    cache.clear()
    for _round in range(2):  # everything warm, in both caches: a council page's first view creates its Council
        for url in others + own:  # row (a watched model), which retires that village's pages once
            client.get(url)
    counter = Counter()
    rng = random.Random(args.seed)
    figures = {"views": 0, "page hits": 0, "own views": 0, "own page hits": 0}
    tree = {"views": 0, "route hits": 0, "own views": 0, "own route hits": 0}
    counter.loads = 0
    sid = transaction.savepoint()
    for number in range(args.edits):
        kind = EDIT_KINDS[number % len(EDIT_KINDS)]
        edit(kind, editing, rng, number)
        if mode == "as before":
            as_before(kind)
        sample = [rng.choice(others) for _ in range(args.views)]
        own_sample = [rng.choice(own) for _ in range(max(1, args.views // 5))]
        settings.PAGE_CACHE_ENABLED = False  # first the routes: these views leave the page cache as it is
        for key, urls in (("", sample), ("own ", own_sample)):
            for url in urls:
                before = counter.route_hits, counter.routes
                client.get(url)
                tree[f"{key}views"] += counter.routes - before[1]
                tree[f"{key}route hits"] += counter.route_hits - before[0]
        settings.PAGE_CACHE_ENABLED = True
        for key, urls in (("", sample), ("own ", own_sample)):
            for url in urls:
                response = client.get(url)
                figures[f"{key}views"] += 1
                figures[f"{key}page hits"] += response.get("X-Page-Cache") == "hit"
    transaction.savepoint_rollback(sid)
    return {**figures, **{f"tree {name}": value for name, value in tree.items()}, "lookup loads": counter.loads}


def share(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f}% ({hits}/{total})" if total else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=12)
    parser.add_argument("--notices", type=int, default=3)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--views", type=int, default=20, help="views of other villages' pages after each edit")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    handle, path = tempfile.mkstemp(prefix="bench-cache-scope-", suffix=".sqlite3")
    os.close(handle)
    try:
        setup(path)
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections, transaction

        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        print(f"seeding {args.villages} villages, {args.notices} notices each, in {len(LANGUAGES)} languages ...")
        villages = seed(args.villages, args.notices)
        editing, rest = villages[0], villages[1:]
        others = [url for village in rest for url in urls_of(village)]
        own = urls_of(editing)
        print(f"{len(others)} pages of {len(rest)} other villages, {len(own)} of the editing village")
        print(f"{args.edits} edits in one village, {args.views} views of other villages' pages after each\n")
        results = {}
        for mode in ("scoped", "as before"):
            with transaction.atomic():
                results[mode] = run(mode, args, editing, others, own)
        header = f"{'':<44} {'scoped':>22} {'as before':>22}"
        print(header)
        rows = [
            ("other villages: page cache hits", "page hits", "views"),
            ("other villages: routes from the tree cache", "tree route hits", "tree views"),
            ("editing village: page cache hits", "own page hits", "own views"),
            ("editing village: routes from the tree cache", "tree own route hits", "tree own views"),
        ]
        for label, hits, total in rows:
            cells = [share(results[mode][hits], results[mode][total]) for mode in results]
            print(f"{label:<44} {cells[0]:>22} {cells[1]:>22}")
        loads = [str(results[mode]["lookup loads"]) for mode in results]
        print(f"{'lookups read again from the database':<44} {loads[0]:>22} {loads[1]:>22}")
    finally:
        Path(path).unlink(missing_ok=True)


if __name__ == "__main__":
    main()

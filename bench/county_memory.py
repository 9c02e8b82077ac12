"""bench/county.py's gunicorn worker memory: a real server on each database, warmed, then /proc read.

The server is started as deploy/gunicorn.conf.py runs the portal (sync workers, no preload), with the bench
settings, the page cache off (every view of the walk is rendered, so every template and the code behind it is
imported and every per-process cache filled) and its access log off. The walk: every public page type
(bench/pages.py's demo_urls, on 东山村's pages), the search page in every locale with search_bench's 20
queries, and up to WALK_VILLAGES village pages (all four on the demo, a sample at county size: the per-process
lookups and the tree cache's routes grow with what was visited), each URL ROUNDS times by two clients at once
so that both workers render it. Then each worker's RSS, PSS and private memory from /proc/PID/smaps_rollup
(RSS counts the pages shared with the master; PSS shares them out; private is what the worker alone holds)
and the master's VmRSS.
"""

import http.client
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2
ROUNDS = 2
WALK_VILLAGES = 40


def walk_urls(urls: dict[str, str]) -> list[str]:
    """In the measuring child: the URLs the server is warmed with (see the module's docstring)."""
    from wagtail.models import Locale

    from bench.county import LOCALES
    from bench.search_bench import QUERIES
    from home.models import VillagePage

    pages = list(VillagePage.objects.live().filter(locale=Locale.get_default()).order_by("pk"))
    sample = random.Random(21).sample(pages, min(WALK_VILLAGES, len(pages)))
    search = [f"/{language}/search/?q={quote(text)}" for language in LOCALES for text in QUERIES]
    return [*urls.values(), *search, *(page.url for page in sample)]


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout  # noqa: S603,S607
    return sorted(int(pid) for pid in out.split())


def smaps(pid: int) -> tuple[int, int, int]:
    """(RSS, PSS, private) in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields["Rss"] // 1024, fields["Pss"] // 1024, private // 1024


def get(port: int, url: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", url, headers={"Host": "127.0.0.1", "Accept-Encoding": "identity"})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        if get(port, "/healthz") == 200:
            return
        time.sleep(0.5)
    raise SystemExit("gunicorn did not start")


def memory(env: dict, database_url: str, walk: list[str]) -> dict:
    """Start gunicorn on the database, walk, read every worker's memory, stop it. Figures in MB."""
    from bench.page_cache import free_port

    port = free_port()
    server = subprocess.Popen(  # noqa: S603  (our own gunicorn, fixed arguments)
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env={
            **env,
            "DATABASE_URL": database_url,
            "PAGE_CACHE": "false",
            "WEB_CONCURRENCY": str(WORKERS),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_TIMEOUT": "120",  # a loaded machine: a slow first view must not get its worker replaced
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(port, time.monotonic() + 120)
        started = {pid: smaps(pid)[0] for pid in worker_pids(server.pid)}
        statuses: list[int] = []
        lock = threading.Lock()

        def client(urls: list[str]) -> None:
            mine = [get(port, url) for url in urls]
            with lock:
                statuses.extend(mine)

        began = time.monotonic()
        orders = [walk, walk[::-1]]  # two clients at once, so both workers render the walk
        for _round in range(ROUNDS):
            threads = [threading.Thread(target=client, args=(urls,)) for urls in orders]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        walked = time.monotonic() - began
        pids = worker_pids(server.pid)
        master = Path(f"/proc/{server.pid}/status").read_text()
        master_kb = int(next(line for line in master.splitlines() if line.startswith("VmRSS")).split()[1])
        return {
            "workers": [[started.get(pid, 0), *smaps(pid)] for pid in pids],
            "replaced": len(set(pids) - set(started)),
            "master MB": master_kb // 1024,
            "requests": len(statuses),
            "errors": sum(status != 200 for status in statuses),
            "walk s": walked,
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def report(labels: list[str], figures: list[dict], width: int) -> None:
    print(f"\ngunicorn worker memory, MB ({WORKERS} sync workers, page cache off, after the walk)")
    rows = {
        "views in the walk (errors)": [f"{f['requests']} ({f['errors']})" for f in figures],
        "walk wall s": [f"{f['walk s']:.0f}" for f in figures],
        "RSS at start, each worker": [" / ".join(str(w[0]) for w in f["workers"]) for f in figures],
        "RSS after, each worker": [" / ".join(str(w[1]) for w in f["workers"]) for f in figures],
        "PSS after, each worker": [" / ".join(str(w[2]) for w in f["workers"]) for f in figures],
        "private after, each worker": [" / ".join(str(w[3]) for w in f["workers"]) for f in figures],
        "master RSS": [str(f["master MB"]) for f in figures],
        "workers replaced during the walk": [str(f["replaced"]) for f in figures],
    }
    for label, cells in rows.items():
        print(f"{label:<{width}}" + "".join(f" {cell:>28}" for cell in cells))

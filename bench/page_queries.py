"""Print queries, response size and time per public page of the demo county. Run after `make demo`."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

ROUNDS = 20


def main() -> None:
    # A server keeps its connection across requests here; reconnecting would also empty the query log.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    default = Locale.get_default()
    seen: set[type] = set()
    print(f"{'page type':<28} {'queries':>7} {'bytes':>7} {'ms/req':>7}  url")
    for page in Page.objects.live().filter(locale=default, depth__gte=2).specific().order_by("path"):
        if type(page) in seen:
            continue
        seen.add(type(page))
        url = page.url
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries)
        started = time.perf_counter()
        for _ in range(ROUNDS):
            client.get(url)
        elapsed = (time.perf_counter() - started) / ROUNDS * 1000
        print(f"{type(page).__name__:<28} {query_count:>7} {len(response.content):>7} {elapsed:>7.1f}  {url}")


if __name__ == "__main__":
    main()

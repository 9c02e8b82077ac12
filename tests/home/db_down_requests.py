"""Run by test_database_down.py in a separate process whose DATABASE_URL points at a port nothing listens on.

A real PostgreSQL driver then fails to connect exactly as it does while the server restarts; nothing in the
database layer is faked. The page cache is a file cache shared with the test that filled it.
Usage: python db_down_requests.py CACHE_DIR FRESH_SECONDS REQUESTS_JSON -> prints one JSON result per request.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"

from django.conf import settings

cache_dir, fresh_seconds, requests = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": cache_dir}}
settings.PAGE_CACHE_ENABLED = True
settings.PAGE_CACHE_SECONDS = fresh_seconds

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

results = []
for method, path, data, cookies in requests:
    client = Client(raise_request_exception=False)
    client.cookies.load(cookies)
    response = getattr(client, method)(path, data) if data else getattr(client, method)(path)
    results.append(
        {
            "status": response.status_code,
            "cache": response.get("X-Page-Cache"),
            "retry_after": response.get("Retry-After"),
            "cache_control": response.get("Cache-Control"),
            "body": response.content.decode(),
        }
    )
print(json.dumps(results))

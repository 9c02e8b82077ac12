"""bench/pages.py only: the production settings plus one bare view (bench_urls.py); never used by the portal."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"

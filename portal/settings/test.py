"""The test suite: SQLite unless DATABASE_URL points elsewhere (CI runs a PostgreSQL pass)."""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-insecure-key-village-commons"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "portal.sessions.db"
# The locmem cache outlives each test's rolled-back database, so whole pages are cached only in the tests that
# switch it on (tests/home/test_page_cache.py) and clear it first.
PAGE_CACHE_ENABLED = False
# Likewise the cached sites, locales and restricted paths (home/lookups.py): on only where a test clears them.
LOOKUP_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Static files straight from the apps' folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Two-factor sign-in for staff is on everywhere else; the suite's many admin tests sign committees in with
# force_login, so it is off here and tests/residents/test_mfa.py switches it on.
MFA_REQUIRED_FOR_STAFF = False
# Rate limits out of the way of tests that post a lot; tests/consultations/test_rate_limits.py sets its own.
RATE_LIMITS = {scope: {"user": (10_000, 60), "ip": (10_000, 60)} for scope in RATE_LIMITS}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Test databases are thrown away: no fsync per commit (seeding the browser tests' portal commits ~500 times).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF;"  # noqa: F405

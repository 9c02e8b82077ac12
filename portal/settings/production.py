"""Production: every secret and host name comes from the environment; refuses to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES
from .env import env_bool, env_int
from .media import media_settings

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

DEBUG = False

# Uploads on a store every app server shares: MEDIA_ROOT on a shared mount, or object storage (MEDIA_STORAGE=s3).
_media_storage, _media_extra = media_settings(os.environ)
globals().update(_media_extra)
STORAGES = {
    **STORAGES,
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS ends at nginx, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's health probe speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is what check --deploy asks for; a county still testing its domain sets it to false.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt into SAMEORIGIN themselves
ELDER_MODE_COOKIE_SECURE = True

# ==== Issue 10: production and security ====
# Background tasks (e-mails, roll imports, reminders) go through the database to `make worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Sessions in Redis, written through to PostgreSQL (base.py picks cached_db when REDIS_URL is set).
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Persistent connections: one per gunicorn worker thread, checked before reuse (base.py: conn_health_checks).
DATABASES = {**DATABASES, "default": {**DATABASES["default"], "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60)}}  # noqa: F405

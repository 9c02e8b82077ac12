"""Several app servers behind nginx share every store a request may need next (docs/operations.md, "Several app
servers"): the production settings must not keep the cache, sessions, rate limits or the page cache per process,
and media go to a shared folder or, by setting, to object storage."""

import importlib
import re
import sys
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.test import override_settings

from home.private_media import serve_private_file
from portal.settings.media import S3_BACKEND, media_settings
from portal.shared_state import check_shared_state, per_process_stores

REDIS = {"default": {"BACKEND": "portal.rediscache.ReusingRedisCache", "LOCATION": "redis://127.0.0.1:6379/11"}}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BASE_ENV = {
    "SECRET_KEY": "test-only-production-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "cunwu.example.gov.cn",
}
MODULES = ("portal.settings.production", "portal.settings.base", "portal.settings.media")


def production(monkeypatch, **env: str) -> SimpleNamespace:
    """The production settings module as it would load with `env` (imported afresh, then put back as it was)."""
    for name in ("REDIS_URL", "MEDIA_STORAGE", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {**BASE_ENV, **env}.items():
        monkeypatch.setenv(name, value)
    saved = {name: sys.modules.pop(name) for name in MODULES if name in sys.modules}
    try:
        module = importlib.import_module("portal.settings.production")
        return SimpleNamespace(**{k: v for k, v in vars(module).items() if k.isupper()})
    finally:
        for name in MODULES:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
        # The fresh import also set them as attributes of `portal.settings`; `import portal.settings.base as base`
        # reads the attribute, so it must be the module in sys.modules again (or importlib.reload refuses it).
        for name, module in saved.items():
            package, _dot, attribute = name.rpartition(".")
            setattr(sys.modules[package], attribute, module)


def overrides(conf: SimpleNamespace) -> dict:
    # Without REDIS_URL the settings name the database engine (portal.sessions.db).
    engine = conf.SESSION_ENGINE
    return {"CACHES": conf.CACHES, "SESSION_ENGINE": engine, "TASKS": conf.TASKS, "PAGE_CACHE_ALIAS": "default"}


def stores_of(conf: SimpleNamespace) -> list[str]:
    with override_settings(**overrides(conf)):
        return per_process_stores()


def test_production_with_redis_keeps_nothing_per_process(monkeypatch):
    conf = production(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/11")

    assert conf.CACHES["default"]["BACKEND"] == "portal.rediscache.ReusingRedisCache"
    assert conf.SESSION_ENGINE == "portal.sessions.cached_db"
    assert conf.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert stores_of(conf) == []


def test_production_without_redis_is_flagged_by_the_deploy_check(monkeypatch):
    conf = production(monkeypatch)

    assert [store.split(":")[0] for store in stores_of(conf)] == ["cache (page cache, lookups, rate limits)"]
    with override_settings(**overrides(conf)):
        assert {message.id for message in check_shared_state(None)} == {"portal.W003"}


@pytest.mark.parametrize(
    ("caches", "engine", "tasks", "expected"),
    [
        (LOCMEM, "django.contrib.sessions.backends.db", DB_TASKS, ["cache"]),
        (REDIS, "django.contrib.sessions.backends.file", DB_TASKS, ["sessions"]),
        (REDIS, "django.contrib.sessions.backends.signed_cookies", DB_TASKS, ["sessions"]),
        (LOCMEM, "django.contrib.sessions.backends.cached_db", DB_TASKS, ["cache", "sessions"]),
        (REDIS, "django.contrib.sessions.backends.cache", IMMEDIATE_TASKS, ["tasks"]),
        (REDIS, "django.contrib.sessions.backends.cached_db", DB_TASKS, []),
        (REDIS, "django.contrib.sessions.backends.db", DB_TASKS, []),
        (LOCMEM, "portal.sessions.cached_db", DB_TASKS, ["cache", "sessions"]),
        (REDIS, "portal.sessions.cached_db", DB_TASKS, []),
        (REDIS, "portal.sessions.db", DB_TASKS, []),
    ],
)
def test_each_per_process_store_is_named(caches, engine, tasks, expected):
    with override_settings(CACHES=caches, SESSION_ENGINE=engine, TASKS=tasks, SESSION_CACHE_ALIAS="default"):
        found = per_process_stores()

    assert [store.split(" ")[0].rstrip(":") for store in found] == expected


def test_a_separate_page_cache_alias_is_checked_too():
    caches = {**REDIS, "pages": LOCMEM["default"]}
    with override_settings(CACHES=caches, PAGE_CACHE_ALIAS="pages", TASKS=DB_TASKS):
        assert [store.split(" (")[0] for store in per_process_stores()] == ["page cache"]


def test_rate_limits_count_in_the_default_cache(settings):
    """The counters must be where the check looks: the default cache, which production puts in Redis."""
    from django.core import cache as django_cache

    import portal.ratelimit

    assert portal.ratelimit.cache is django_cache.cache  # the proxy to caches["default"]
    settings.CACHES = LOCMEM
    assert "cache (page cache, lookups, rate limits)" in per_process_stores()[0]


def test_media_storage_defaults_to_the_shared_folder():
    storage, extra = media_settings({})

    assert storage == {"BACKEND": "portal.storage.PortalFileStorage"} and extra == {}


def test_media_storage_s3_by_setting():
    env = {
        "MEDIA_STORAGE": "S3",
        "AWS_STORAGE_BUCKET_NAME": "cunwu-media",
        "AWS_S3_ENDPOINT_URL": "https://minio.county.example:9000",
        "AWS_S3_REGION_NAME": "cn-east-1",
    }
    storage, extra = media_settings(env)

    assert storage["BACKEND"] == S3_BACKEND
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "cunwu-media" and options["endpoint_url"] == env["AWS_S3_ENDPOINT_URL"]
    assert options["region_name"] == "cn-east-1"
    # Never overwrite an upload of the same name; no public ACL per object; no expiring URLs in cached pages.
    assert options["file_overwrite"] is False and options["default_acl"] is None
    assert options["querystring_auth"] is False
    assert "access_key" not in options and "secret_key" not in options
    # Documents of private collections stay behind Wagtail's serve view instead of a redirect to the bucket.
    assert extra == {"WAGTAILDOCS_SERVE_METHOD": "serve_view"}


@pytest.mark.parametrize("env", [{"MEDIA_STORAGE": "s3"}, {"MEDIA_STORAGE": "ftp"}])
def test_media_storage_refuses_an_incomplete_or_unknown_store(env):
    with pytest.raises(ImproperlyConfigured):
        media_settings(env)


def test_production_settings_follow_media_storage(monkeypatch):
    default = production(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/11")
    s3 = production(
        monkeypatch, REDIS_URL="redis://127.0.0.1:6379/11", MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="media"
    )

    assert default.STORAGES["default"]["BACKEND"] == "portal.storage.PortalFileStorage"
    assert not hasattr(default, "WAGTAILDOCS_SERVE_METHOD")
    assert s3.STORAGES["default"]["BACKEND"] == S3_BACKEND
    assert s3.STORAGES["staticfiles"] == default.STORAGES["staticfiles"]
    assert s3.WAGTAILDOCS_SERVE_METHOD == "serve_view"


class StoredFile:
    """What serve_private_file reads of a FileField value."""

    def __init__(self, storage, name: str) -> None:
        self.storage, self.name = storage, name

    def __bool__(self) -> bool:
        return True


def test_private_files_on_object_storage_are_streamed_not_accel_redirected(settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private_media/"
    storage = InMemoryStorage()  # not a path nginx could read, like S3
    name = storage.save("requests/photo.jpg", ContentFile(b"\xff\xd8 jpeg"))

    response = serve_private_file(StoredFile(storage, name))

    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"\xff\xd8 jpeg"
    assert response["Cache-Control"] == "private, no-store"


def test_s3_storage_failures_are_storage_unavailable():
    """Runs where django-storages is installed (requirements.txt; the settings test above needs no package)."""
    pytest.importorskip("storages")
    from botocore.config import Config
    from storages.backends.s3 import S3Storage

    from portal.s3storage import PortalS3Storage
    from portal.storage import StorageUnavailable

    assert issubclass(PortalS3Storage, S3Storage)
    unreachable = PortalS3Storage(
        bucket_name="media",
        endpoint_url="http://127.0.0.1:9",  # discard port: nothing listens
        access_key="bench",
        secret_key="bench",
        client_config=Config(retries={"max_attempts": 1}, connect_timeout=1),
    )
    with pytest.raises(StorageUnavailable):
        unreachable.save("requests/photo.jpg", ContentFile(b"jpeg"))


def test_the_shipped_nginx_config_balances_several_servers_without_resending_posts():
    from django.conf import settings

    conf = (settings.BASE_DIR / "deploy" / "nginx-cunwu.conf").read_text()
    upstream = re.search(r"upstream cunwu_web \{([^}]*)\}", conf).group(1)
    servers = re.findall(r"^\s*server\s+(\S+)([^;]*);", upstream, re.MULTILINE)
    assert len(servers) >= 2
    assert all("max_fails=" in options and "fail_timeout=" in options for _address, options in servers)
    retry = re.search(r"proxy_next_upstream\s+([^;]*);", conf).group(1).split()
    # A POST that reached a server that then died is never sent to another one: no ballot stored twice.
    assert "error" in retry and "non_idempotent" not in retry
    assert conf.count("proxy_pass http://cunwu_web;") >= 2  # the app and the health probe


def test_the_task_worker_is_its_own_unit():
    from django.conf import settings

    deploy = settings.BASE_DIR / "deploy"
    worker = (deploy / "cunwu-worker.service").read_text()
    web = (deploy / "cunwu-web.service").read_text()
    assert "manage.py db_worker" in worker and "db_worker" not in web
    assert "EnvironmentFile=/etc/cunwu/env" in worker and "EnvironmentFile=/etc/cunwu/env" in web

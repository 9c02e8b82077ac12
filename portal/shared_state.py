"""What several app servers must share, and a `check --deploy` warning when a process would keep it to itself.

Behind nginx's upstream block every request may land on another server (and on another gunicorn worker of the
same server): a session, a rate-limit counter, a cached page or its invalidation counter, the cached lookups and
routes, kept in one process's memory, are invisible to the next request. So in production the default cache
(which holds the page cache, the lookups, the tree cache, portal.ratelimit's counters and allauth's sign-in
limits) must be a networked one, sessions must live in it or in the database, and the task queue in the
database. Media are checked separately: a local folder is shared only when it is a mount every server has, which
no setting can tell, so docs/operations.md says so and only object storage is recognised here as shared by nature.
"""

from django.conf import settings
from django.core import checks

# Cache back ends whose entries live in one process or on one machine's disk.
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    }
)
# Session engines that keep sessions per process or per machine (signed cookies are shared, but they cannot be
# revoked by signing out elsewhere, which the staff idle timeout and "sign out everywhere" rely on).
PER_PROCESS_SESSIONS = frozenset(
    {"django.contrib.sessions.backends.file", "django.contrib.sessions.backends.signed_cookies"}
)
# Sessions read from the cache alone (cache) or from the cache first (cached_db) depend on the cache being shared.
CACHE_SESSIONS = frozenset(
    {
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
        "portal.sessions.cached_db",  # Django's, with the database read prepared
    }
)
IN_PROCESS_TASKS = frozenset(
    {"django_tasks.backends.immediate.ImmediateBackend", "django_tasks.backends.dummy.DummyBackend"}
)


def cache_backend(alias: str = "default") -> str:
    return settings.CACHES.get(alias, {}).get("BACKEND", "")


def per_process_stores() -> list[str]:
    """What this configuration keeps in one process (or on one machine): empty when N servers can share it."""
    found = []
    default_cache = cache_backend("default")
    if default_cache in PER_PROCESS_CACHES:
        found.append(f"cache (page cache, lookups, rate limits): {default_cache}")
    page_alias = getattr(settings, "PAGE_CACHE_ALIAS", "default")
    if page_alias != "default" and cache_backend(page_alias) in PER_PROCESS_CACHES:
        found.append(f"page cache ({page_alias}): {cache_backend(page_alias)}")
    engine = settings.SESSION_ENGINE
    if engine in PER_PROCESS_SESSIONS:
        found.append(f"sessions: {engine}")
    elif engine in CACHE_SESSIONS and cache_backend(settings.SESSION_CACHE_ALIAS) in PER_PROCESS_CACHES:
        found.append(f"sessions: {engine} on {cache_backend(settings.SESSION_CACHE_ALIAS)}")
    tasks = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    if tasks in IN_PROCESS_TASKS:
        found.append(f"tasks: {tasks} (run inside the web request, no worker unit)")
    return found


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_state(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy`: with a per-process store, two app servers (or two gunicorn workers) disagree."""
    return [
        checks.Warning(
            f"Kept per process, not shared by the app servers: {store}.",
            hint="Set REDIS_URL (cache, sessions, rate limits, page cache) and TASKS to the database back end; "
            "docs/operations.md, 'Several app servers'.",
            id="portal.W003",
        )
        for store in per_process_stores()
    ]

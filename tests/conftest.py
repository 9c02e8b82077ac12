"""Fixtures shared by the whole suite. The database is real (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

import itertools
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale

from home.models import PortalHomePage, Village, VillagePage

_codes = itertools.count(1)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that commits for real is `transactional`, whether or not its author said so.

    Its flush at the end empties the database (serialized_rollback restores the migrations' rows only at the
    start of the next such test), so it must run in the separate, single-process `-m transactional` pass; one
    unmarked test in the parallel pass took the locales from every later test of its worker.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
        if transactional and item.get_closest_marker("transactional") is None:
            item.add_marker(pytest.mark.transactional)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the site's default language.

    LocaleMiddleware activates the request's language on the worker's thread and leaves it active after the
    response, so a test that read an /en/ page would otherwise make the next test on that worker speak English.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def portal_home(db, request: pytest.FixtureRequest) -> PortalHomePage:
    """The site root made by the home migrations.

    Pages made in a test exist in Simplified Chinese only, unless the test asks for `translated_trees`:
    mirroring every new page into zh-hant and en (wagtail-localize's tree sync) costs about 0.3 s per village,
    which most tests never look at.
    """
    if "translated_trees" not in request.fixturenames:
        from wagtail_localize.models import LocaleSynchronization

        LocaleSynchronization.objects.all().delete()
    return PortalHomePage.objects.get(locale=Locale.get_default())


@pytest.fixture
def translated_trees(db) -> None:
    """Pages made in this test are mirrored into zh-hant and en, as on the real site (see portal_home)."""


@pytest.fixture
def make_village(portal_home) -> Callable[..., Village]:
    """Create a village the way an editor does: its page, sections and committee group follow."""

    def make(**fields) -> Village:
        number = next(_codes)
        defaults = {
            "code": f"village{number}",
            "name": f"测试{number}村",
            "township": "柳溪镇",
            "adult_villagers": 900,
            "households": 300,
            "representatives": 27,
        }
        return Village.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def village_page(make_village) -> VillagePage:
    village = make_village(code="dongshan", name="东山村")
    return VillagePage.objects.get(village=village, locale=Locale.get_default())


@pytest.fixture
def make_user(db) -> Callable[..., object]:
    def make(username: str, **fields) -> object:
        return get_user_model().objects.create_user(username=username, password="changeme", **fields)

    return make


@pytest.fixture
def committee_member(make_user) -> Callable[[Village], object]:
    """A user in the given village's committee group."""

    def make(village: Village) -> object:
        user = make_user(f"committee-{village.code}")
        user.groups.add(village.committee_group)
        return user

    return make


@pytest.fixture
def without_locale_sync(db) -> None:
    """Only the default-locale tree, for tests that build many villages and do not look at other languages."""
    from wagtail_localize.models import LocaleSynchronization

    LocaleSynchronization.objects.all().delete()


@pytest.fixture
def cached_lookups(settings):
    """Sites, locales and restricted paths from the cache, as in production (off by default in tests)."""
    settings.LOOKUP_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker) -> Iterator[None]:
    """One transaction around a whole test module, rolled back at its end.

    For modules whose tests all need the same expensive rows (a village with its page tree costs about a
    second): a module-scoped fixture that depends on this one builds them once, and each test's own
    transaction (the `db` fixture) nests inside as a savepoint, so what a test writes still goes away after it.
    Module fixtures should hand out primary keys and let function fixtures fetch fresh instances: a shared
    Python object would keep in memory what a rolled-back test changed.
    """
    outer = transaction.atomic()
    # As Django's TestCase marks its own atomics: durable blocks (the vote path) may nest inside.
    outer._from_testcase = True
    with django_db_blocker.unblock(), outer:
        yield
        transaction.set_rollback(True)

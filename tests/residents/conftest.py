"""Villages A and B, residents in every state, and the cache cleared (allauth's rate limits live there)."""

import pytest
from django.core.cache import cache

from residents.models import Resident


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def village_a(make_village, without_locale_sync):
    return make_village(code="dongshan", name="东山村")


@pytest.fixture
def village_b(make_village, without_locale_sync):
    return make_village(code="xihe", name="西河村")


@pytest.fixture
def make_resident(make_user):
    counter = iter(range(1, 10_000))

    def make(village, *, state=Resident.Verification.VERIFIED, username=None, **fields):
        number = next(counter)
        user = make_user(username or f"villager{number}", email=f"villager{number}@example.org")
        defaults = {
            "real_name": f"王{number}英",
            "display_name": f"王*英{number}",
            "household_number": f"{number:04d}",
            "verification": state,
        }
        resident = Resident.objects.create(user=user, village=village, **{**defaults, **fields})
        user.refresh_from_db()
        return resident

    return make

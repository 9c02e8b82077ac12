"""A village with grids, a committee member, a grid worker, a township supervisor and a verified resident."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from grid import services
from grid.models import Grid, GridWorker, RequestCategory
from grid.rules import supervision_group
from residents import roles
from residents.models import Resident

# A Monday morning in Shanghai.
MONDAY = dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def village(make_village, without_locale_sync):
    return make_village(code="dongshan", name="东山村")


@pytest.fixture
def other_village(make_village, without_locale_sync):
    return make_village(code="nangang", name="南岗村", township="石桥乡")


@pytest.fixture
def grid(village):
    return Grid.objects.create(village=village, name="第一网格")


@pytest.fixture
def category(db):
    return RequestCategory.objects.get(code="roads-lights")


@pytest.fixture
def committee(village, committee_member):
    return committee_member(village)


@pytest.fixture
def worker(make_user, grid):
    user = make_user("gridworker")
    user.groups.add(Group.objects.get_or_create(name=roles.GRID_WORKER)[0])
    GridWorker.objects.create(grid=grid, user=user, name="周红梅", work_phone="0371-6011 2300")
    return user


@pytest.fixture
def supervisor(make_user, village):
    user = make_user("township")
    user.groups.add(supervision_group(village.township))
    return user


@pytest.fixture
def resident_user(make_user, village):
    user = make_user("villager", email="villager@example.org")
    Resident.objects.create(
        user=user,
        village=village,
        real_name="王秀英",
        display_name="王*英",
        phone="13812345678",
        verification=Resident.Verification.VERIFIED,
    )
    user.refresh_from_db()
    return user


@pytest.fixture
def filed(village, category, resident_user, grid):
    def make(**fields):
        defaults = {
            "village": village,
            "category": category,
            "description": "路灯坏了",
            "by": resident_user,
            "resident": resident_user.resident,
            "grid": grid,
            "place": "二组",
            "show_publicly": True,
            "now": MONDAY,
        }
        return services.file_request(**{**defaults, **fields})

    return make

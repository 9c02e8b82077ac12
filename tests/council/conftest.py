import datetime

import pytest

from council import services
from council.models import AgendaItem, CouncilMember, CouncilTerm
from residents.models import Resident

DAY = datetime.date(2026, 10, 15)


@pytest.fixture
def village(make_village, without_locale_sync):
    return make_village(code="dongshan", name="东山村", adult_villagers=100, households=30, representatives=27)


@pytest.fixture
def committee(village, committee_member):
    return committee_member(village)


@pytest.fixture
def roster(village):
    """A current term of 11 voting members and a supervisor, and a past term."""
    council = services.council_of(village)
    past = CouncilTerm.objects.create(
        council=council, name="第一届", starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2022, 12, 31)
    )
    CouncilMember.objects.create(term=past, name="赵老汉", role="chair")
    term = CouncilTerm.objects.create(
        council=council, name="第二届", starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2027, 12, 31)
    )
    roles = ["chair", "vice_chair"] + ["member"] * 9 + ["supervisor"]
    for number, role in enumerate(roles):
        CouncilMember.objects.create(term=term, name=f"理事{number}", role=role, sort_order=number)
    return term


@pytest.fixture
def make_meeting(village, committee):
    def make(kind="council", present=9, households=0, **fields):
        defaults = {"title": "会议", "date": DAY, "present_persons": present, "present_households": households}
        return services.record_meeting(committee, village, kind=kind, **{**defaults, **fields})

    return make


@pytest.fixture
def make_item():
    def make(meeting, reserved=""):
        return AgendaItem.objects.create(meeting=meeting, title="修建村道", reserved_matter=reserved)

    return make


@pytest.fixture
def make_resident(make_user):
    counter = iter(range(1, 10_000))

    def make(village, *, state=Resident.Verification.VERIFIED, **fields):
        number = next(counter)
        user = make_user(f"villager{number}", email=f"villager{number}@example.org")
        resident = Resident.objects.create(
            user=user, village=village, display_name=f"王*英{number}", verification=state, **fields
        )
        user.refresh_from_db()
        return resident

    return make

import datetime

import pytest
import time_machine

from council import services as council_services
from council.models import AgendaItem
from grid.rules import supervision_group
from residents.models import Resident

MEETING_DAY = datetime.date(2025, 12, 20)


def at(moment: datetime.datetime):
    """Frozen time at a local (Asia/Shanghai) moment."""
    from django.utils import timezone

    return time_machine.travel(timezone.make_aware(moment), tick=False)


@pytest.fixture
def village(make_village, without_locale_sync):
    return make_village(code="dongshan", name="东山村", township="柳溪镇", representatives=27)


@pytest.fixture
def make_resident(make_user):
    counter = iter(range(1, 10_000))

    def make(village, *, household="", state=Resident.Verification.VERIFIED, **fields):
        number = next(counter)
        user = make_user(f"villager{village.code}{number}", email=f"villager{number}@example.org")
        resident = Resident.objects.create(
            user=user,
            village=village,
            display_name=f"王*英{number}",
            real_name=f"王秀英{number}",
            household_number=household,
            verification=state,
            **fields,
        )
        user.refresh_from_db()
        return resident

    return make


@pytest.fixture
def clerk(village, make_resident):
    """A village committee member who is also on the register, household H-001."""
    resident = make_resident(village, household="H-001")
    resident.user.groups.add(village.committee_group)
    return resident.user


@pytest.fixture
def township(village, make_user):
    user = make_user("township-liuxi")
    user.groups.add(supervision_group(village.township))
    return user


@pytest.fixture
def county(make_user):
    return make_user("county-admin", is_superuser=True, is_staff=True)


@pytest.fixture
def motion(village, clerk):
    """A passed motion of the representatives' meeting that chose the supervision committee (art. 32)."""
    meeting = council_services.record_meeting(
        clerk, village, kind="representatives", title="村民代表会议", date=MEETING_DAY, present_persons=21
    )
    item = AgendaItem.objects.create(meeting=meeting, title="推选村务监督委员会成员")
    return council_services.record_motion(clerk, item, "推选王秀英等三人为村务监督委员会成员", yes=19, no=1, abstain=1)

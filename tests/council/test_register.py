"""Register history: every change of the village figures is kept with its date, and a meeting is judged by
the figures in force on its own date, frozen with it. Supervisors vote only if the charter says so."""

import datetime

from council import services
from council.models import Meeting, VillageRegisterRecord

D = datetime.date


def _fresh(village) -> None:
    """Start the history clean: the fixture's village was created today, after the dates used here."""
    VillageRegisterRecord.objects.filter(village=village).delete()


def _change(village, on: datetime.date, adults: int, households: int, representatives: int) -> None:
    village.adult_villagers, village.households, village.representatives = adults, households, representatives
    village.register_updated_on = on
    village.save()


def test_each_change_of_figures_is_a_dated_record(village):
    _fresh(village)
    _change(village, D(2026, 1, 1), 100, 30, 27)
    _change(village, D(2026, 7, 1), 120, 33, 29)
    village.name = "东山村（改名）"
    village.save()  # no change of figures, no new record
    rows = VillageRegisterRecord.objects.filter(village=village).order_by("effective_on")
    assert [(r.effective_on, r.adult_villagers) for r in rows] == [
        (D(2026, 1, 1), 100),
        (D(2026, 7, 1), 120),
    ]
    assert VillageRegisterRecord.as_of(village, D(2026, 6, 30)).adult_villagers == 100
    assert VillageRegisterRecord.as_of(village, D(2026, 7, 1)).adult_villagers == 120
    assert VillageRegisterRecord.as_of(village, D(2027, 1, 1)).adult_villagers == 120


def test_meeting_takes_figures_in_force_on_its_date_and_keeps_them(village, committee):
    _fresh(village)
    _change(village, D(2025, 1, 1), 90, 28, 25)
    _change(village, D(2026, 7, 1), 120, 33, 29)
    spring = services.record_meeting(
        committee, village, kind="assembly", title="春季村民会议", date=D(2026, 3, 8), present_persons=46
    )
    autumn = services.record_meeting(
        committee, village, kind="representatives", title="秋季代表会议", date=D(2026, 9, 1), present_persons=20
    )
    assert (spring.eligible_adults, spring.eligible_households, spring.eligible_representatives) == (90, 28, 25)
    assert spring.register_as_of == D(2025, 1, 1)
    assert (autumn.eligible_adults, autumn.eligible_representatives) == (120, 29)
    assert autumn.register_as_of == D(2026, 7, 1)
    # 46 of 90 adults is more than half: valid on the figures of its date, though not on today's 120.
    assert spring.present_persons * 2 > spring.eligible_adults
    # A later change, even one dated before the meeting, never touches what was frozen.
    _change(village, D(2026, 1, 1), 200, 60, 40)
    _change(village, D(2026, 10, 1), 130, 35, 30)
    spring.refresh_from_db()
    autumn.refresh_from_db()
    assert (spring.eligible_adults, spring.eligible_representatives) == (90, 25)
    assert (autumn.eligible_adults, autumn.eligible_representatives) == (120, 29)


def test_meeting_before_the_first_record_uses_the_earliest_known_figures(village, committee):
    _fresh(village)
    _change(village, D(2026, 1, 1), 100, 30, 27)
    meeting = services.record_meeting(
        committee, village, kind="representatives", title="代表会议", date=D(2024, 5, 1), present_persons=18
    )
    assert meeting.eligible_representatives == 27 and meeting.register_as_of == D(2026, 1, 1)


def test_same_day_correction_replaces_that_days_record(village):
    _change(village, D(2026, 1, 1), 100, 30, 27)
    _change(village, D(2026, 1, 1), 101, 30, 27)
    assert (
        VillageRegisterRecord.objects.filter(village=village, effective_on=D(2026, 1, 1)).get().adult_villagers == 101
    )


def test_supervisors_do_not_vote_unless_the_charter_says_so(village, roster, committee):
    day = D(2026, 10, 15)
    meeting = services.record_meeting(committee, village, kind="council", title="理事会", date=day, present_persons=8)
    assert meeting.eligible_members == 11  # twelve members, one of them a supervisor
    council = services.council_of(village)
    council.supervisors_vote = True
    council.save()
    counted = services.record_meeting(committee, village, kind="council", title="理事会", date=day, present_persons=8)
    assert counted.eligible_members == 12
    # 8 of 11 is at least 2/3 (valid); 8 of 12 is exactly 2/3 (still valid); the earlier record keeps its 11.
    assert Meeting.objects.get(pk=meeting.pk).eligible_members == 11
